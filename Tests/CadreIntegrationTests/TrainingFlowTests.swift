#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// The training phase end to end through the real daemon: catalogue → run (its own worker) →
/// plans; completions → rerun → targets closed; a killed worker changes nothing.
@Suite("Training end to end", .serialized)
struct TrainingFlowTests {
    /// bo (ml-engineer@1) has python 2.5 (gap 0) and no statistics (target statistics@2, weight 3).
    /// stats-a closes it for 300.00; py-3 (50.00) then stats-b (200.00) close it for 250.00 —
    /// stats-b needs python@3, which bo's 2.5 does not meet (0.5 > τ), so py-3 goes first, there
    /// only for that prerequisite. 8 h + 30 h = 38 h → ceil(38/4) = 10 weeks → D + 70 days.
    static let catalogue = """
        courses:
          - {id: stats-a, title: Statistics A, provider: Vendor X, kind: vendor, cost: 30000, hours: 10,
             teaches: [{skill: statistics, level: 2}]}
          - {id: stats-b, title: Statistics B, provider: State University, kind: academic, cost: 20000, hours: 30,
             teaches: [{skill: statistics, level: 3}], prerequisites: [{skill: python, level: 3}]}
          - {id: py-3, title: Python 3, provider: Academy, kind: internal, cost: 5000, hours: 8,
             teaches: [{skill: python, level: 3}]}
        """

    static func plans(_ daemon: DaemonUnderTest, _ parameters: Workforce.GetPlansParameters = .init()) throws -> Workforce.PlansView {
        try daemon.connect().call(.getPlans, parameters, as: Workforce.PlansViewReply.self).view
    }

    static func loadCatalogue(_ daemon: DaemonUnderTest, _ yaml: String = catalogue) throws -> Workforce.CatalogueVersion {
        try daemon.connect().call(
            .loadCatalogue,
            Workforce.LoadCatalogueParameters(kind: "courses", files: [Workforce.SourceFile(name: "courses.yaml", contents: yaml)]),
            as: Workforce.CatalogueReply.self
        ).version
    }

    @Test("hand-computed plans; completions become evidence and close the target on the next run")
    func handComputed() throws {
        let daemon = try DaemonUnderTest()
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", AssessmentFlowTests.people)
        try daemon.importFile(kind: "evidence", name: "evidence.csv", AssessmentFlowTests.evidence)
        let loaded = try Self.loadCatalogue(daemon)
        #expect(loaded.items == 3 && !loaded.unchanged)
        #expect(try Self.loadCatalogue(daemon).unchanged, "the same files store nothing")

        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(run.id, on: daemon).state == "succeeded")
        let org = try Self.plans(daemon)
        #expect(org.runId == run.id && org.catalogueLoaded)
        #expect(org.summary.headcount == 2 && org.summary.peopleWithPlans == 1 && org.summary.cost == 25_000 && org.summary.hours == 3_800)
        #expect(org.summary.costByKind?.map(\.cost) == [5_000, 0, 20_000], "internal, vendor, academic")
        #expect(org.uncoverable.isEmpty)

        let bo = try #require(try Self.plans(daemon, .init(person: "bo")).plan)
        #expect(bo.steps.map(\.course) == ["py-3", "stats-b"])
        #expect(bo.steps.map(\.closes) == [[], ["statistics"]], "py-3 is there for stats-b's prerequisite")
        #expect(bo.cost == 25_000 && bo.hours == 3_800 && bo.weeks == 10 && bo.readyBy == "2026-09-08" && bo.status == "optimal")
        #expect(try Self.plans(daemon, .init(person: "ada")).plan?.steps.isEmpty == true)

        // Toward ml-engineer@2 (python 3 w5, statistics 3 w3, ai-risk 2 w2): ai-risk has no course.
        let toward = try #require(try Self.plans(daemon, .init(person: "bo", toward: "ml-engineer@2")).plan)
        #expect(!toward.own && toward.roleLevel == "ml-engineer@2")
        #expect(toward.steps.map(\.course) == ["py-3", "stats-b"] && toward.cost == 25_000)
        #expect(toward.uncoverable.map(\.skill) == ["ai-risk"])

        // bo completed stats-a: statistics level 2 as training evidence; the next run closes the target.
        let completions = try daemon.importFile(
            kind: "completions", name: "completions.csv", "person,course,completed_on\nbo,stats-a,2026-06-01\n")
        #expect(completions.rows == 1 && completions.inserted == 1, "one skill taught: one evidence row")
        let again = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(again.id, on: daemon).state == "succeeded")
        let after = try Self.plans(daemon)
        #expect(after.runId == again.id && after.summary.peopleWithPlans == 0 && after.summary.cost == 0)
        let statistics = try #require(try daemon.gaps(Workforce.GetGapsParameters(person: "bo")).requirements.first { $0.skill == "statistics" })
        #expect(statistics.estimate == 2 && statistics.gap == 0)
        #expect(statistics.evidence.contains { $0.source == "training" && $0.status == "counted" })

        // A completion of a course not in the catalogue, or of someone unknown, rejects the file.
        #expect(throws: ImportFailure.self) {
            try daemon.importFile(kind: "completions", name: "bad.csv", "person,course,completed_on\nbo,nope,2026-06-01\n")
        }
    }

    @Test("a rerun gives the same plans; kill -9 of the training worker mid-phase changes nothing")
    func determinismAndCrash() throws {
        let daemon = try DaemonUnderTest(environment: ["CADRE_PHASE_DELAY_MS": "800"])
        try daemon.loadTaxonomy(try AssessmentFlowTests.defaultTaxonomy())
        let sample = Checkout.root.appendingPathComponent("Config/sample-org")
        try daemon.importFile(kind: "people", name: "people.csv", try String(contentsOf: sample.appendingPathComponent("people.csv"), encoding: .utf8))
        try daemon.importFile(kind: "evidence", name: "evidence.csv", try String(contentsOf: sample.appendingPathComponent("evidence.csv"), encoding: .utf8))
        let courses = try String(contentsOf: Checkout.root.appendingPathComponent("Config/catalogue/courses.yaml"), encoding: .utf8)
        _ = try Self.loadCatalogue(daemon, courses)

        let first = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2025-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(first.id, on: daemon).state == "succeeded")

        let events = try daemon.connect()
        try events.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        #expect(try events.receive().flatMap { try? $0.decodeParameters(as: Workforce.EventReply.self) }?.event.kind == "subscribed")
        let second = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2025-06-30"), as: Workforce.RunReply.self).run
        var killed = false
        while let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            if event.runId == second.id, event.kind == "phase-started", event.phase == "training", !killed, let pid = event.pid {
                usleep(200_000)  // inside the worker's fault-injection delay: the phase is in flight
                kill(Int32(pid), SIGKILL)
                killed = true
            }
            if event.runId == second.id, event.kind == "run-finished" || event.kind == "run-failed" { break }
        }
        #expect(killed)
        let rerun = try waitForRun(second.id, on: daemon)
        #expect(rerun.state == "succeeded")
        #expect(rerun.phases.first { $0.phase == "training" }?.attempts == 2)

        var a = try Self.plans(daemon, .init(run: first.id, top: 1000))
        var b = try Self.plans(daemon, .init(run: second.id, top: 1000))
        #expect(a.summary.headcount == 200 && (a.summary.peopleWithPlans ?? 0) > 100)
        #expect(a.uncoverable.map(\.skill) == ["research-methodology"], "the default catalogue leaves it uncoverable")
        a.runId = 0
        b.runId = 0
        #expect(a == b)
        for team in a.teams.map(\.id) {
            let left = try Self.plans(daemon, .init(run: first.id, team: team))
            let right = try Self.plans(daemon, .init(run: second.id, team: team))
            #expect(left.people == right.people && left.summary == right.summary)
        }
    }

    @Test("a reader is refused per-person plans and sees no group under 5 people", .enabled(if: Checkout.isRoot, "needs root to run a client as nobody"))
    func readerPrivacy() throws {
        let daemon = try DaemonUnderTest(configuration: "readersGroup: nogroup\noperatorsGroup: cadre-ops-test\n")
        chmod(daemon.socketPath, 0o666)
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", AssessmentFlowTests.people)
        try daemon.importFile(kind: "evidence", name: "evidence.csv", AssessmentFlowTests.evidence)
        _ = try Self.loadCatalogue(daemon)
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        _ = try waitForRun(run.id, on: daemon)
        let script = """
            import json, socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
            out = []
            for params in [{"person": "bo"}, {}, {"team": "core"}]:
                s.sendall(json.dumps({"method": "io.cadre.Workforce.GetPlans", "parameters": params}).encode() + b"\\0")
                buf = b""
                while not buf.endswith(b"\\0"):
                    buf += s.recv(1 << 20)
                out.append(json.loads(buf[:-1]))
            print(json.dumps(out))
            """
        let replies = try WireJSON.decode([VarlinkReply].self, from: Array(try runAsNobody(["/usr/bin/python3", "-c", script, daemon.socketPath]).utf8))
        #expect(replies[0].error == "io.cadre.Workforce.PermissionDenied")
        let org = try replies[1].decodeParameters(as: Workforce.PlansViewReply.self).view
        #expect(org.summary.headcount == 2 && org.summary.cost == nil && org.teams.isEmpty && org.roleLevels.isEmpty)
        let team = try replies[2].decodeParameters(as: Workforce.PlansViewReply.self).view
        #expect(team.people == nil && team.summary.cost == nil && team.hidden != nil)
        #expect(try Self.plans(daemon, .init(team: "core")).people?.count == 2, "an operator sees them")
    }
}
