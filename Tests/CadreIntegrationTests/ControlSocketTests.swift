#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// The control socket of a real `cadred`, spoken to over a real Unix socket.
@Suite("Control socket", .serialized)
struct ControlSocketTests {
    @Test("Ping, GetInfo and GetInterfaceDescription answer as the varlink spec says")
    func introspection() throws {
        let daemon = try DaemonUnderTest()
        let connection = try daemon.connect()
        #expect(try connection.call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
        #expect(try connection.call(.ping, Workforce.PingParameters(message: "hé"), as: Workforce.PingResult.self).message == "hé")
        let info = try #require(try connection.call("org.varlink.service.GetInfo").parameters)
        #expect(info["interfaces"]?.arrayValue?.compactMap(\.stringValue) == ["org.varlink.service", "io.cadre.Workforce"])
        #expect(info["product"]?.stringValue == "cadred")
        let description = try connection.call(
            "org.varlink.service.GetInterfaceDescription", ["interface": "io.cadre.Workforce"])
        #expect(description.parameters?["description"]?.stringValue == VarlinkInterfaces.workforce)
        let missing = try connection.call("org.varlink.service.GetInterfaceDescription", ["interface": "com.example.Nope"])
        #expect(missing.error == "org.varlink.service.InterfaceNotFound")
        #expect(try connection.call("io.cadre.Workforce.Nope").error == "org.varlink.service.MethodNotFound")
    }

    @Test("replies come back in call order, also when calls are pipelined")
    func pipelined() throws {
        let daemon = try DaemonUnderTest()
        let connection = try daemon.connect()
        var bytes: [UInt8] = []
        for index in 0..<20 {
            let method: Workforce.Method = index % 3 == 0 ? .getStatus : .ping
            bytes += try VarlinkCodec.encode(VarlinkCall(method: method.qualifiedName, parameters: method == .ping ? ["message": .string("\(index)")] : nil))
        }
        try connection.send(raw: bytes)
        for index in 0..<20 {
            let reply = try #require(try connection.receive())
            if index % 3 == 0 {
                #expect(reply.parameters?["version"] != nil)
            } else {
                #expect(reply.parameters?["message"]?.stringValue == "\(index)")
            }
        }
    }

    @Test("garbage and oversized messages close that connection only; the daemon serves others")
    func badFramesCloseOneConnection() throws {
        let daemon = try DaemonUnderTest(configuration: "maximumMessageBytes: 4096\n")
        let bystander = try daemon.connect()
        #expect(try bystander.call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")

        let garbage = try daemon.connect()
        try garbage.send(raw: [0x01, 0xFF, 0x7B, 0x22] + Array("not json".utf8) + [0])
        #expect(try garbage.receive() == nil)

        let oversized = try daemon.connect()
        try oversized.send(raw: Array(repeating: UInt8(ascii: "a"), count: 10_000))
        #expect(try oversized.receive() == nil)

        let wrongShape = try daemon.connect()
        try wrongShape.send(raw: Array(#"{"parameters":{}}"#.utf8) + [0])
        #expect(try wrongShape.receive() == nil)

        #expect(try bystander.call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
        #expect(try daemon.connect().call(.getStatus, Workforce.Empty(), as: Workforce.Status.self).ready)
        #expect(daemon.process.isRunning)
    }

    @Test("a caller outside the operators group is refused mutating calls; a reader may read", .enabled(if: Checkout.isRoot, "needs root to run a client as nobody"))
    func permissions() throws {
        // nobody's primary group (nogroup) is made the readers group, so nothing on the host changes.
        let daemon = try DaemonUnderTest(configuration: "readersGroup: nogroup\noperatorsGroup: cadre-ops-test\n")
        chmod(daemon.socketPath, 0o666)
        let script = """
            import json, socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
            out = []
            for method in ["Ping", "GetStatus", "StartRun", "LoadTaxonomy"]:
                s.sendall(json.dumps({"method": "io.cadre.Workforce." + method, "parameters": {"files": [], "source": "x"} if method == "LoadTaxonomy" else {}}).encode() + b"\\0")
                buf = b""
                while not buf.endswith(b"\\0"):
                    buf += s.recv(65536)
                out.append(json.loads(buf[:-1]))
            print(json.dumps(out))
            """
        let output = try runAsNobody(["/usr/bin/python3", "-c", script, daemon.socketPath])
        let replies = try WireJSON.decode([VarlinkReply].self, from: Array(output.utf8))
        #expect(replies[0].parameters?["message"]?.stringValue == "pong")
        #expect(replies[1].error == nil)
        #expect(replies[2].error == "io.cadre.Workforce.PermissionDenied")
        #expect(replies[2].parameters?["required"]?.stringValue == "cadre-ops-test")
        #expect(replies[2].parameters?["uid"]?.intValue == 65534)
        #expect(replies[3].error == "io.cadre.Workforce.PermissionDenied")

        let stranger = try DaemonUnderTest(configuration: "readersGroup: cadre-read-test\noperatorsGroup: cadre-ops-test\n")
        chmod(stranger.socketPath, 0o666)
        let refused = try WireJSON.decode([VarlinkReply].self, from: Array(try runAsNobody(["/usr/bin/python3", "-c", script, stranger.socketPath]).utf8))
        #expect(refused[0].error == nil)
        #expect(refused[1].error == "io.cadre.Workforce.PermissionDenied")
        #expect(refused[2].error == "io.cadre.Workforce.PermissionDenied")
    }

    @Test("membership of a group too large for a 16 KiB lookup buffer still counts", .enabled(if: Checkout.isRoot, "needs root for a private /etc/group in a mount namespace"))
    func largeGroup() throws {
        // A readers group of 4,000 members, nobody among them, in an /etc/group seen only by this daemon.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cadre-group-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let members = (0..<4000).map { "member\($0)" } + ["nobody"]
        let groups = try String(contentsOfFile: "/etc/group", encoding: .utf8) + "cadre-read-big:x:64000:\(members.joined(separator: ","))\n"
        let groupFile = folder.appendingPathComponent("group").path
        try groups.write(toFile: groupFile, atomically: false, encoding: .utf8)
        let daemon = try DaemonUnderTest(
            configuration: "readersGroup: cadre-read-big\n",
            launcher: ["/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                       "mount --bind \"$0\" /etc/group && exec \"$@\"", groupFile])
        chmod(daemon.socketPath, 0o666)
        let script = """
            import json, socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
            s.sendall(json.dumps({"method": "io.cadre.Workforce.GetStatus"}).encode() + b"\\0")
            buf = b""
            while not buf.endswith(b"\\0"):
                buf += s.recv(65536)
            print(buf[:-1].decode())
            """
        let reply = try WireJSON.decode(VarlinkReply.self, from: Array(try runAsNobody(["/usr/bin/python3", "-c", script, daemon.socketPath]).utf8))
        #expect(reply.error == nil, "nobody is a reader through a group whose entry is \(groups.utf8.count / 1024) kB")
    }

    @Test("a run without a taxonomy is refused with a hint; with one it is queued and succeeds")
    func runNeedsTaxonomy() throws {
        let daemon = try DaemonUnderTest()
        let refused = try daemon.connect().call(Workforce.Method.startRun.qualifiedName)
        #expect(refused.error == "io.cadre.Workforce.NoTaxonomy")
        for impossible in ["2025-02-30", "2025-13-01", "yesterday", "2025-07-01T10:00"] {
            let reply = try daemon.connect().call(Workforce.Method.startRun.qualifiedName, ["asOf": .string(impossible)])
            #expect(reply.error == "io.cadre.Workforce.InvalidParameter", "\(impossible)")
        }
        let version = try daemon.loadTaxonomy()
        #expect(version.skills == 3 && version.roles == 1 && version.roleLevels == 2 && !version.unchanged)
        #expect(try daemon.loadTaxonomy().unchanged)
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        #expect(run.asOf == "2026-07-01T00:00:00Z")
        #expect(run.taxonomyVersion == version.version)
        let finished = try waitForRun(run.id, on: daemon)
        #expect(finished.state == "succeeded")
        let taxonomyPhase = try #require(finished.phases.first { $0.phase == "taxonomy" })
        #expect(taxonomyPhase.state == "succeeded" && taxonomyPhase.attempts == 1)
        #expect(taxonomyPhase.summary?["skills"]?.intValue == 3)
        #expect(taxonomyPhase.summary?["requirements"]?.intValue == 5)
    }

    @Test("a parameter of the wrong type is InvalidParameter naming it, for every method")
    func wrongParameterTypes() throws {
        let daemon = try DaemonUnderTest()
        let connection = try daemon.connect()
        // Sent as raw text: `1.5` and `1e20` must reach the daemon exactly as a hostile client wrote them.
        func refusal(_ method: String, _ parameters: String) throws -> (error: String?, parameter: String?, message: String?) {
            try connection.send(raw: Array(#"{"method":"\#(method)","parameters":\#(parameters)}"#.utf8) + [0])
            let reply = try #require(try connection.receive())
            return (reply.error, reply.parameters?["parameter"]?.stringValue, reply.parameters?["message"]?.stringValue)
        }
        let invalid = "io.cadre.Workforce.InvalidParameter"
        let getRun = try refusal("io.cadre.Workforce.GetRun", #"{"id":1.5}"#)
        #expect(getRun.error == invalid && getRun.parameter == "id")
        #expect(getRun.message == "1.5 is not a whole number in the parameter's range")
        #expect(try refusal("io.cadre.Workforce.GetRun", #"{"id":1e20}"#).parameter == "id")
        let text = try refusal("io.cadre.Workforce.GetRun", #"{"id":"7"}"#)
        #expect(text.error == invalid && text.parameter == "id" && text.message == "expected a whole number, found a string")
        #expect(try refusal("io.cadre.Workforce.GetRun", "{}").parameter == "id")
        #expect(try refusal("io.cadre.Workforce.ListRuns", #"{"limit":2.5}"#).parameter == "limit")
        #expect(try refusal("io.cadre.Workforce.StartRun", #"{"asOf":20250701}"#).parameter == "asOf")
        #expect(try refusal("io.cadre.Workforce.GetGaps", #"{"top":true}"#).parameter == "top")
        let nested = try refusal("io.cadre.Workforce.ValidateTaxonomy", #"{"files":[{"name":"a.yaml","contents":"x"},{"name":3,"contents":"y"}]}"#)
        #expect(nested.error == invalid && nested.parameter == "files[1].name")
        let whole = try refusal("io.cadre.Workforce.GetRun", "[1]")
        #expect(whole.error == invalid && whole.parameter == "parameters")
        let service = try refusal("org.varlink.service.GetInterfaceDescription", #"{"interface":3}"#)
        #expect(service.error == "org.varlink.service.InvalidParameter" && service.parameter == "interface")
        #expect(daemon.process.isRunning)
    }

    @Test("a billion-laughs taxonomy is refused at its first anchor, and the daemon answers the next call")
    func aliasBomb() throws {
        let daemon = try DaemonUnderTest()
        // Nine levels of nine aliases, the last a mapping key: ~470 bytes that expand to 9⁹ nodes.
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = Array("abcdefghi")
        for level in 1..<names.count {
            lines.append("\(names[level]): &\(names[level]) [" + Array(repeating: "*\(names[level - 1])", count: 9).joined(separator: ", ") + "]")
        }
        let bomb = (lines + ["? *i\n: boom"]).joined(separator: "\n") + "\n"
        let connection = try daemon.connect()
        let reply = try connection.call(
            Workforce.Method.validateTaxonomy.qualifiedName,
            try WireJSON.value(Workforce.ValidateTaxonomyParameters(files: [.init(name: "bomb.yaml", contents: bomb)])))
        #expect(reply.error == "io.cadre.Workforce.InvalidTaxonomy")
        #expect(reply.parameters?["code"]?.stringValue == "taxonomy.alias")
        #expect(reply.parameters?["file"]?.stringValue == "bomb.yaml")
        #expect(reply.parameters?["line"]?.intValue == 1 && reply.parameters?["column"]?.intValue == 4)
        #expect(try connection.call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
    }

    @Test("an invalid taxonomy is refused with file, line and field, and stores nothing")
    func invalidTaxonomy() throws {
        let daemon = try DaemonUnderTest()
        let broken = SmallTaxonomy.yaml.replacingOccurrences(of: "{skill: statistics, level: 3, importance: 3}", with: "{skill: statistics, level: 7, importance: 3}")
        let reply = try daemon.connect().call(
            Workforce.Method.loadTaxonomy.qualifiedName,
            try WireJSON.value(Workforce.LoadTaxonomyParameters(files: [.init(name: "broken.yaml", contents: broken)], source: "t")))
        #expect(reply.error == "io.cadre.Workforce.InvalidTaxonomy")
        #expect(reply.parameters?["file"]?.stringValue == "broken.yaml")
        #expect(reply.parameters?["line"]?.intValue == 24)
        #expect(reply.parameters?["code"]?.stringValue == "taxonomy.level-out-of-range")
        #expect(try daemon.status().taxonomy == nil)
    }
}

func waitForRun(_ id: Int64, on daemon: DaemonUnderTest, timeout: Duration = .seconds(120)) throws -> Workforce.Run {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        let run = try daemon.connect().call(.getRun, Workforce.GetRunParameters(id: id), as: Workforce.RunReply.self).run
        if run.isFinished { return run }
        usleep(50_000)
    }
    throw TestFailure("run \(id) did not finish within \(timeout):\n\(daemon.log)")
}

/// Runs a command as `nobody:nogroup` with no supplementary groups; returns its stdout.
func runAsNobody(_ command: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"] + command
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw TestFailure("\(command) as nobody exited \(process.terminationStatus)") }
    return String(decoding: data, as: UTF8.self)
}
