#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// The real `cadrectl` against a real `cadred`: exit codes a script branches on, and the
/// operator's whole path from an empty daemon to a team's gaps with the sample organisation.
@Suite("cadrectl", .serialized)
struct CadrectlTests {
    @Test("exit codes: 69 with no daemon, 2 for usage, 0 and the version for --version")
    func exitCodesWithoutDaemon() throws {
        let folder = try TemporaryFolder()
        let socket = folder.path + "/io.cadre.Workforce"
        let status = try Ctl.run(["status"], socket: socket, in: folder.path)
        #expect(status.exit == 69)
        #expect(status.stderr.contains("cadred is not reachable at \(socket)"))
        #expect(status.stderr.contains("systemctl start cadred.socket"))
        #expect(try Ctl.run(["gaps"], socket: socket, in: folder.path).exit == 69)

        let usage = try Ctl.run(["gaps", "--team", "Ranking", "--person", "E000001"], socket: socket, in: folder.path)
        #expect(usage.exit == 2)
        #expect(usage.stderr.contains("give only one of --team, --person"))
        let missing = try Ctl.run(["import", "people"], socket: socket, in: folder.path)
        #expect(missing.exit == 2)
        #expect(missing.stderr.contains("\nUsage: ") && !missing.stderr.contains("\\n"), "the usage message keeps its line breaks")
        #expect(try Ctl.run(["import", "people", "x.csv", "--format", "xml"], socket: socket, in: folder.path).exit == 2)
        #expect(try Ctl.run(["gaps", "--role", "ml-engineer@0"], socket: socket, in: folder.path).exit == 2)
        #expect(try Ctl.run(["frobnicate"], socket: socket, in: folder.path).exit == 2)

        let version = try Ctl.run(["--version"], socket: socket, in: folder.path)
        #expect(version.exit == 0)
        #expect(version.stdout == CadreVersion.current + "\n")
    }

    @Test("77 for a user outside the groups: the method's group, or the socket's mode", .enabled(if: Checkout.isRoot, "needs root to run cadrectl as nobody"))
    func permissionDenied() throws {
        let daemon = try DaemonUnderTest(configuration: "readersGroup: cadre-read-test\noperatorsGroup: cadre-ops-test\n")
        chmod(daemon.socketPath, 0o666)
        let asNobody = ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
        let ping = try Ctl.run(["ping"], socket: daemon.socketPath, in: daemon.root, prefix: asNobody)
        #expect(ping.exit == 0 && ping.stdout == "pong\n")
        let status = try Ctl.run(["status"], socket: daemon.socketPath, in: daemon.root, prefix: asNobody)
        #expect(status.exit == 77)
        #expect(status.stderr.contains("needs group cadre-read-test"))
        #expect(try Ctl.run(["run"], socket: daemon.socketPath, in: daemon.root, prefix: asNobody).exit == 77)

        chmod(daemon.socketPath, 0o600)
        let socket = try Ctl.run(["status"], socket: daemon.socketPath, in: daemon.root, prefix: asNobody)
        #expect(socket.exit == 77)
        #expect(socket.stderr.contains("permission denied opening \(daemon.socketPath)"))
    }

    @Test("taxonomy, people and evidence of the sample organisation, a run, then the gaps it found")
    func sampleOrganisation() throws {
        let daemon = try DaemonUnderTest()
        let ctl = { (arguments: [String]) throws -> Ctl.Outcome in
            try Ctl.run(arguments, socket: daemon.socketPath, in: Checkout.root.path)
        }
        // The connection option goes before the command as well as after it (and wins over $CADRE_SOCKET).
        let leading = try Ctl.run(["--socket", daemon.socketPath, "status", "--json"], socket: "/nonexistent", in: Checkout.root.path)
        #expect(leading.exit == 0, "\(leading.stderr)")
        #expect(try Ctl.run(["--socket=\(daemon.socketPath)", "ping"], socket: "/nonexistent", in: Checkout.root.path).exit == 0)

        let noAssessment = try ctl(["gaps"])
        #expect(noAssessment.exit == 1)
        #expect(noAssessment.stderr.contains("no assessment to show"))

        #expect(try ctl(["taxonomy", "load", "Config/taxonomy"]).exit == 0)
        let dryRun = try ctl(["import", "people", "Config/sample-org/people.csv", "--dry-run", "--json"])
        #expect(dryRun.exit == 0)
        let dry = try WireJSON.decode(Workforce.ImportSummary.self, from: Array(dryRun.stdout.utf8))
        #expect(dry.rows == 200 && dry.dryRun && dry.inserted == 0 && dry.dataVersion == 1)

        let people = try ctl(["import", "people", "Config/sample-org/people.csv", "--json"])
        #expect(people.exit == 0, "\(people.stderr)")
        let stored = try WireJSON.decode(Workforce.ImportSummary.self, from: Array(people.stdout.utf8))
        #expect(stored.rows == 200 && stored.inserted == 200 && !stored.dryRun && stored.dataVersion == 2)
        let evidence = try ctl(["import", "evidence", "Config/sample-org/evidence.csv"])
        #expect(evidence.exit == 0, "\(evidence.stderr)")
        #expect(evidence.stdout.contains("6167 rows of evidence imported (6167 new, 0 updated, 0 unchanged); data version 3"))

        let run = try ctl(["run", "--wait", "--as-of", "2025-07-01"])
        #expect(run.exit == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("run #1 succeeded"))

        let org = try ctl(["gaps", "--json"])
        #expect(org.exit == 0)
        let view = try WireJSON.decode(Workforce.GapView.self, from: Array(org.stdout.utf8))
        #expect(view.scope == "org" && view.runId == 1 && view.dataVersion == 3 && view.asOf == "2025-07-02T00:00:00Z")
        #expect(view.summary.headcount == 200)
        #expect(view.teams.count == 13)
        #expect(view.summary.topGaps.count == 10)

        let team = try ctl(["gaps", "--team", "Search Applied ML"])
        #expect(team.exit == 0)
        #expect(team.stdout.contains("Team Search Applied ML: 15 people"))
        #expect(team.stdout.contains("E000001"))
        let teamView = try WireJSON.decode(
            Workforce.GapView.self, from: Array(try ctl(["gaps", "--team", "Search Applied ML", "--json"]).stdout.utf8))
        #expect(teamView.people.count == 15)
        // Lowest readiness first.
        #expect(teamView.people.map(\.readiness) == teamView.people.map(\.readiness).sorted())

        let person = try ctl(["gaps", "--person", "E000001", "--top", "3"])
        #expect(person.exit == 0)
        #expect(person.stdout.contains("E000001  Björn Ngata  team Search Applied ML, ai-product-manager@3"))
        #expect(person.stdout.contains("REQUIREMENTS, largest importance × gap first (3 of 17"))

        #expect(try ctl(["gaps", "--team", "No Such Team"]).exit == 1)
        #expect(try ctl(["gaps", "--person", "E999999"]).exit == 1)
        #expect(try ctl(["gaps", "--role", "no-such-role"]).exit == 1)
        #expect(try ctl(["assess", "--wait", "--as-of", "2025-07-01"]).exit == 0)
    }

    @Test("a broken evidence file is rejected whole: exit 1, every error located, the data version unchanged")
    func brokenImport() throws {
        let daemon = try DaemonUnderTest()
        let ctl = { (arguments: [String]) throws -> Ctl.Outcome in
            try Ctl.run(arguments, socket: daemon.socketPath, in: Checkout.root.path)
        }
        #expect(try ctl(["taxonomy", "load", "Config/taxonomy"]).exit == 0)
        #expect(try ctl(["import", "people", "Config/sample-org/people.csv"]).exit == 0)
        let before = try daemon.status().dataVersion
        #expect(before == 2)

        let broken = daemon.root + "/broken.csv"
        try """
            person,skill,value,scale,source,observed_at,assessor,reference,valid_until
            E000001,python-engineering,3,level,manager,2025-01-01,,,
            E000001,pythn-engineering,3,level,manager,2025-01-01,,,
            E000002,python-engineering,2,level,peer,2025-02-30,,,

            """.write(toFile: broken, atomically: true, encoding: .utf8)
        let outcome = try ctl(["import", "evidence", broken])
        #expect(outcome.exit == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("\(broken):3:2: [import.unknown-skill] skill:"))
        #expect(outcome.stderr.contains("did you mean `python-engineering`?"))
        #expect(outcome.stderr.contains("\(broken):4:6: [import.bad-date] observed_at:"))
        #expect(outcome.stderr.contains("2 errors; the file was rejected and nothing was stored"))

        let status = try ctl(["status", "--json"])
        let reported = try WireJSON.decode(JSONValue.self, from: Array(status.stdout.utf8))
        #expect(reported["dataVersion"]?.intValue == 2)

        // Not UTF-8: found by cadrectl before the file reaches the daemon; nothing stored either.
        let latin = daemon.root + "/latin1.csv"
        try Data("person,skill\nE000001,caf\u{E9}\n".data(using: .isoLatin1) ?? Data()).write(to: URL(fileURLWithPath: latin))
        let notText = try ctl(["import", "evidence", latin])
        #expect(notText.exit == 1)
        #expect(notText.stderr.hasPrefix("\(latin):2: [import.bad-utf8]"))
        #expect(try daemon.status().dataVersion == 2)
    }

    @Test("text from outside reaches neither the terminal raw nor the daemon's log as a forged line")
    func hostileText() throws {
        let daemon = try DaemonUnderTest()
        let ctl = { (arguments: [String]) throws -> Ctl.Outcome in
            try Ctl.run(arguments, socket: daemon.socketPath, in: Checkout.root.path)
        }
        #expect(try ctl(["taxonomy", "load", "Config/taxonomy"]).exit == 0)
        // The import's name is the path as given, and a path may hold ESC and a line break.
        let forged = "2026-01-01T00:00:00.000Z info cadre.forged: all clear"
        let file = daemon.root + "/people\u{1B}[2J\n\(forged).csv"
        try FileManager.default.copyItem(atPath: Checkout.root.path + "/Config/sample-org/people.csv", toPath: file)
        let imported = try ctl(["import", "people", file])
        #expect(imported.exit == 0, "\(imported.stderr)")
        #expect(!imported.stdout.contains("\u{1B}") && imported.stdout.filter { $0 == "\n" }.count == 1)
        #expect(imported.stdout.contains("people\\u{1B}[2J\\n\(forged).csv: 200 rows of people imported"))
        #expect(daemon.log.contains("people\\u{1B}[2J\\n\(forged).csv"))
        #expect(!daemon.log.contains("\n" + forged) && !daemon.log.contains("\u{1B}"), "\(daemon.log)")

        // An error quoting what the caller sent back to them: escaped on stderr too.
        let role = try ctl(["taxonomy", "show", "ml\u{1B}]0;owned\u{7}"])
        #expect(role.exit == 1)
        #expect(role.stderr.contains("no role `ml\\u{1B}]0;owned\\u{7}`") && !role.stderr.contains("\u{1B}"))

        // A name holding ESC is refused where it stands, and the refusal does not quote it.
        let evil = daemon.root + "/evil.csv"
        try "external_id,name,team,manager,role,level,hire_date\nE000001,\"Eve\u{1B}[2J\",Ranking,,ml-engineer,1,2021-01-01\n"
            .write(toFile: evil, atomically: true, encoding: .utf8)
        let refused = try ctl(["import", "people", evil])
        #expect(refused.exit == 1)
        #expect(refused.stderr.contains("\(evil):2:2: [import.control-character] name: `name` holds the control character U+001B (ESC)"))
        #expect(!refused.stderr.contains("\u{1B}"))

        // A NUL would have cut the id to E000001 in the store and overwritten that person.
        let nul = daemon.root + "/nul.csv"
        try "external_id,name,team,manager,role,level,hire_date\nE000001\u{0}evil,Mallory,Ranking,,ml-engineer,1,2021-01-01\n"
            .write(toFile: nul, atomically: true, encoding: .utf8)
        let truncated = try ctl(["import", "people", nul])
        #expect(truncated.exit == 1)
        #expect(truncated.stderr.contains("\(nul):2:1: [import.control-character] external_id: `external_id` holds the control character U+0000 (NUL) at character 8"))
        #expect(try daemon.status().dataVersion == 2, "nothing stored: E000001 is as imported")
    }

    @Test("a file fed through standard input in pieces that cut lines and characters imports whole")
    func standardInput() throws {
        let daemon = try DaemonUnderTest()
        #expect(try Ctl.run(["taxonomy", "load", "Config/taxonomy"], socket: daemon.socketPath, in: Checkout.root.path).exit == 0)
        // One line of about 4 MB: its pieces cannot end at line breaks, only between characters.
        let count = 30_000
        let rows = (0..<count).map { index in
            #"{"external_id":"P\#(index)","name":"Ó Súilleabháin 名 \#(index)","team":"Équipe","manager":null,"#
                + #""role":"ml-engineer","level":\#(1 + index % 4),"hire_date":"2020-01-01"}"#
        }
        let file = daemon.root + "/people.json"
        try ("[" + rows.joined(separator: ",") + "]").write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = try Ctl.run(
            ["import", "people", "-", "--json"], socket: daemon.socketPath, in: Checkout.root.path, stdin: file)
        #expect(outcome.exit == 0, "\(outcome.stderr)")
        let summary = try WireJSON.decode(Workforce.ImportSummary.self, from: Array(outcome.stdout.utf8))
        #expect(summary.name == "<stdin>" && summary.rows == count && summary.inserted == count)
    }
}

/// Runs the built `cadrectl` with `CADRE_SOCKET` set, collecting its output and exit status.
enum Ctl {
    struct Outcome {
        var exit: Int32
        var stdout: String
        var stderr: String
    }

    static func run(
        _ arguments: [String], socket: String, in directory: String, prefix: [String] = [], stdin: String? = nil
    ) throws -> Outcome {
        let folder = try TemporaryFolder()
        let process = Process()
        let command = prefix + [Checkout.binary("cadrectl")] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["CADRE_SOCKET"] = socket
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = folder.path + "/stdout", err = folder.path + "/stderr"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Outcome(
            exit: process.terminationStatus,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
