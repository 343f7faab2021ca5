import Testing
@testable import CadreEngine

/// Properties over seeded random organisations: each seed gives the same organisation on every
/// run, so a failure names a seed that reproduces it.
@Suite("Assessment properties")
struct AssessmentPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 42, 2024, 99_991]
    static let asOf: Int64 = 1_700_000_000

    @Test(arguments: seeds)
    func readinessLiesBetweenZeroAndOne(seed: UInt64) throws {
        let input = try Self.organisation(seed: seed)
        let map = try GapMap(assessing: input, asOf: Self.asOf)
        #expect(map.readiness.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(map.teams.meanReadiness.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(map.cellEstimate.allSatisfy { $0 >= 0 && $0 <= 5 })
        // A person meets exactly when no cell's gap exceeds the tolerance.
        for p in 0..<map.personCount {
            let person = map.person(p)
            #expect(person.meets == person.requirements.allSatisfy { $0.gap <= 0.25 })
        }
    }

    @Test(arguments: seeds)
    func raisingOneEvidenceValueNeverLowersThatEstimate(seed: UInt64) throws {
        var random = SplitMix64(seed: seed ^ 0xA5A5)
        let input = try Self.organisation(seed: seed)
        for _ in 0..<200 {
            let row = Int(random.next() % UInt64(input.evidenceCount))
            let person = Int(input.evidencePerson[row]), skill = Int(input.evidenceSkill[row])
            let before = try input.explain(person: person, skill: skill, asOf: Self.asOf).estimate
            var levels = input.evidenceLevel
            levels[row] = levels[row] + (5 - levels[row]) * random.unit()
            let raised = try Self.replacingLevels(of: input, with: levels)
            let after = try raised.explain(person: person, skill: skill, asOf: Self.asOf).estimate
            #expect(after >= before, "seed \(seed), row \(row): \(before) → \(after)")
        }
    }

    @Test(arguments: seeds)
    func everyViewAgreesWithTheGapMap(seed: UInt64) throws {
        let input = try Self.organisation(seed: seed)
        let map = try GapMap(assessing: input, asOf: Self.asOf)
        for p in stride(from: 0, to: input.personCount, by: 7) {
            let view = try input.assess(person: p, against: Int(input.personRoleLevel[p]), asOf: Self.asOf)
            #expect(view == map.person(p))
        }
        let decoded = try GapMap(decoding: map.encoded())
        #expect(decoded == map)
        #expect(try GapMap(assessing: input, asOf: Self.asOf).encoded() == map.encoded())
    }

    /// 60 people on 6 role levels over 24 skills, 0–20 evidence rows each, of every kind, some
    /// observed after T and some credentials lapsed.
    static func organisation(seed: UInt64) throws -> AssessmentInput {
        var random = SplitMix64(seed: seed)
        let skills = 24, roleLevels = 6, people = 60, teams = 7
        var offsets: [Int32] = [0], required: [Int32] = [], levels: [Double] = [], importances: [Double] = []
        for _ in 0..<roleLevels {
            var chosen = Set<Int32>()
            let count = 3 + Int(random.next() % 6)
            while chosen.count < count { chosen.insert(Int32(random.next() % UInt64(skills))) }
            for skill in chosen.sorted() {
                required.append(skill)
                levels.append(Double(1 + random.next() % 5))
                importances.append(Double(1 + random.next() % 5))
            }
            offsets.append(Int32(required.count))
        }
        let taxonomy = try CompiledTaxonomy(
            skillIDs: (0..<skills).map { "skill-\(String($0 + 100))" },
            roleLevels: (0..<roleLevels).map { RoleLevelRef(role: "role", rung: $0 + 1) },
            requirementOffsets: offsets, requirementSkill: required, requirementLevel: levels,
            requirementImportance: importances)
        var person: [Int32] = [], skill: [Int32] = [], level: [Double] = [], kind: [UInt8] = []
        var observedAt: [Int64] = [], validUntil: [Int64] = []
        for p in 0..<people {
            let rows = (0..<Int(random.next() % 21)).map { _ in Int32(random.next() % UInt64(skills)) }.sorted()
            for s in rows {
                person.append(Int32(p))
                skill.append(s)
                level.append(5 * random.unit())
                kind.append(UInt8(random.next() % 8))
                let observed = asOf - Int64(random.next() % (1500 * 86_400)) + (random.next() % 10 == 0 ? 86_400 * 30 : 0)
                observedAt.append(observed)
                validUntil.append(random.next() % 4 == 0 ? observed + Int64(random.next() % (800 * 86_400)) : AssessmentInput.neverExpires)
            }
        }
        return try AssessmentInput(
            taxonomy: taxonomy,
            personRoleLevel: (0..<people).map { _ in Int32(random.next() % UInt64(roleLevels)) },
            personTeam: (0..<people).map { _ in random.next() % 9 == 0 ? AssessmentInput.noTeam : Int32(random.next() % UInt64(teams)) },
            teamCount: teams, evidencePerson: person, evidenceSkill: skill, evidenceLevel: level,
            evidenceKind: kind, evidenceObservedAt: observedAt, evidenceValidUntil: validUntil)
    }

    static func replacingLevels(of input: AssessmentInput, with levels: [Double]) throws -> AssessmentInput {
        try AssessmentInput(
            taxonomy: input.taxonomy, personRoleLevel: input.personRoleLevel, personTeam: input.personTeam,
            teamCount: input.teamCount, evidencePerson: input.evidencePerson, evidenceSkill: input.evidenceSkill,
            evidenceLevel: levels, evidenceKind: input.evidenceKind, evidenceObservedAt: input.evidenceObservedAt,
            evidenceValidUntil: input.evidenceValidUntil)
    }
}

@Suite("Assessment input from indexed evidence")
struct IndexedEvidenceTests {
    @Test("gives the same input as the record builder, whatever the row order", arguments: [UInt64(3), 17, 2026])
    func sameAsRecords(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let taxonomy = try CompiledTaxonomy(
            skillIDs: ["a", "b", "c", "d"], roleLevels: [RoleLevelRef(role: "r", rung: 1), RoleLevelRef(role: "r", rung: 2)],
            requirementOffsets: [0, 2, 4], requirementSkill: [0, 1, 1, 3], requirementLevel: [2, 3, 4, 1],
            requirementImportance: [1, 5, 3, 2])
        let ids = (0..<40).map { "p\(String(format: "%03d", ($0 * 37) % 101))" }
        let roster = ids.map {
            PersonRecord(id: $0, roleLevel: RoleLevelRef(role: "r", rung: 1 + random.below(2)), team: random.chance(0.2) ? nil : "t\(random.below(5))")
        }
        let kinds = SourceKind.allCases
        var records: [EvidenceRecord] = []
        for _ in 0..<600 {
            let observed = Int64(random.below(1000)) * 86_400
            records.append(EvidenceRecord(
                person: ids[random.below(ids.count)], skill: ["a", "b", "c", "d"][random.below(4)], value: Double(random.below(6)),
                scale: "level", source: kinds[random.below(kinds.count)].rawValue, observedAt: observed,
                validUntil: random.chance(0.3) ? observed + 86_400 * 90 : nil))
        }
        let expected = try AssessmentInputBuilder.build(taxonomy: taxonomy, people: roster, evidence: records)

        let numbering = Dictionary(uniqueKeysWithValues: ids.sorted().enumerated().map { ($1, Int32($0)) })
        var indexed = IndexedEvidence()
        for record in records.shuffled(using: &random) {
            indexed.append(
                person: numbering[record.person] ?? -1, skill: Int32(taxonomy.skillIndex(record.skill) ?? -1),
                observedAt: record.observedAt, kind: SourceKind(rawValue: record.source)?.code ?? 0,
                level: Scale.builtIn[0].level(record.value), validUntil: record.validUntil ?? AssessmentInput.neverExpires)
        }
        let actual = try AssessmentInputBuilder.build(taxonomy: taxonomy, roster: roster.shuffled(using: &random), evidence: indexed)
        #expect(actual.personIDs == expected.personIDs && actual.teamIDs == expected.teamIDs)
        #expect(actual.personRoleLevel == expected.personRoleLevel && actual.personTeam == expected.personTeam)
        #expect(actual.evidencePerson == expected.evidencePerson && actual.evidenceSkill == expected.evidenceSkill)
        #expect(actual.evidenceObservedAt == expected.evidenceObservedAt && actual.evidenceKind == expected.evidenceKind)
        #expect(actual.evidenceLevel == expected.evidenceLevel && actual.evidenceValidUntil == expected.evidenceValidUntil)
        let asOf: Int64 = 900 * 86_400
        #expect(try GapMap(assessing: actual, asOf: asOf).encoded() == (try GapMap(assessing: expected, asOf: asOf).encoded()))
    }
}
