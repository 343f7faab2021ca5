import Testing
@testable import CadreEngine

/// The fixture's hand-worked per-cell `importance · gap` (person: skill → value):
///   ana (ml-engineer@1, alpha): mlops 5·0.25 = 1.25, statistics 2·0 = 0             readiness 1 − 1.25/19
///   ben (ml-engineer@1, alpha): mlops 5·0.5 = 2.5,  statistics 2·1 = 2              readiness 1 − 4.5/19
///   cai (ml-engineer@2, beta):  deep-learning 3·3 = 9, mlops 0, statistics 2·2 = 4   readiness 1 − 13/35
///   dee (data-scientist@1, beta): data-engineering 1·2 = 2, statistics 5·0.5 = 2.5  readiness 1 − 4.5/22
@Suite("Assessment aggregates")
struct AssessmentAggregateTests {
    typealias F = AssessmentFixture

    let ana = 1 - 1.25 / 19, ben = 1 - 4.5 / 19, cai = 1 - 13.0 / 35, dee = 1 - 4.5 / 22

    @Test func perPersonReadiness() throws {
        let map = try F.gapMap()
        #expect(map.readiness == [ana, ben, cai, dee])
        #expect(map.meets == [true, false, false, false])
        #expect(map.weightedGap == [1.25, 4.5, 13, 4.5])
    }

    @Test func teams() throws {
        let teams = try F.gapMap().teams
        #expect(teams.count == 2)
        #expect(teams.headcount == [2, 2])
        #expect(teams.meetingCount == [1, 0])
        #expect(teams.meanReadiness == [(ana + ben) / 2, (cai + dee) / 2])
        // alpha: mlops 1.25 + 2.5, statistics 0 + 2.
        #expect(teams.skillGaps(of: 0) == [SkillGap(skill: 2, weightedGap: 3.75), SkillGap(skill: 3, weightedGap: 2)])
        // beta: data-engineering 2, deep-learning 9, mlops 0, statistics 4 + 2.5.
        #expect(teams.skillGaps(of: 1).map(\.skill) == [0, 1, 2, 3])
        #expect(teams.skillGaps(of: 1).map(\.weightedGap) == [2, 9, 0, 6.5])
    }

    @Test func roleLevels() throws {
        let levels = try F.gapMap().roleLevels
        #expect(levels.headcount == [1, 2, 1])
        #expect(levels.meetingCount == [0, 1, 0])
        #expect(levels.meanReadiness == [dee, (ana + ben) / 2, cai])
        #expect(levels.skillGaps(of: 0).map(\.weightedGap) == [2, 2.5])
        #expect(levels.skillGaps(of: 1) == [SkillGap(skill: 2, weightedGap: 3.75), SkillGap(skill: 3, weightedGap: 2)])
        #expect(levels.skillGaps(of: 2).map(\.weightedGap) == [9, 0, 4])
    }

    @Test func organisation() throws {
        let org = try F.gapMap().org
        #expect(org.headcount == [4])
        #expect(org.meetingCount == [1])
        #expect(org.meanReadiness == [(ana + ben + cai + dee) / 4])
        #expect(org.skillGaps(of: 0).map(\.skill) == [0, 1, 2, 3])
        #expect(org.skillGaps(of: 0).map(\.weightedGap) == [2, 9, 3.75, 8.5])
    }

    @Test func topSkillsLargestFirstWithoutZeroGaps() throws {
        let map = try F.gapMap()
        #expect(map.org.topSkills(of: 0, count: 3).map(\.skill) == [1, 3, 2])
        #expect(map.org.topSkills(of: 0, count: 10).map(\.skill) == [1, 3, 2, 0])
        // beta's mlops sum is 0: not a top gap.
        #expect(map.teams.topSkills(of: 1, count: 10).map(\.skill) == [1, 3, 0])
        #expect(map.teams.topSkills(of: 1, count: 0).isEmpty)
    }

    @Test func equalSumsAreOrderedBySkillID() throws {
        // eve: mlops 2.5 → 5·0.5 = 2.5; statistics 0.75 → 2·1.25 = 2.5. A tie: mlops < statistics.
        let people = [PersonRecord(id: "eve", roleLevel: F.mlEngineer1, team: "gamma")]
        let evidence = [F.manager("eve", "statistics", 0.75), F.manager("eve", "mlops", 2.5)]
        let map = try F.gapMap(people: people, evidence: evidence)
        #expect(map.teams.topSkills(of: 0, count: 2) == [
            SkillGap(skill: 2, weightedGap: 2.5), SkillGap(skill: 3, weightedGap: 2.5),
        ])
        #expect(map.taxonomy.skillIDs[2] == "mlops")

        // The tie-break is by skill, not by where a skill happens to sit in the list.
        let unordered = GroupAggregates(
            headcount: [1], meetingCount: [0], meanReadiness: [0.5], skillOffsets: [0, 4],
            skill: [3, 1, 0, 2], weightedGap: [5, 5, 1, 7])
        #expect(unordered.topSkills(of: 0, count: 3).map(\.skill) == [2, 1, 3])
    }

    @Test func peopleWithoutATeamCountInRoleLevelsAndOrgOnly() throws {
        let people = [
            PersonRecord(id: "ana", roleLevel: F.mlEngineer1, team: "alpha"),
            PersonRecord(id: "ben", roleLevel: F.mlEngineer1),
        ]
        let map = try F.gapMap(people: people, evidence: F.evidence.filter { ["ana", "ben"].contains($0.person) })
        #expect(map.teams.headcount == [1])
        #expect(map.teams.meanReadiness == [ana])
        #expect(map.roleLevels.headcount == [0, 2, 0])
        // An empty role level still lists its required skills, with nothing summed.
        #expect(map.roleLevels.skillGaps(of: 2).map(\.weightedGap) == [0, 0, 0])
        #expect(map.roleLevels.meanReadiness[2] == 0)
        #expect(map.org.headcount == [2])
        // Only skills some member is required to have: mlops and statistics.
        #expect(map.org.skillGaps(of: 0).map(\.skill) == [2, 3])
    }
}
