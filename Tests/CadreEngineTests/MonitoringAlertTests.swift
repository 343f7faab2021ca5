import Testing
@testable import CadreEngine

/// Every comparison at its boundary, with values binary fractions represent exactly.
@Suite("Monitoring alert rules")
struct MonitoringAlertTests {
    static func run(_ id: Int64, readiness: Double?) -> RunSnapshot {
        RunSnapshot(
            runID: id, asOf: id * 86_400, version: 1,
            points: readiness.map { [MetricPoint(metric: "readiness", scope: "org", value: $0, headcount: 10)] } ?? [])
    }

    static func rule(_ comparison: AlertRule.Comparison, _ threshold: Double, _ subject: AlertRule.Subject = .value) -> AlertRule {
        AlertRule(name: "r", metric: "readiness", subject: subject, comparison: comparison, threshold: threshold)
    }

    @Test(
        "value comparisons just below, at and just above the threshold",
        arguments: [
            (AlertRule.Comparison.below, [true, false, false]),
            (.atMost, [true, true, false]),
            (.above, [false, false, true]),
            (.atLeast, [false, true, true]),
        ])
    func valueBoundaries(comparison: AlertRule.Comparison, fires: [Bool]) {
        let values = [(0.5).nextDown, 0.5, (0.5).nextUp]
        let rule = Self.rule(comparison, 0.5)
        #expect(values.map { rule.evaluate(Self.run(2, readiness: $0), previous: nil) != nil } == fires)
    }

    @Test(
        "change since the previous run at the threshold: a fall of exactly 0.25",
        arguments: [
            (AlertRule.Comparison.below, [true, false, false]),
            (.atMost, [true, true, false]),
            (.above, [false, false, true]),
            (.atLeast, [false, true, true]),
        ])
    func changeBoundaries(comparison: AlertRule.Comparison, fires: [Bool]) {
        // previous 0.75; now 0.5 − 2⁻¹⁰, 0.5, 0.5 + 2⁻¹⁰: changes −0.25 − ε, −0.25, −0.25 + ε (all exact).
        let rule = Self.rule(comparison, -0.25, .change)
        let previous = Self.run(1, readiness: 0.75)
        let now = [0.5 - 1.0 / 1024, 0.5, 0.5 + 1.0 / 1024]
        #expect(now.map { rule.evaluate(Self.run(2, readiness: $0), previous: previous) != nil } == fires)
        let firing = rule.evaluate(Self.run(2, readiness: 0.5), previous: previous)
        if comparison == .atMost {
            #expect(firing?.value == 0.5 && firing?.compared == -0.25 && firing?.runID == 2)
        }
    }

    @Test("no previous run or no such metric: nothing fires")
    func absent() {
        #expect(Self.rule(.atMost, 0, .change).evaluate(Self.run(2, readiness: 0.1), previous: nil) == nil)
        #expect(Self.rule(.atMost, 0, .change).evaluate(Self.run(2, readiness: 0.1), previous: Self.run(1, readiness: nil)) == nil)
        #expect(Self.rule(.below, 1).evaluate(Self.run(2, readiness: nil), previous: nil) == nil)
        let teamRule = AlertRule(name: "t", metric: "readiness", scope: "team:gone", comparison: .below, threshold: 1)
        #expect(teamRule.evaluate(Self.run(2, readiness: 0), previous: nil) == nil)
    }

    @Test("a firing reads as one line; severities map to journal priorities")
    func summary() throws {
        let firing = try #require(Self.rule(.below, 0.6).evaluate(Self.run(4, readiness: 0.5), previous: nil))
        #expect(firing.summary == "r: readiness{org} 0.5 is below 0.6 (run #4)")
        #expect(AlertRule.Severity.allCases.map(\.priority) == [5, 4, 3, 2])
        #expect(AlertFiring.number(0.123456) == "0.1235")
    }
}
