import CadreEngine
import Testing
@testable import CadreStore

@Suite("Snapshots in the store")
struct SnapshotStoreTests {
    static let day: Int64 = 86_400

    /// Runs pinned to the given as-of days, all succeeded.
    func store(asOfDays: [Int64]) async throws -> (TemporaryDirectory, Store) {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "taxonomy.yaml")
        for day in asOfDays {
            let run = try await store.createRun(asOf: day * Self.day, trigger: "test", requestedBy: 0, policy: [])
            try await store.updateRun(id: run.id, state: .running, error: nil)
            try await store.updateRun(id: run.id, state: .succeeded, error: nil)
        }
        return (directory, store)
    }

    func snapshot(_ runID: Int64, day: Int64, readiness: Double, version: Int = SnapshotBuilder.version) -> RunSnapshot {
        RunSnapshot(runID: runID, asOf: day * Self.day, version: version, points: [
            MetricPoint(metric: "readiness", scope: "org", value: readiness, headcount: 9),
            MetricPoint(metric: "gap", scope: "team:x", skill: "python", value: 2.5, headcount: 3),
            MetricPoint(metric: "headcount", scope: "org", value: 9, headcount: 9),
        ])
    }

    @Test("a snapshot reads back as saved, in its order; saving again replaces it")
    func roundTrip() async throws {
        let (directory, store) = try await store(asOfDays: [10])
        defer { withExtendedLifetime(directory) {} }
        let saved = snapshot(1, day: 10, readiness: 0.5)
        try await store.saveSnapshot(saved)
        #expect(try await store.snapshot(runID: 1) == saved)
        var changed = saved
        changed.points.removeLast()
        try await store.saveSnapshot(changed)
        #expect(try await store.snapshot(runID: 1) == changed)
        #expect(try await store.snapshot(runID: 2) == nil)
    }

    @Test("a series is ordered by as-of, then run id, and starts at --since")
    func series() async throws {
        // Run 1 on day 30, run 2 on day 10, run 3 on day 10 again.
        let (directory, store) = try await store(asOfDays: [30, 10, 10])
        defer { withExtendedLifetime(directory) {} }
        try await store.saveSnapshot(snapshot(1, day: 30, readiness: 0.75))
        try await store.saveSnapshot(snapshot(3, day: 10, readiness: 0.625))
        try await store.saveSnapshot(snapshot(2, day: 10, readiness: 0.5))
        let points = try await store.series(MetricKey(metric: "readiness", scope: "org"))
        #expect(points.map(\.runID) == [2, 3, 1])
        #expect(points.map(\.value) == [0.5, 0.625, 0.75])
        #expect(try await store.series(MetricKey(metric: "readiness", scope: "org"), asOfAtLeast: 11 * Self.day).map(\.runID) == [1])
        #expect(try await store.series(MetricKey(metric: "gap", scope: "team:x", skill: "python")).count == 3)
        #expect(try await store.latestSnapshot()?.runID == 1)
        #expect(try await store.latestSnapshot(before: 1)?.runID == 3)
        #expect(try await store.latestSnapshot(before: 3)?.runID == 2)
        #expect(try await store.latestSnapshot(before: 2) == nil)
    }

    @Test("the backfill finds succeeded runs without a current snapshot")
    func backfillList() async throws {
        let (directory, store) = try await store(asOfDays: [1, 2, 3])
        defer { withExtendedLifetime(directory) {} }
        let failed = try await store.createRun(asOf: 4 * Self.day, trigger: "test", requestedBy: 0, policy: [])
        try await store.updateRun(id: failed.id, state: .failed, error: "boom")
        try await store.saveSnapshot(snapshot(1, day: 1, readiness: 0.5))
        try await store.saveSnapshot(snapshot(2, day: 2, readiness: 0.5, version: 0))
        #expect(try await store.runsNeedingSnapshots(version: SnapshotBuilder.version).map(\.id) == [2, 3])
        #expect(try await store.finishedRunCounts() == ["succeeded": 3, "failed": 1])
    }
}
