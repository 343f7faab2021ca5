import Testing
@testable import CadreEngine

@Suite("Assessment gaps and readiness")
struct AssessmentGapTests {
    typealias F = AssessmentFixture

    /// Person numbers follow ids: ana 0, ben 1, cai 2, dee 3.
    @Test func peopleAreNumberedByID() throws {
        let map = try F.gapMap()
        #expect(map.personIDs == ["ana", "ben", "cai", "dee"])
        #expect(map.teamIDs == ["alpha", "beta"])
        #expect(map.taxonomy.skillIDs == ["data-engineering", "deep-learning", "mlops", "statistics"])
        #expect(map.taxonomy.roleLevels.map(\.description) == ["data-scientist@1", "ml-engineer@1", "ml-engineer@2"])
    }

    @Test func gapExactlyAtTheToleranceMeets() throws {
        // ml-engineer@1: mlops 3 (importance 5), statistics 2 (importance 2).
        // ana: mlops 2.75 → gap 0.25 ≤ 0.25; statistics 2 → gap 0. Meets.
        // readiness = 1 − (5·0.25 + 2·0) / (5·3 + 2·2) = 1 − 1.25/19.
        let ana = try F.gapMap().person(0)
        #expect(ana.meets)
        #expect(ana.requirements.map(\.gap) == [0.25, 0])
        #expect(ana.weightedGap == 1.25)
        #expect(ana.readiness == 1 - 1.25 / 19)
    }

    @Test func gapJustOverTheToleranceDoesNotMeet() throws {
        // mlops 2.74 → gap 0.26 > 0.25.
        let evidence = [F.manager("ana", "mlops", 2.74), F.manager("ana", "statistics", 2)]
        let ana = try F.gapMap(evidence: evidence).person(0)
        #expect(!ana.meets)
        #expect(abs(ana.requirements[0].gap - 0.26) < 1e-12)

        // A wider configured tolerance lets the same person meet.
        let lenient = AssessmentPolicy(meetsTolerance: 0.3)
        #expect(try F.gapMap(evidence: evidence, policy: lenient).person(0).meets)
    }

    @Test func estimateAboveTheRequirementLeavesNoGap() throws {
        let evidence = [F.manager("ana", "mlops", 5), F.manager("ana", "statistics", 4.5)]
        let ana = try F.gapMap(evidence: evidence).person(0)
        #expect(ana.requirements.map(\.gap) == [0, 0])
        #expect(ana.readiness == 1)
        #expect(ana.meets)
    }

    @Test func importanceWeighsReadiness() throws {
        // cai on ml-engineer@2: deep-learning 3 (imp 3) unassessed → gap 3; mlops 4 (imp 5) at 4 → 0;
        // statistics 3 (imp 2) at 1 → 2. readiness = 1 − (3·3 + 5·0 + 2·2) / (3·3 + 5·4 + 2·3)
        // = 1 − 13/35 = 22/35 ≈ 0.629 (unweighted it would be 1 − 5/10 = 0.5).
        let cai = try F.gapMap().person(2)
        #expect(cai.roleLevel == 2)
        #expect(cai.requirements.map(\.skill) == [1, 2, 3])
        #expect(cai.requirements.map(\.gap) == [3, 0, 2])
        #expect(cai.weightedGap == 13)
        #expect(cai.readiness == 1 - 13.0 / 35.0)
        #expect(!cai.meets)
    }

    @Test func unassessedCellsShowAsUnassessedAndCountAsZero() throws {
        let cai = try F.gapMap().person(2)
        let deepLearning = cai.requirements[0]
        #expect(deepLearning.isUnassessed)
        #expect(deepLearning.estimate == 0)
        #expect(deepLearning.confidence == 0)
        #expect(deepLearning.gap == 3)
        #expect(cai.requirements.filter(\.isUnassessed).count == 1)
    }

    @Test func personWithNoEvidenceHasReadinessZero() throws {
        let map = try F.gapMap(evidence: [])
        for p in 0..<map.personCount {
            #expect(map.readiness[p] == 0)
            #expect(!map.meets[p])
            #expect(map.person(p).requirements.allSatisfy { $0.isUnassessed })
        }
    }

    @Test func readinessForAnotherRoleLevel() throws {
        // ana against ml-engineer@2: deep-learning unassessed gap 3 (·3 = 9), mlops 2.75 → 1.25 (·5 = 6.25),
        // statistics 2 → 1 (·2 = 2). readiness = 1 − 17.25/35.
        let input = try F.input()
        let view = try input.assess(personID: "ana", against: F.mlEngineer2, asOf: F.asOf)
        #expect(view.roleLevel == 2)
        #expect(view.requirements.map(\.gap) == [3, 1.25, 1])
        #expect(view.requirements[0].isUnassessed)
        #expect(view.weightedGap == 17.25)
        #expect(view.readiness == 1 - 17.25 / 35)
        #expect(!view.meets)
    }

    @Test func ownRoleLevelViewEqualsTheGapMap() throws {
        let input = try F.input()
        let map = try GapMap(assessing: input, asOf: F.asOf)
        for p in 0..<input.personCount {
            let view = try input.assess(person: p, against: Int(input.personRoleLevel[p]), asOf: F.asOf)
            #expect(view == map.person(p))
        }
    }

    @Test func unknownPersonOrRoleLevelInTheViewIsAnInputError() throws {
        let input = try F.input()
        let unknownPerson = #expect(throws: InputErrors.self) {
            try input.assess(personID: "zoe", against: F.mlEngineer1, asOf: F.asOf)
        }
        #expect(unknownPerson?.first?.code == .assessmentUnknownPerson)
        let unknownLevel = #expect(throws: InputErrors.self) {
            try input.assess(personID: "ana", against: RoleLevelRef(role: "ml-engineer", rung: 9), asOf: F.asOf)
        }
        #expect(unknownLevel?.first?.code == .assessmentUnknownRoleLevel)
    }

    @Test func roleLevelWithoutRequirementsIsMetInFull() throws {
        let taxonomy = Taxonomy(
            skills: [Skill(id: "mlops", name: "MLOps", discipline: .softwareEngineering)],
            roles: [Role(id: "intern", name: "Intern", levels: [RoleLevel(rung: 1, title: "Intern", requirements: [])])])
        let input = try AssessmentInputBuilder.build(
            taxonomy: taxonomy, people: [PersonRecord(id: "ivy", roleLevel: RoleLevelRef(role: "intern", rung: 1))],
            evidence: [])
        let map = try GapMap(assessing: input, asOf: F.asOf)
        #expect(map.readiness == [1])
        #expect(map.meets == [true])
        #expect(map.person(0).requirements.isEmpty)
        #expect(map.personTeam == [AssessmentInput.noTeam])
        #expect(map.teams.count == 0)
    }
}
