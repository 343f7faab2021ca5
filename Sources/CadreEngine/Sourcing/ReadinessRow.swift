/// One person's estimates spread over a dense row of every skill, so their readiness for each of
/// forty role levels is a walk over that level's requirements alone — no search of the person's
/// sparse entries per level. 100,000 people × 40 role levels is then one pass over flat arrays.
///
/// The arithmetic is `SkillEstimates.readiness`'s, term for term and in the same order, so the
/// two agree to the bit.
struct ReadinessRow {
    private let estimates: SkillEstimates
    private let taxonomy: CompiledTaxonomy
    private let tolerance: Double
    private var dense: [Double]
    private var loaded = -1

    init(estimates: SkillEstimates, taxonomy: CompiledTaxonomy, tolerance: Double) {
        self.estimates = estimates
        self.taxonomy = taxonomy
        self.tolerance = tolerance
        dense = Array(repeating: 0, count: taxonomy.skillCount)
    }

    /// Makes `person` the row's person, clearing only the cells the previous one set.
    mutating func load(_ person: Int) {
        if loaded >= 0 {
            for i in estimates.entries(of: loaded) { dense[Int(estimates.skills[i])] = 0 }
        }
        for i in estimates.entries(of: person) { dense[Int(estimates.skills[i])] = estimates.estimates[i] }
        loaded = person
    }

    /// The loaded person's readiness for role level `r`, and whether they meet it.
    func readiness(roleLevel r: Int) -> (readiness: Double, meets: Bool) {
        var weightedGap = 0.0, weightedRequired = 0.0
        var meets = true
        for k in taxonomy.requirements(ofRoleLevel: r) {
            let e = dense[Int(taxonomy.requirementSkill[k])]
            let level = taxonomy.requirementLevel[k], importance = taxonomy.requirementImportance[k]
            let gap = Readiness.gap(required: level, estimate: e)
            weightedGap += importance * gap
            weightedRequired += importance * level
            meets = meets && gap <= tolerance
        }
        return (Readiness.readiness(weightedGap: weightedGap, weightedRequired: weightedRequired), meets)
    }

    /// The loaded person's readiness for each of `levels`, written to `readiness` (same length):
    /// one pass over the requirements through buffer pointers taken once.
    func readiness(for levels: [Int], into readiness: inout [Double]) {
        dense.withUnsafeBufferPointer { dense in
            taxonomy.requirementSkill.withUnsafeBufferPointer { skill in
                taxonomy.requirementLevel.withUnsafeBufferPointer { required in
                    taxonomy.requirementImportance.withUnsafeBufferPointer { importance in
                        taxonomy.requirementOffsets.withUnsafeBufferPointer { offsets in
                            for (slot, r) in levels.enumerated() {
                                var weightedGap = 0.0, weightedRequired = 0.0
                                for k in Int(offsets[r])..<Int(offsets[r + 1]) {
                                    let level = required[k]
                                    let gap = Readiness.gap(required: level, estimate: dense[Int(skill[k])])
                                    weightedGap += importance[k] * gap
                                    weightedRequired += importance[k] * level
                                }
                                readiness[slot] = Readiness.readiness(weightedGap: weightedGap, weightedRequired: weightedRequired)
                            }
                        }
                    }
                }
            }
        }
    }

    /// `round(readiness · 10⁹)`: the integer DESIGN.md's transfer objective adds up.
    static func nanos(_ readiness: Double) -> Int64 { Int64((readiness * 1e9).rounded()) }
}
