import Testing
@testable import CadreEngine

@Suite("Assessment input builder")
struct AssessmentBuilderTests {
    typealias F = AssessmentFixture

    @Test func everyUnknownNameIsReportedWithItsLine() throws {
        let people = [
            PersonRecord(id: "ana", roleLevel: F.mlEngineer1, team: "alpha", line: 2),
            PersonRecord(id: "ana", roleLevel: F.mlEngineer1, team: "alpha", line: 3),
            PersonRecord(id: "bo", roleLevel: RoleLevelRef(role: "ml-engineer", rung: 7), line: 4),
        ]
        let evidence = [
            EvidenceRecord(person: "ana", skill: "mlops", value: 3, scale: "level", source: "manager", observedAt: F.asOf, line: 2),
            EvidenceRecord(person: "ana", skill: "quantum", value: 3, scale: "level", source: "manager", observedAt: F.asOf, line: 3),
            EvidenceRecord(person: "ana", skill: "mlops", value: 3, scale: "stars", source: "manager", observedAt: F.asOf, line: 4),
            EvidenceRecord(person: "ana", skill: "mlops", value: 3, scale: "level", source: "gut-feeling", observedAt: F.asOf, line: 5),
            EvidenceRecord(person: "zed", skill: "mlops", value: 3, scale: "level", source: "manager", observedAt: F.asOf, line: 6),
            EvidenceRecord(person: "ana", skill: "mlops", value: .nan, scale: "level", source: "manager", observedAt: F.asOf, line: 7),
        ]
        let thrown = #expect(throws: InputErrors.self) {
            try AssessmentInputBuilder.build(
                taxonomy: F.taxonomy, people: people, evidence: evidence, file: "evidence.csv")
        }
        let errors = try #require(thrown).errors
        #expect(errors.map(\.code) == [
            .assessmentDuplicatePerson, .assessmentUnknownRoleLevel, .assessmentUnknownSkill,
            .assessmentUnknownScale, .assessmentUnknownSourceKind, .assessmentUnknownPerson,
            .assessmentInvalidValue,
        ])
        #expect(errors.map(\.line) == [3, 4, 3, 4, 5, 6, 7])
        #expect(errors.map(\.field) == ["id", "roleLevel", "skill", "scale", "source", "person", "value"])
        #expect(errors.allSatisfy { $0.file == "evidence.csv" })
        #expect(errors[3].hint.contains("onet-level"))
        #expect(errors[4].hint.contains("third-party"))
    }

    @Test func configuredScaleIsAccepted() throws {
        let policy = AssessmentPolicy(scales: [Scale(name: "stars", min: 1, max: 5)])
        let people = [PersonRecord(id: "ana", roleLevel: F.mlEngineer1)]
        let evidence = [EvidenceRecord(person: "ana", skill: "mlops", value: 4, scale: "stars", source: "peer", observedAt: F.asOf)]
        let input = try F.input(people: people, evidence: evidence, policy: policy)
        // 4 stars of 1–5: (4 − 1)·5/4 = 3.75.
        #expect(input.evidenceLevel == [3.75])
        #expect(input.evidenceKind == [SourceKind.peer.code])
        #expect(input.evidenceValidUntil == [AssessmentInput.neverExpires])
    }

    @Test func evidenceIsSortedByPersonThenSkill() throws {
        let input = try F.input()
        #expect(input.evidencePerson == [0, 0, 1, 1, 2, 2, 3])
        #expect(input.evidenceSkill == [2, 3, 2, 3, 2, 3, 3])
        #expect(input.evidenceOffsets == [0, 2, 4, 6, 7])
        #expect(input.evidenceRecord == [0, 1, 2, 3, 4, 5, 6])
    }

    @Test func bareArraysOutOfOrderAreRefused() throws {
        let taxonomy = try CompiledTaxonomy(F.taxonomy)
        let thrown = #expect(throws: InputErrors.self) {
            try AssessmentInput(
                taxonomy: taxonomy, personRoleLevel: [1], personTeam: [AssessmentInput.noTeam], teamCount: 0,
                evidencePerson: [0, 0], evidenceSkill: [3, 2], evidenceLevel: [1, 1], evidenceKind: [4, 4],
                evidenceObservedAt: [0, 0], evidenceValidUntil: [.max, .max])
        }
        #expect(thrown?.first?.code == .assessmentMalformedInput)
        #expect(thrown?.first?.field == "evidence[1]")

        let badLevel = #expect(throws: InputErrors.self) {
            try AssessmentInput(
                taxonomy: taxonomy, personRoleLevel: [1], personTeam: [0], teamCount: 1,
                evidencePerson: [0], evidenceSkill: [2], evidenceLevel: [5.5], evidenceKind: [4],
                evidenceObservedAt: [0], evidenceValidUntil: [.max])
        }
        #expect(badLevel?.first?.field == "evidenceLevel[0]")
    }

    @Test func taxonomyRequirementsAreSortedBySkillNumber() throws {
        let compiled = try CompiledTaxonomy(F.taxonomy)
        #expect(compiled.requirementOffsets == [0, 2, 4, 7])
        #expect(compiled.requirementSkill == [0, 3, 2, 3, 1, 2, 3])
        #expect(compiled.requirementLevel == [2, 4, 3, 2, 3, 4, 3])
        #expect(compiled.requirementImportance == [1, 5, 5, 2, 3, 5, 2])
        #expect(compiled.roleLevelIndex(F.mlEngineer2) == 2)
        #expect(compiled.roleLevelIndex(RoleLevelRef(role: "ml-engineer", rung: 3)) == nil)
        #expect(compiled.skillIndex("statistics") == 3)
        #expect(compiled.skillIndex("stats") == nil)
    }
}
