#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// Phases as a graph through the real daemon: training, credentialing and retention, which all
/// need only the assessment, run at the same time in their own workers; killing one of them
/// mid-phase changes no result.
@Suite("Phases in parallel", .serialized)
struct ParallelPhasesTests {
    static func sampleDaemon(environment: [String: String] = [:], configurationFiles: [String: String] = [:]) throws -> DaemonUnderTest {
        let daemon = try DaemonUnderTest(environment: environment, configurationFiles: configurationFiles)
        try daemon.loadTaxonomy(try AssessmentFlowTests.defaultTaxonomy())
        let root = Checkout.root
        func text(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }
        try daemon.importFile(kind: "people", name: "people.csv", try text("Config/sample-org/people.csv"))
        try daemon.importFile(kind: "evidence", name: "evidence.csv", try text("Config/sample-org/evidence.csv"))
        _ = try TrainingFlowTests.loadCatalogue(daemon, try text("Config/catalogue/courses.yaml"))
        _ = try daemon.connect().call(
            .loadCatalogue,
            Workforce.LoadCatalogueParameters(
                kind: "credentials", files: [Workforce.SourceFile(name: "catalogue.yaml", contents: try text("Config/credentials/catalogue.yaml"))]),
            as: Workforce.CatalogueReply.self)
        try daemon.importFile(kind: "credentials", name: "credentials.csv", try text("Config/sample-org/credentials.csv"))
        try daemon.importFile(kind: "hr-events", name: "hr-events.csv", try text("Config/sample-org/hr-events.csv"))
        return daemon
    }

    static func subscribe(_ daemon: DaemonUnderTest) throws -> RawVarlinkConnection {
        let events = try daemon.connect()
        try events.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        #expect(try events.receive().flatMap { try? $0.decodeParameters(as: Workforce.EventReply.self) }?.event.kind == "subscribed")
        return events
    }

    @Test("the three phases after assessment run at once: each starts before any of them finishes")
    func overlap() throws {
        let daemon = try Self.sampleDaemon(environment: ["CADRE_PHASE_DELAY_MS": "600"])
        let events = try Self.subscribe(daemon)
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2025-06-30"), as: Workforce.RunReply.self).run
        var order: [(kind: String, phase: String)] = []
        while let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            guard event.runId == run.id else { continue }
            if let phase = event.phase, event.kind == "phase-started" || event.kind == "phase-finished" { order.append((event.kind, phase)) }
            if event.kind == "run-finished" || event.kind == "run-failed" { break }
        }
        let parallel: Set<String> = ["training", "credentialing", "retention"]
        let starts = order.enumerated().filter { $0.element.kind == "phase-started" && parallel.contains($0.element.phase) }.map(\.offset)
        let finishes = order.enumerated().filter { $0.element.kind == "phase-finished" && parallel.contains($0.element.phase) }.map(\.offset)
        #expect(starts.count == 3 && finishes.count == 3)
        #expect((starts.max() ?? .max) < (finishes.min() ?? .min), "every one started before the first finished: \(order)")
        // Assessment finished before any of them started: the graph's edge.
        let assessed = order.firstIndex { $0.kind == "phase-finished" && $0.phase == "assessment" } ?? .max
        #expect(assessed < (starts.min() ?? .min))
        #expect(try waitForRun(run.id, on: daemon).state == "succeeded")
    }

    @Test("kill -9 of the credentialing worker while three phases run: its phase is re-run, every result identical")
    func crashAmongParallelPhases() throws {
        let daemon = try Self.sampleDaemon(environment: ["CADRE_PHASE_DELAY_MS": "600"])
        let first = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2025-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(first.id, on: daemon).state == "succeeded")

        let events = try Self.subscribe(daemon)
        let second = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2025-06-30"), as: Workforce.RunReply.self).run
        var killed = false
        while let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            if event.runId == second.id, event.kind == "phase-started", event.phase == "credentialing", !killed, let pid = event.pid {
                usleep(150_000)  // inside the worker's fault-injection delay: the phase is in flight
                kill(Int32(pid), SIGKILL)
                killed = true
            }
            if event.runId == second.id, event.kind == "run-finished" || event.kind == "run-failed" { break }
        }
        #expect(killed)
        let rerun = try waitForRun(second.id, on: daemon)
        #expect(rerun.state == "succeeded")
        #expect(rerun.phases.first { $0.phase == "credentialing" }?.attempts == 2)
        #expect(rerun.phases.filter { $0.phase != "credentialing" }.allSatisfy { $0.attempts == 1 })

        var a = try daemon.connect().call(.getCredentials, Workforce.GetCredentialsParameters(run: first.id), as: Workforce.CredentialsViewReply.self).view
        var b = try daemon.connect().call(.getCredentials, Workforce.GetCredentialsParameters(run: second.id), as: Workforce.CredentialsViewReply.self).view
        #expect(a.worklistCount > 0 && !a.byCredential.isEmpty)
        a.runId = 0
        b.runId = 0
        #expect(a == b)
        var c = try daemon.connect().call(.getRetention, Workforce.GetRetentionParameters(run: first.id, top: 1000), as: Workforce.RetentionViewReply.self).view
        var d = try daemon.connect().call(.getRetention, Workforce.GetRetentionParameters(run: second.id, top: 1000), as: Workforce.RetentionViewReply.self).view
        #expect((c.people?.count ?? 0) > 50)
        c.runId = 0
        d.runId = 0
        #expect(c == d)
        var e = try TrainingFlowTests.plans(daemon, .init(run: first.id))
        var f = try TrainingFlowTests.plans(daemon, .init(run: second.id))
        e.runId = 0
        f.runId = 0
        #expect(e == f)
    }
}
