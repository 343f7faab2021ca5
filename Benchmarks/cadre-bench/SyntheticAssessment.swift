import CadreEngine

/// A deterministic synthetic organisation for the assessment benchmark, built straight into the
/// engine's flat arrays: the same seed and sizes give the same arrays on every machine.
///
/// Its shape follows what the engine is tuned for: ~30 evidence rows a person, a role level
/// asking for 10–20 of the skills, and most evidence (70 %) about skills the person's role needs
/// — each of them at least once while rows last — the rest about anything. A person's ratings
/// on required skills sit around the required level shifted by their own ability (−1.2 to +0.6,
/// ± 0.3 noise), so some people meet their role level and most fall short somewhere. Kinds are
/// drawn evenly, times over the last four years with one row in 30 observed after the as-of
/// time, and credentials valid for one to four years, so some have lapsed.
struct SyntheticAssessment {
    static let asOf: Int64 = 1_700_000_000

    var input: AssessmentInput

    init(people: Int, skills: Int, roleLevels: Int, evidencePerPerson: Int, seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let width = String(skills).count
        let skillIDs = (0..<skills).map { "skill-" + String(repeating: "0", count: width - String($0).count) + String($0) }

        var offsets: [Int32] = [0], required: [Int32] = [], levels: [Double] = [], importances: [Double] = []
        for _ in 0..<roleLevels {
            var chosen = Set<Int32>()
            let count = min(skills, 10 + random.below(11))
            while chosen.count < count { chosen.insert(Int32(random.below(skills))) }
            for skill in chosen.sorted() {
                required.append(skill)
                levels.append(Double(1 + random.below(5)))
                importances.append(Double(1 + random.below(5)))
            }
            offsets.append(Int32(required.count))
        }
        let taxonomy = try CompiledTaxonomy(
            skillIDs: skillIDs,
            roleLevels: (0..<roleLevels).map { RoleLevelRef(role: "role-\($0 / 4)", rung: $0 % 4 + 1) },
            requirementOffsets: offsets, requirementSkill: required, requirementLevel: levels,
            requirementImportance: importances)

        let teamCount = max(1, people / 8)
        let personRoleLevel = (0..<people).map { _ in Int32(random.below(roleLevels)) }
        let personTeam = (0..<people).map { _ in Int32(random.below(teamCount)) }

        let rows = people * evidencePerPerson
        var person = [Int32](), skill = [Int32](), level = [Double](), kind = [UInt8]()
        var observedAt = [Int64](), validUntil = [Int64]()
        person.reserveCapacity(rows); skill.reserveCapacity(rows); level.reserveCapacity(rows)
        kind.reserveCapacity(rows); observedAt.reserveCapacity(rows); validUntil.reserveCapacity(rows)
        let day: Int64 = 86_400
        var personRows: [(skill: Int32, observedAt: Int64, kind: UInt8, level: Double, validUntil: Int64)] = []
        for p in 0..<people {
            let requirements = taxonomy.requirements(ofRoleLevel: Int(personRoleLevel[p]))
            personRows.removeAll(keepingCapacity: true)
            let ability = Double(random.below(181)) / 100 - 1.2
            let onRequired = evidencePerPerson * 7 / 10
            for row in 0..<evidencePerPerson {
                let s: Int32
                let value: Double
                if row < onRequired {
                    let r = requirements.lowerBound + (row < requirements.count ? row : random.below(requirements.count))
                    s = taxonomy.requirementSkill[r]
                    let noise = Double(random.below(61)) / 100 - 0.3
                    // Whole hundredths, as a 0–100 score mapped onto 0–5 would give.
                    value = (min(5, max(0, taxonomy.requirementLevel[r] + ability + noise)) * 100).rounded() / 100
                } else {
                    s = Int32(random.below(skills))
                    value = Double(random.below(501)) / 100
                }
                let k = UInt8(random.below(SourceKind.allCases.count))
                var observed = Self.asOf - Int64(random.below(4 * 365)) * day - Int64(random.below(Int(day)))
                if random.below(30) == 0 { observed = Self.asOf + Int64(1 + random.below(90)) * day }
                let until = k == SourceKind.credential.code
                    ? observed + Int64(365 + random.below(3 * 365)) * day
                    : AssessmentInput.neverExpires
                personRows.append((s, observed, k, value, until))
            }
            personRows.sort { ($0.skill, $0.observedAt, $0.kind) < ($1.skill, $1.observedAt, $1.kind) }
            for row in personRows {
                person.append(Int32(p))
                skill.append(row.skill)
                level.append(row.level)
                kind.append(row.kind)
                observedAt.append(row.observedAt)
                validUntil.append(row.validUntil)
            }
        }
        input = try AssessmentInput(
            taxonomy: taxonomy, personRoleLevel: personRoleLevel, personTeam: personTeam, teamCount: teamCount,
            evidencePerson: person, evidenceSkill: skill, evidenceLevel: level, evidenceKind: kind,
            evidenceObservedAt: observedAt, evidenceValidUntil: validUntil)
    }
}
