import CadreEngine
import CadreStore
import CadreWire
import Logging

/// After each run: its snapshot, the alert rules, the Prometheus file. Everything here is
/// best-effort — a run's outcome is already persisted, and a monitoring failure is logged, never
/// turned into a failed run.
extension Supervisor {
    var recorder: SnapshotRecorder { SnapshotRecorder(store: store) }

    /// At start: snapshots for runs that predate them (in the background, so READY=1 does not
    /// wait), then the alerts of the latest run restored, so a restart does not forget them.
    func startMonitoring() {
        let recorder = recorder, logger = logger
        Task { [weak self] in
            await recorder.backfill(logger: logger)
            await self?.restoreAlerts()
        }
    }

    private func restoreAlerts() async {
        do {
            guard let latest = try await store.latestSnapshot() else { return }
            let previous = try await store.latestSnapshot(before: latest.runID)
            _ = monitoring.replaceFiring(AlertRule.evaluate(configuration.alertRules, latest, previous: previous))
            await updateStatus()
        } catch {
            logger.warning("cannot restore the alerts of the latest run: \(error)")
        }
    }

    /// The run-finished hook (`apply`'s `.finish`).
    func runFinished(_ runID: Int64, state: RunState) async {
        let record: RunRecord
        do {
            guard let found = try await store.run(id: runID) else { return }
            record = found
        } catch {
            logger.error("cannot read run #\(runID) for monitoring: \(error)")
            return
        }
        var logger = logger
        logger[metadataKey: "runID"] = "\(runID)"
        logger[metadataKey: "trigger"] = "\(record.trigger)"
        if state == .failed {
            if record.trigger == MonitoringAlerts.scheduledTrigger {
                let error = record.error ?? "no error recorded"
                monitoring.scheduledRunFailed(id: runID, error: error)
                announce(
                    logger, level: .warning, rule: "scheduled-run", metric: "run-state", value: "failed",
                    message: "scheduled run #\(runID) failed: \(error)", runID: runID)
            }
            await writePrometheusFile(logger)
            return
        }
        if let cleared = monitoring.runSucceeded(id: runID) {
            logger.notice("alert cleared: scheduled run #\(cleared) failed; run #\(runID) succeeded", metadata: ["alert": "scheduled-run"])
            hub.publish("alert-cleared", runID: runID, message: "scheduled-run: run #\(runID) succeeded after #\(cleared) failed")
        }
        do {
            let snapshot = try await recorder.record(record)
            // Rules judge the newest run only: backfilling history must not raise old alerts.
            if try await store.latestSnapshot()?.runID == runID {
                let previous = try await store.latestSnapshot(before: runID)
                evaluateRules(snapshot, previous: previous, logger: logger)
            }
        } catch {
            logger.error("run #\(runID) has no snapshot: \(error)")
        }
        await writePrometheusFile(logger)
    }

    private func evaluateRules(_ snapshot: RunSnapshot, previous: RunSnapshot?, logger: Logger) {
        let firing = AlertRule.evaluate(configuration.alertRules, snapshot, previous: previous)
        for alert in firing {
            announce(
                logger, level: Self.level(alert.rule.severity), rule: alert.rule.name, metric: alert.rule.key.description,
                value: AlertFiring.number(alert.value), message: "alert \(alert.summary)", runID: snapshot.runID)
        }
        for cleared in monitoring.replaceFiring(firing) {
            logger.notice("alert cleared: \(cleared.rule.name) (run #\(snapshot.runID))", metadata: ["alert": "\(cleared.rule.name)"])
            hub.publish("alert-cleared", runID: snapshot.runID, message: cleared.rule.name)
        }
    }

    /// To the journal (CADRE_ALERT, CADRE_ALERT_RULE, CADRE_ALERT_METRIC, CADRE_ALERT_VALUE with
    /// the run's CADRE_RUN_ID) and to subscribers as an `alert` event.
    private func announce(
        _ logger: Logger, level: Logger.Level, rule: String, metric: String, value: String, message: String, runID: Int64
    ) {
        logger.log(
            level: level, "\(message)",
            metadata: ["alert": "\(rule)", "alertRule": "\(rule)", "alertMetric": "\(metric)", "alertValue": "\(value)"])
        hub.publish("alert", runID: runID, message: message)
    }

    static func level(_ severity: AlertRule.Severity) -> Logger.Level {
        switch severity {
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }

    private func writePrometheusFile(_ logger: Logger) async {
        guard let path = configuration.prometheusTextFile else { return }
        do {
            guard let exposition = try await PrometheusTextFile.exposition(
                store: store, threshold: configuration.assessment.smallTeamThreshold, seesEverything: false,
                alerts: monitoring)
            else { return }
            try await PrometheusTextFile.write(exposition.text(), to: path)
        } catch {
            logger.error("\(error)")
        }
    }

    /// The alerts in force, for the views that report them (GetSnapshot, the Prometheus text).
    var monitoringAlerts: MonitoringAlerts { monitoring }
}
