import CadreEngine
import Foundation
import Testing
@testable import CadreStore

/// The scale target for trends: a series over 1,000 runs reads in well under a second.
/// Each snapshot here has `CADRE_TREND_POINTS` points (default 120: an organisation of ten teams;
/// 1,500 is the L organisation's 100 teams); the time is printed, not asserted (timings on a
/// shared machine are evidence for `make bench`, never a test's verdict).
@Suite struct TrendScaleMeasurement {
    @Test func aSeriesOverAThousandRuns() async throws {
        let points = ProcessInfo.processInfo.environment["CADRE_TREND_POINTS"].flatMap(Int.init) ?? 120
        let runs = 1000
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "taxonomy.yaml")
        for day in 0..<Int64(runs) {
            let run = try await store.createRun(asOf: day * 86_400, trigger: "test", requestedBy: 0, policy: [])
            let filler = (0..<points - 1).map { MetricPoint(metric: "readiness", scope: "team:t\($0)", value: 0.5, headcount: 10) }
            try await store.saveSnapshot(RunSnapshot(
                runID: run.id, asOf: run.asOf, version: SnapshotBuilder.version,
                points: [MetricPoint(metric: "readiness", scope: "org", value: Double(day) / 1000, headcount: 500)] + filler))
        }
        let start = ContinuousClock.now
        let series = try await store.series(MetricKey(metric: "readiness", scope: "org"))
        let trend = Trend(points: series)
        let elapsed = ContinuousClock.now - start
        print("trend over \(runs) runs of \(points) points each: \(elapsed)")
        #expect(series.count == runs)
        #expect(trend.changeSincePrevious.map { abs($0 - 0.001) < 1e-12 } == true)
    }
}
