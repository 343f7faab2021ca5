#if canImport(Glibc)
import Glibc
#endif
import CadreEngine
import CadreStore
import Foundation
import NIOPosix

/// The Prometheus file cadred keeps for node_exporter's textfile collector: rewritten after every
/// run, to a temporary file in the same folder then renamed over the old one, so the collector
/// never reads half a file. Figures of groups under `smallTeamThreshold` are left out: whoever
/// can scrape the file is no operator.
enum PrometheusTextFile {
    /// The exposition of the latest snapshot, as a reader may see it; nil before any snapshot.
    static func exposition(
        store: any WorkforceStore, threshold: Int, seesEverything: Bool, alerts: MonitoringAlerts, runID: Int64? = nil
    ) async throws -> PrometheusExposition? {
        let snapshot: RunSnapshot?
        if let runID { snapshot = try await store.snapshot(runID: runID) } else { snapshot = try await store.latestSnapshot() }
        guard let snapshot else { return nil }
        return PrometheusExposition(
            runID: snapshot.runID, asOf: snapshot.asOf,
            points: snapshot.points.map { $0.visible(threshold: threshold, seesEverything: seesEverything) },
            finishedRuns: try await store.finishedRunCounts(), alertsFiring: alerts.countsBySeverity)
    }

    /// Writes `text` to `path` atomically, on NIO's blocking pool.
    static func write(_ text: String, to path: String) async throws {
        try await NIOThreadPool.singleton.runIfActive {
            // Not `*.prom`: the collector must not pick up the temporary file.
            let temporary = path + ".\(getpid()).tmp"
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            } catch {
                throw PrometheusFileError(path: temporary, message: "\(error.localizedDescription)")
            }
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                throw PrometheusFileError(path: path, message: String(cString: strerror(code)))
            }
        }
    }
}

struct PrometheusFileError: Error, CustomStringConvertible {
    var path: String
    var message: String
    var description: String {
        "cannot write the Prometheus file \(path): \(message) (check prometheusTextFile in cadred.yaml and the folder's permissions)"
    }
}
