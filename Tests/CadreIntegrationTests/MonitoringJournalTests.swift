#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// Alerts as journald stores them, through the private journald of scripts/with-journald.
@Suite("Monitoring alerts in the journal", .serialized)
struct MonitoringJournalTests {
    @Test("a tripped rule and a failed scheduled run: PRIORITY=4 with CADRE_ALERT_* fields, the run id and its trigger; alert events")
    func alertsInTheJournal() throws {
        try #require(Checkout.isRoot, "a private journald needs root (mount namespace)")
        let journal = FileManager.default.temporaryDirectory
            .appendingPathComponent("cadre-journal-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let daemon = try DaemonUnderTest(
            configuration: """
                maximumPhaseAttempts: 1
                alertRules:
                  - {name: readiness-floor, metric: readiness, when: below, threshold: 0.99}
                """,
            environment: ["CADRE_PHASE_DELAY_MS": "600"],
            launcher: [Checkout.root.appendingPathComponent("scripts/with-journald").path, journal],
            arguments: ["--log-target", "journal"])
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", AssessmentFlowTests.people)
        try daemon.importFile(kind: "evidence", name: "evidence.csv", AssessmentFlowTests.evidence)
        // A timeout, so a missing event fails the test instead of hanging it.
        let events = try RawVarlinkConnection(path: daemon.socketPath, timeoutSeconds: 60)
        try events.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        #expect(try events.receive()?.parameters?["event"]?["kind"]?.stringValue == "subscribed")

        let good = try daemon.connect().call(
            .startRun, Workforce.StartRunParameters(asOf: "2026-06-30", trigger: "timer"), as: Workforce.RunReply.self).run
        var alert: Workforce.Event?
        while alert == nil, let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            if event.kind == "alert" { alert = event }
            if event.kind == "run-failed" { break }
        }
        #expect(alert?.runId == good.id && alert?.message?.contains("readiness-floor") == true)
        #expect(try waitForRun(good.id, on: daemon).state == "succeeded")

        // A scheduled run whose worker dies with no attempt left fails: an alert of its own.
        let bad = try daemon.connect().call(
            .startRun, Workforce.StartRunParameters(asOf: "2026-07-31", trigger: "timer"), as: Workforce.RunReply.self).run
        var failedAlert: Workforce.Event?
        while let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            if event.kind == "phase-started", event.runId == bad.id, event.phase == "taxonomy", let pid = event.pid {
                usleep(200_000)
                kill(Int32(pid), SIGKILL)
            }
            // The alert follows the run's end (it is raised by the run-finished hook).
            if event.kind == "alert", event.runId == bad.id {
                failedAlert = event
                break
            }
        }
        #expect(try waitForRun(bad.id, on: daemon).state == "failed")
        #expect(failedAlert?.message?.hasPrefix("scheduled run #\(bad.id) failed") == true)
        let status = try daemon.status()
        #expect(status.alerts.contains { $0.hasPrefix("scheduled run #\(bad.id) failed") })
        #expect(status.alerts.contains { $0.contains("readiness-floor") }, "the failed run clears nothing")
        let pid = status.pid
        #expect(try daemon.stop(pid: Int32(pid)) == 0)

        let records = try journalRecords(directory: journal, identifier: "cadred")
        let tripped = try #require(records.first { $0["CADRE_ALERT_RULE"] == "readiness-floor" }, "no alert record")
        #expect(tripped["PRIORITY"] == "4")
        #expect(tripped["CADRE_ALERT"] == "readiness-floor")
        #expect(tripped["CADRE_ALERT_METRIC"] == "readiness{org}")
        #expect(Double(tripped["CADRE_ALERT_VALUE"] ?? "") != nil, "value: \(tripped["CADRE_ALERT_VALUE"] ?? "none")")
        #expect(tripped["CADRE_RUN_ID"] == "\(good.id)")
        #expect(tripped["CADRE_TRIGGER"] == "timer")
        let scheduled = try #require(records.first { $0["CADRE_ALERT_RULE"] == "scheduled-run" }, "no scheduled-run alert")
        #expect(scheduled["PRIORITY"] == "4")
        #expect(scheduled["CADRE_RUN_ID"] == "\(bad.id)")
        #expect(scheduled["CADRE_ALERT_VALUE"] == "failed")
        #expect(records.contains { $0["CADRE_RUN_ID"] == "\(bad.id)" && $0["CADRE_TRIGGER"] == "timer" && ($0["MESSAGE"] ?? "").contains("queued") })
    }
}
