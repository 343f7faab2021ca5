#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// The assessment end to end through the real daemon: import → run (worker processes) → gaps.
@Suite("Assessment end to end", .serialized)
struct AssessmentFlowTests {
    /// Two people, numbers worked by hand (DESIGN.md, "Assessment semantics"); as of 2026-06-30,
    /// which is the end of that day: T = 2026-07-01T00:00Z, so rows observed on 30 June are 1 day old.
    ///
    /// ada, ml-engineer@1 (python L2 w4, statistics L2 w3):
    ///   python: manager 4.0 at T → estimate 4, gap 0;
    ///   statistics: self 2.0 observed 2025-07-01, 365 days before T → w = 0.5·0.5 = 0.25, estimate 2, gap 0;
    ///   readiness 1, meets.
    /// bo, ml-engineer@1:
    ///   python: assessment 50 % → 2.5, 1 day old (w = 1.5·0.5^(1/540)), gap 0; statistics: the
    ///   credential valid until 2026-06-30 (the start of that day) no longer counts → unassessed, gap 2;
    ///   readiness 1 − 3·2 / (4·2 + 3·2) = 1 − 6/14 = 4/7, does not meet.
    /// org: mean readiness (1 + 4/7) / 2 = 11/14, 1 meeting, top gap statistics with Σ w·gap = 6.
    static let people = """
        external_id,name,team,manager,role,level,hire_date,location
        ada,Ada Lovelace,core,,ml-engineer,1,2024-01-02,
        bo,Bo Chen,core,ada,ml-engineer,1,2025-03-01,Oslo
        """
    static let evidence = """
        person,skill,value,scale,source,observed_at,assessor,reference,valid_until
        ada,python,4,level,manager,2026-06-30,,,
        ada,statistics,2,level,self,2025-07-01,,,
        bo,python,50,percent,assessment,2026-06-30,,,
        bo,python,5,level,manager,2026-07-15,,,
        bo,statistics,5,level,credential,2025-01-01,,,2026-06-30
        """

    @Test("hand-computed estimates, readiness and aggregates come back through GetGaps")
    func handComputed() throws {
        let daemon = try DaemonUnderTest()
        try daemon.loadTaxonomy()
        #expect(try daemon.importFile(kind: "people", name: "people.csv", Self.people).rows == 2)
        #expect(try daemon.importFile(kind: "evidence", name: "evidence.csv", Self.evidence).rows == 5)
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(run.id, on: daemon).state == "succeeded")

        let org = try daemon.gaps(Workforce.GetGapsParameters())
        #expect(org.summary.headcount == 2)
        #expect(abs((org.summary.meanReadiness ?? -1) - 11.0 / 14.0) < 1e-12)
        #expect(org.summary.meeting == 1)
        #expect(org.summary.topGaps.map(\.skill) == ["statistics"])
        #expect(org.summary.topGaps.first?.weightedGap == 6)

        let bo = try daemon.gaps(Workforce.GetGapsParameters(person: "bo"))
        #expect(abs((bo.person?.readiness ?? 0) - 4.0 / 7.0) < 1e-12)
        #expect(bo.person?.meets == false)
        let python = try #require(bo.requirements.first { $0.skill == "python" })
        #expect(python.estimate == 2.5 && python.confidence == 1.5 * exp2(-1.0 / 540) && python.gap == 0)
        // The manager rating observed after the as-of date is listed, and does not count.
        #expect(python.evidence.map(\.status).sorted() == ["counted", "observed-after-as-of"])
        let statistics = try #require(bo.requirements.first { $0.skill == "statistics" })
        #expect(statistics.unassessed && statistics.estimate == 0 && statistics.gap == 2)

        let ada = try daemon.gaps(Workforce.GetGapsParameters(person: "ada"))
        let adaStatistics = try #require(ada.requirements.first { $0.skill == "statistics" })
        #expect(adaStatistics.estimate == 2 && adaStatistics.confidence == 0.25)
        #expect(adaStatistics.evidence.first?.decay == 0.5 && adaStatistics.evidence.first?.weight == 0.25)

        let team = try daemon.gaps(Workforce.GetGapsParameters(team: "core"))
        #expect(team.people.map(\.id) == ["bo", "ada"], "most in need first")
        // An operator sees each role level's top gaps inside the team, not an empty list.
        #expect(team.roleLevels.map(\.id) == ["ml-engineer@1"])
        #expect(team.roleLevels.first?.topGaps.map(\.skill) == ["statistics"])
        #expect(team.roleLevels.first?.topGaps.first?.weightedGap == 6)
        let asOfEarlier = try daemon.connect().call(
            Workforce.Method.getGaps.qualifiedName, ["asOf": "2026-01-01"])
        #expect(asOfEarlier.error == "io.cadre.Workforce.NoAssessment")

        // A run dated far ahead does not hide later ones: without a date, the newest run answers.
        let ahead = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2030-01-01"), as: Workforce.RunReply.self).run
        let again = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        _ = try waitForRun(again.id, on: daemon)
        #expect(try daemon.gaps(Workforce.GetGapsParameters()).runId == again.id)
        #expect(try daemon.gaps(Workforce.GetGapsParameters(asOf: "2031-01-01")).runId == ahead.id)
        #expect(try daemon.gaps(Workforce.GetGapsParameters(asOf: "2029-12-31")).runId == again.id)
    }

    @Test("a bad row rejects the whole import with file, line, column and field, and stores nothing")
    func badImportStoresNothing() throws {
        let daemon = try DaemonUnderTest()
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", Self.people)
        let before = try daemon.status().dataVersion
        let broken = Self.evidence.replacingOccurrences(of: "ada,statistics,2", with: "ada,statistcs,2")
        #expect {
            try daemon.importFile(kind: "evidence", name: "evidence.csv", broken)
        } throws: { error in
            guard let failure = error as? ImportFailure else { return false }
            return failure.error == "io.cadre.Workforce.InvalidImport" && failure.parameters["file"]?.stringValue == "evidence.csv"
                && failure.parameters["line"]?.intValue == 3 && failure.parameters["field"]?.stringValue == "skill"
                && failure.parameters["code"]?.stringValue == "import.unknown-skill"
        }
        #expect(try daemon.status().dataVersion == before)
        let dry = try daemon.importFile(kind: "evidence", name: "evidence.csv", Self.evidence, dryRun: true)
        #expect(dry.dryRun && dry.rows == 5 && dry.dataVersion == before)
        #expect(try daemon.status().dataVersion == before)
    }

    @Test("an import belongs to its connection: it ends when the connection does, and opens are bounded")
    func importSessions() throws {
        let daemon = try DaemonUnderTest()
        try daemon.loadTaxonomy()
        let staging = daemon.state + "/imports"
        func stagingFiles() -> Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []).filter { $0.hasSuffix(".sqlite") }.count
        }
        var abandoned: String?
        do {
            let connection = try daemon.connect()
            abandoned = try connection.call(
                .beginImport, Workforce.BeginImportParameters(kind: "people", name: "p.csv"), as: Workforce.ImportID.self
            ).importId
            #expect(stagingFiles() == 1)
        }
        #expect(eventually { stagingFiles() == 0 }, "the staging file goes with its connection")

        let other = try daemon.connect()
        let stale = try other.call(
            Workforce.Method.importChunk.qualifiedName,
            try WireJSON.value(Workforce.ImportChunkParameters(importId: abandoned ?? "", data: "x")))
        #expect(stale.error == "io.cadre.Workforce.ImportNotFound")
        for _ in 0..<2 {
            _ = try other.call(.beginImport, Workforce.BeginImportParameters(kind: "people", name: "p.csv"), as: Workforce.ImportID.self)
        }
        let third = try other.call(Workforce.Method.beginImport.qualifiedName, ["kind": "people", "name": "p.csv"])
        #expect(third.error == "io.cadre.Workforce.TooManyImports" && third.parameters?["limit"]?.intValue == 2)
    }

    @Test("a rerun gives the same numbers; kill -9 of the assessment worker mid-run changes nothing")
    func determinismAndCrash() throws {
        let daemon = try DaemonUnderTest(environment: ["CADRE_PHASE_DELAY_MS": "1200"])
        try daemon.loadTaxonomy(try Self.defaultTaxonomy())
        let sample = Checkout.root.appendingPathComponent("Config/sample-org")
        try daemon.importFile(kind: "people", name: "people.csv", try String(contentsOf: sample.appendingPathComponent("people.csv"), encoding: .utf8))
        try daemon.importFile(kind: "evidence", name: "evidence.csv", try String(contentsOf: sample.appendingPathComponent("evidence.csv"), encoding: .utf8))

        let first = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2025-07-01"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(first.id, on: daemon).state == "succeeded")

        // The second run of the same pins: its assessment worker is killed while the phase is in flight.
        let events = try daemon.connect()
        try events.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        #expect(try events.receive().flatMap { try? $0.decodeParameters(as: Workforce.EventReply.self) }?.event.kind == "subscribed")
        let second = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2025-07-01"), as: Workforce.RunReply.self).run
        var killed = false
        while let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            if event.runId == second.id, event.kind == "phase-started", event.phase == "assessment", !killed, let pid = event.pid {
                usleep(300_000)
                kill(Int32(pid), SIGKILL)
                killed = true
            }
            if event.runId == second.id, event.kind == "run-finished" || event.kind == "run-failed" { break }
        }
        #expect(killed)
        let rerun = try waitForRun(second.id, on: daemon)
        #expect(rerun.state == "succeeded")
        #expect(rerun.phases.first { $0.phase == "assessment" }?.attempts == 2)
        #expect(rerun.dataVersion == first.dataVersion && rerun.taxonomyVersion == first.taxonomyVersion)

        let a = try daemon.gaps(Workforce.GetGapsParameters(run: first.id, top: 50))
        let b = try daemon.gaps(Workforce.GetGapsParameters(run: second.id, top: 50))
        #expect(a.summary.headcount == 200)
        #expect(a.summary == b.summary, "bit for bit: Doubles travel in shortest round-trip form")
        #expect(a.roleLevels == b.roleLevels && a.teams == b.teams)
        for team in a.teams.map(\.id) {
            let left = try daemon.gaps(Workforce.GetGapsParameters(run: first.id, team: team))
            let right = try daemon.gaps(Workforce.GetGapsParameters(run: second.id, team: team))
            #expect(left.people == right.people && left.summary == right.summary)
        }
        #expect(try daemon.status().workers.first { $0.phase == "assessment" }?.restarts == 1)
    }

    @Test("a reader sees no per-person figures, nor groups, under 5 people; an operator does", .enabled(if: Checkout.isRoot, "needs root to run a client as nobody"))
    func smallTeamPrivacy() throws {
        let daemon = try DaemonUnderTest(configuration: "readersGroup: nogroup\noperatorsGroup: cadre-ops-test\n")
        chmod(daemon.socketPath, 0o666)
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", Self.people)
        try daemon.importFile(kind: "evidence", name: "evidence.csv", Self.evidence)
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        _ = try waitForRun(run.id, on: daemon)
        #expect(try daemon.gaps(Workforce.GetGapsParameters(team: "core")).people.count == 2)
        let script = """
            import json, socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
            out = []
            for params in [{"team": "core"}, {"person": "bo"}, {}]:
                s.sendall(json.dumps({"method": "io.cadre.Workforce.GetGaps", "parameters": params}).encode() + b"\\0")
                buf = b""
                while not buf.endswith(b"\\0"):
                    buf += s.recv(1 << 20)
                out.append(json.loads(buf[:-1]))
            print(json.dumps(out))
            """
        let replies = try WireJSON.decode([VarlinkReply].self, from: Array(try runAsNobody(["/usr/bin/python3", "-c", script, daemon.socketPath]).utf8))
        let team = try replies[0].decodeParameters(as: Workforce.GapViewReply.self).view
        #expect(team.people.isEmpty && team.hidden != nil && team.summary.headcount == 2)
        #expect(team.summary.meanReadiness == nil && team.summary.meeting == nil && team.summary.topGaps.isEmpty,
                "a team of two's own figures are two people's")
        #expect(replies[1].error == "io.cadre.Workforce.PermissionDenied")
        let org = try replies[2].decodeParameters(as: Workforce.GapViewReply.self).view
        #expect(org.summary.headcount == 2 && org.summary.meanReadiness == nil)
        #expect(org.teams.isEmpty && org.roleLevels.isEmpty, "a team or role level of two is two people's figures")
        #expect(org.hidden?.contains("2 groups left out") == true)
        let operatorView = try daemon.gaps(Workforce.GetGapsParameters())
        #expect(operatorView.teams.map(\.id) == ["core"] && operatorView.roleLevels.map(\.id) == ["ml-engineer@1"])
    }

    static func defaultTaxonomy() throws -> [Workforce.SourceFile] {
        let folder = Checkout.root.appendingPathComponent("Config/taxonomy")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted().map {
            Workforce.SourceFile(name: $0, contents: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
    }
}

struct ImportFailure: Error {
    var error: String
    var parameters: JSONValue
}

extension DaemonUnderTest {
    /// Streams `contents` through BeginImport, ImportChunk (in small pieces) and CommitImport.
    @discardableResult
    func importFile(kind: String, name: String, _ contents: String, dryRun: Bool = false, chunk: Int = 64) throws -> Workforce.ImportSummary {
        let connection = try connect()
        let id = try connection.call(
            .beginImport, Workforce.BeginImportParameters(kind: kind, name: name, dryRun: dryRun), as: Workforce.ImportID.self
        ).importId
        var rest = Substring(contents + "\n")
        while !rest.isEmpty {
            let piece = rest.prefix(chunk)
            rest = rest.dropFirst(piece.count)
            let reply = try connection.call(
                Workforce.Method.importChunk.qualifiedName, try WireJSON.value(Workforce.ImportChunkParameters(importId: id, data: String(piece))))
            if let error = reply.error { throw ImportFailure(error: error, parameters: reply.parameters ?? .null) }
        }
        let reply = try connection.call(Workforce.Method.commitImport.qualifiedName, try WireJSON.value(Workforce.ImportID(importId: id)))
        if let error = reply.error { throw ImportFailure(error: error, parameters: reply.parameters ?? .null) }
        return try reply.decodeParameters(as: Workforce.ImportSummaryReply.self).summary
    }

    func loadTaxonomy(_ files: [Workforce.SourceFile]) throws {
        _ = try connect().call(.loadTaxonomy, Workforce.LoadTaxonomyParameters(files: files, source: "Config/taxonomy"), as: Workforce.TaxonomyReply.self)
    }

    func gaps(_ parameters: Workforce.GetGapsParameters) throws -> Workforce.GapView {
        try connect().call(.getGaps, parameters, as: Workforce.GapViewReply.self).view
    }
}
