import CadreEngine
import CadreWire
import Testing
@testable import cadrectl

@Suite("HTML report")
struct HTMLReportTests {
    /// `teams` teams, team k with a gap of k on one top skill.
    static func report(teams: Int) -> HTMLReport {
        var metrics = [MetricPoint(metric: AssessmentMetrics.gap.name, scope: MetricScope.organisation, skill: "s1", value: 1, headcount: nil)]
        for k in 1...teams {
            let scope = MetricScope.team("t\(1000 + k)")
            metrics.append(MetricPoint(metric: AssessmentMetrics.headcount.name, scope: scope, value: 6, headcount: 6))
            metrics.append(MetricPoint(metric: AssessmentMetrics.gap.name, scope: scope, skill: "s1", value: Double(k), headcount: 6))
        }
        return HTMLReport(
            snapshot: Workforce.SnapshotReply(run: 1, asOf: "2025-06-30T23:59:59Z", metrics: metrics, finishedRuns: [:], alerts: [], alertsBySeverity: [:]),
            trend: Workforce.TrendReply(metric: "readiness", scope: MetricScope.organisation, skill: nil, points: [], changeSincePrevious: nil, changeOver90Days: nil),
            skillNames: ["s1": "Skill one"])
    }

    @Test("a large organisation's page shows the 30 teams with the largest gaps, and says so")
    func cappedTeams() {
        let report = Self.report(teams: 45)
        // Teams 16…45 have the largest gaps.
        #expect(report.shownTeams == (16...45).map { "t\(1000 + $0)" })
        let page = report.render()
        #expect(page.contains("The 30 of 45 teams with the largest"))
        #expect(!page.contains(">t1015<"))
        #expect(page.contains(">t1016<"))
    }

    @Test("a small organisation's page shows every team, with no note")
    func everyTeam() {
        let report = Self.report(teams: 12)
        #expect(report.shownTeams.count == 12)
        #expect(!report.render().contains("teams with the largest"))
    }
}
