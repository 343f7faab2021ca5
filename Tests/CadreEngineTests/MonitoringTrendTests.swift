import Testing
@testable import CadreEngine

@Suite("Monitoring trends")
struct MonitoringTrendTests {
    static let day: Int64 = 86_400

    @Test("points ordered by as-of, then run id; change since the previous run")
    func order() {
        let trend = Trend(points: [
            TrendPoint(runID: 5, asOf: 30 * Self.day, value: 0.75, headcount: 8),
            TrendPoint(runID: 2, asOf: 10 * Self.day, value: 0.5, headcount: 8),
            TrendPoint(runID: 9, asOf: 10 * Self.day, value: 0.625, headcount: 8),
        ])
        #expect(trend.points.map(\.runID) == [2, 9, 5])
        #expect(trend.changeSincePrevious == 0.125)
        #expect(trend.changeOver90Days == nil, "no run 90 days before the latest")
    }

    @Test("change over 90 days looks at the latest run at least 90 days older")
    func ninetyDays() {
        let trend = Trend(points: [
            TrendPoint(runID: 1, asOf: 0, value: 0.25, headcount: 8),
            TrendPoint(runID: 2, asOf: 10 * Self.day, value: 0.5, headcount: 8),
            TrendPoint(runID: 3, asOf: 11 * Self.day, value: 0.375, headcount: 8),
            TrendPoint(runID: 4, asOf: 100 * Self.day, value: 1, headcount: 8),
        ])
        // 100 − 90 = day 10: run 2 is exactly 90 days older and the latest such run.
        #expect(trend.changeOver90Days == 0.5)
        var shorter = trend
        shorter.points[3].asOf = 100 * Self.day - 1
        #expect(shorter.changeOver90Days == 0.75, "a second short of 90 days: run 1 is the latest old enough")
    }

    @Test("a withheld or missing value gives no change")
    func withheld() {
        let single = Trend(points: [TrendPoint(runID: 1, asOf: 0, value: 0.5, headcount: 8)])
        #expect(single.changeSincePrevious == nil)
        let hidden = Trend(points: [
            TrendPoint(runID: 1, asOf: 0, value: nil, headcount: 3),
            TrendPoint(runID: 2, asOf: 100 * Self.day, value: 0.5, headcount: 5),
        ])
        #expect(hidden.changeSincePrevious == nil)
        #expect(hidden.changeOver90Days == nil)
    }
}
