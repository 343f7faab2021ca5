import CadreEngine
import CadreStore

/// The alerts in force: what the latest run tripped, and a failed scheduled run. Both stay until
/// a later run clears them — rule alerts are replaced by each newer run's evaluation, a failed
/// scheduled run is cleared by any later run that succeeds.
struct MonitoringAlerts: Sendable {
    /// The trigger the nightly timer's runs carry (`cadrectl run --trigger timer`).
    static let scheduledTrigger = "timer"

    /// Rules tripped by the latest run in trend order (as-of, then id).
    private(set) var firing: [AlertFiring] = []
    private(set) var failedScheduledRun: (id: Int64, error: String)?

    /// Replaces the firing rules; returns those no longer firing.
    mutating func replaceFiring(_ fresh: [AlertFiring]) -> [AlertFiring] {
        let names = Set(fresh.map(\.rule.name))
        let cleared = firing.filter { !names.contains($0.rule.name) }
        firing = fresh
        return cleared
    }

    mutating func scheduledRunFailed(id: Int64, error: String) {
        failedScheduledRun = (id, error)
    }

    /// A run that succeeded after the failed scheduled one clears it; returns the cleared run id.
    mutating func runSucceeded(id: Int64) -> Int64? {
        guard let failed = failedScheduledRun, failed.id < id else { return nil }
        failedScheduledRun = nil
        return failed.id
    }

    /// One line each, for `STATUS=` and `cadrectl status`.
    var lines: [String] {
        var lines = firing.map { "\($0.rule.severity.rawValue) \($0.summary)" }
        if let failed = failedScheduledRun { lines.append("scheduled run #\(failed.id) failed: \(failed.error)") }
        return lines
    }

    /// Firing rules by severity (a failed scheduled run counts as a warning), for the Prometheus file.
    var countsBySeverity: [String: Int] {
        var counts: [String: Int] = [:]
        for firing in firing { counts[firing.rule.severity.rawValue, default: 0] += 1 }
        if failedScheduledRun != nil { counts[AlertRule.Severity.warning.rawValue, default: 0] += 1 }
        return counts
    }
}
