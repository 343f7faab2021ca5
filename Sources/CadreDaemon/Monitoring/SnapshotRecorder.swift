import CadreEngine
import CadreStore
import Logging
import NIOPosix

/// Turns a finished run's persisted phase results into its snapshot and stores it. The payloads
/// of an L organisation are tens of megabytes: they are decoded on NIO's blocking pool, so
/// neither the supervisor's actor nor the cooperative pool's two threads wait for them.
struct SnapshotRecorder: Sendable {
    let store: any WorkforceStore

    /// Computes and stores the snapshot of `run`, which must have succeeded.
    @discardableResult
    func record(_ run: RunRecord) async throws -> RunSnapshot {
        var payloads: [String: [UInt8]] = [:]
        for phase in SnapshotBuilder.phases {
            if let result = try await store.phaseResult(runID: run.id, phase: phase) { payloads[phase] = result.payload }
        }
        let (runID, asOf) = (run.id, run.asOf)
        let payloadsToRead = payloads
        let snapshot = try await NIOThreadPool.singleton.runIfActive {
            try SnapshotBuilder.snapshot(runID: runID, asOf: asOf, payloads: payloadsToRead)
        }
        try await store.saveSnapshot(snapshot)
        return snapshot
    }

    /// Snapshots for every succeeded run that has none (runs from before snapshots existed) or an
    /// older builder's; a run whose results can't be read is logged and skipped, never retried in
    /// a loop. Returns how many were made.
    @discardableResult
    func backfill(logger: Logger) async -> Int {
        let runs: [RunRecord]
        do {
            runs = try await store.runsNeedingSnapshots(version: SnapshotBuilder.version)
        } catch {
            logger.error("cannot list runs for the snapshot backfill: \(error)")
            return 0
        }
        var made = 0
        for run in runs {
            do {
                try await record(run)
                made += 1
            } catch {
                var logger = logger
                logger[metadataKey: "runID"] = "\(run.id)"
                logger.warning("run #\(run.id) gets no snapshot: \(error)")
            }
        }
        if made > 0 { logger.info("snapshots made for \(made) earlier run\(made == 1 ? "" : "s")") }
        return made
    }
}
