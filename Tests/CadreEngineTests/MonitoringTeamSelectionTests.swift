import Testing
@testable import CadreEngine

@Suite("Monitoring: the teams a report shows")
struct MonitoringTeamSelectionTests {
    static func points() -> [MetricPoint] {
        var points = [
            MetricPoint(metric: AssessmentMetrics.gap.name, scope: MetricScope.organisation, skill: "a", value: 9, headcount: nil),
            MetricPoint(metric: AssessmentMetrics.gap.name, scope: MetricScope.organisation, skill: "b", value: 5, headcount: nil),
        ]
        // Σ gap over the top skills a and b (c is not one): t1 3 + 1 = 4, t2 withheld + 4 = 4,
        // t3 2 + 0 = 2 (its c gap of 50 does not count), t4 5 + 5 = 10.
        let gaps: [(String, String, Double?)] = [
            ("t1", "a", 3), ("t1", "b", 1), ("t2", "a", nil), ("t2", "b", 4), ("t3", "a", 2), ("t3", "c", 50), ("t4", "a", 5), ("t4", "b", 5),
        ]
        for team in ["t1", "t2", "t3", "t4"] {
            points.append(MetricPoint(metric: AssessmentMetrics.headcount.name, scope: MetricScope.team(team), value: 6, headcount: 6))
        }
        for (team, skill, value) in gaps {
            points.append(MetricPoint(metric: AssessmentMetrics.gap.name, scope: MetricScope.team(team), skill: skill, value: value, headcount: 6))
        }
        return points
    }

    @Test func largestGapsTiesByTeamID() {
        // t4 (10), then t1 and t2 tie at 4: t1 by id.
        #expect(TeamSelection.largestGaps(in: Self.points(), limit: 2) == ["t1", "t4"])
        #expect(TeamSelection.largestGaps(in: Self.points(), limit: 3) == ["t1", "t2", "t4"])
        #expect(TeamSelection.largestGaps(in: Self.points(), limit: 9) == ["t1", "t2", "t3", "t4"])
    }

    @Test func limitedKeepsTheOrganisationAndTheChosenTeams() {
        let limited = TeamSelection.limited(Self.points(), toTeams: 1)
        #expect(Set(limited.map(\.scope)) == [MetricScope.organisation, MetricScope.team("t4")])
        #expect(limited.count == 2 + 3)
    }
}
