/// Every person's estimate of every skill they have evidence for at T — not only the skills their
/// own role level requires. The later phases read it: a learning plan's prerequisites, readiness
/// toward another role level (sourcing), the next rung (retention).
///
/// Stored sparse, one sorted run of skills per person (people have evidence for a few dozen of
/// the taxonomy's skills, so a dense people × skills matrix would be mostly zeros). A skill with
/// no evidence counting at T reads as estimate 0 and `isAssessed == false`.
public struct SkillEstimates: Hashable, Sendable {
    public let personCount: Int
    public let skillCount: Int
    /// Person `p`'s entries are `offsets[p] ..< offsets[p + 1]`.
    public let offsets: [Int32]
    /// Strictly ascending within a person.
    public let skills: [Int32]
    public let estimates: [Double]
    /// Σ w; always > 0 (skills whose evidence all weighs 0 at T are left out).
    public let confidences: [Double]

    /// Computes the estimates through the same kernel as the gap map, so `estimate(person:skill:)`
    /// equals the gap map's cell for that person and skill to the bit.
    ///
    /// - Throws: `InputErrors` when `policy` has problems.
    public init(assessing input: AssessmentInput, asOf: Int64, policy: AssessmentPolicy = .standard) throws {
        let problems = policy.problems()
        if !problems.isEmpty { throw InputErrors(problems) }
        let weights = EvidenceWeights(policy: policy, asOf: asOf)
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(input.personCount + 1)
        var skills: [Int32] = []
        var estimates: [Double] = []
        var confidences: [Double] = []
        input.withKernel(weights: weights, tolerance: policy.meetsTolerance) { kernel in
            for p in 0..<input.personCount {
                let evidence = input.evidence(of: p)
                var row = evidence.lowerBound
                while row < evidence.upperBound {
                    let skill = kernel.evidenceSkill[row]
                    let (weight, weightedLevel) = kernel.accumulate(skill: skill, row: &row, end: evidence.upperBound)
                    if weight > 0 {
                        skills.append(skill)
                        estimates.append(weightedLevel / weight)
                        confidences.append(weight)
                    }
                }
                offsets.append(Int32(skills.count))
            }
        }
        self.personCount = input.personCount
        self.skillCount = input.taxonomy.skillCount
        self.offsets = offsets
        self.skills = skills
        self.estimates = estimates
        self.confidences = confidences
    }

    /// Takes already-computed entries (tests, decoding). Skills must ascend within each person.
    public init(skillCount: Int, perPerson: [[(skill: Int, estimate: Double)]]) {
        var offsets: [Int32] = [0]
        var skills: [Int32] = []
        var estimates: [Double] = []
        for entries in perPerson {
            for entry in entries.sorted(by: { $0.skill < $1.skill }) {
                skills.append(Int32(entry.skill))
                estimates.append(entry.estimate)
            }
            offsets.append(Int32(skills.count))
        }
        self.personCount = perPerson.count
        self.skillCount = skillCount
        self.offsets = offsets
        self.skills = skills
        self.estimates = estimates
        self.confidences = [Double](repeating: 1, count: skills.count)
    }

    /// Takes checked columns as they are (decoding).
    init(personCount: Int, skillCount: Int, offsets: [Int32], skills: [Int32], estimates: [Double], confidences: [Double]) {
        self.personCount = personCount
        self.skillCount = skillCount
        self.offsets = offsets
        self.skills = skills
        self.estimates = estimates
        self.confidences = confidences
    }

    public func entries(of person: Int) -> Range<Int> {
        Int(offsets[person])..<Int(offsets[person + 1])
    }

    /// `e_s`: the estimate, 0 when unassessed (DESIGN.md's common rules).
    @inline(__always)
    public func estimate(person: Int, skill: Int) -> Double {
        guard let i = entry(person: person, skill: skill) else { return 0 }
        return estimates[i]
    }

    public func isAssessed(person: Int, skill: Int) -> Bool { entry(person: person, skill: skill) != nil }

    @inline(__always)
    func entry(person: Int, skill: Int) -> Int? {
        var low = Int(offsets[person]), high = Int(offsets[person + 1])
        let target = Int32(skill)
        while low < high {
            let mid = (low + high) / 2
            if skills[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low < Int(offsets[person + 1]) && skills[low] == target ? low : nil
    }

    /// Readiness of `person` for role level `r` by the assessment formula, and whether they meet it
    /// (every `max(0, L − e) ≤ tolerance`). Walks the person's entries and the requirements together.
    public func readiness(person: Int, roleLevel r: Int, taxonomy: CompiledTaxonomy, tolerance: Double) -> (readiness: Double, meets: Bool) {
        var weightedGap = 0.0, weightedRequired = 0.0
        var meets = true
        var i = Int(offsets[person])
        let end = Int(offsets[person + 1])
        for k in taxonomy.requirements(ofRoleLevel: r) {
            let skill = taxonomy.requirementSkill[k]
            while i < end && skills[i] < skill { i += 1 }
            let e = i < end && skills[i] == skill ? estimates[i] : 0
            let level = taxonomy.requirementLevel[k], importance = taxonomy.requirementImportance[k]
            let gap = Readiness.gap(required: level, estimate: e)
            weightedGap += importance * gap
            weightedRequired += importance * level
            meets = meets && gap <= tolerance
        }
        return (Readiness.readiness(weightedGap: weightedGap, weightedRequired: weightedRequired), meets)
    }
}
