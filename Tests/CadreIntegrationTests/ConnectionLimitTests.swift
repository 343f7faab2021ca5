#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// The control socket's limits: per-user connections, idle connections, slow subscribers.
@Suite("Control socket limits", .serialized)
struct ConnectionLimitTests {
    @Test("one user may hold maximumConnectionsPerUser connections; the next is refused with TooManyConnections; root is exempt", .enabled(if: Checkout.isRoot, "needs root to run a client as nobody"))
    func connectionsPerUser() throws {
        let daemon = try DaemonUnderTest(configuration: "maximumConnectionsPerUser: 3\n")
        chmod(daemon.socketPath, 0o666)
        // Root is never counted: more connections than the limit, each answered.
        let held = try (0..<5).map { _ in try daemon.connect() }
        for connection in held {
            #expect(try connection.call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
        }
        // nobody holds three, each answered; the fourth gets TooManyConnections and is closed.
        let script = """
            import json, socket, sys
            def reply(s):
                buf = b""
                while not buf.endswith(b"\\0"):
                    chunk = s.recv(65536)
                    if not chunk:
                        return None
                    buf += chunk
                return json.loads(buf[:-1])
            held = []
            out = []
            for index in range(4):
                s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); held.append(s)
                if index < 3:
                    s.sendall(json.dumps({"method": "io.cadre.Workforce.Ping", "parameters": {}}).encode() + b"\\0")
                out.append(reply(s))
            out.append(reply(held[3]))
            print(json.dumps(out))
            """
        let replies = try WireJSON.decode([VarlinkReply?].self, from: Array(try runAsNobody(["/usr/bin/python3", "-c", script, daemon.socketPath]).utf8))
        #expect(replies.count == 5)
        #expect(replies.prefix(3).allSatisfy { $0?.parameters?["message"]?.stringValue == "pong" })
        #expect(replies[3]?.error == "io.cadre.Workforce.TooManyConnections")
        #expect(replies[3]?.parameters?["limit"]?.intValue == 3 && replies[3]?.parameters?["uid"]?.intValue == 65534)
        #expect(replies[4] == nil, "and closed")
        withExtendedLifetime(held) {}
    }

    @Test("a peer that sends calls and never reads the replies stops being read; the daemon's memory stays flat")
    func backpressure() throws {
        let daemon = try DaemonUnderTest()
        let pid = daemon.process.processIdentifier
        let before = try residentKilobytes(pid)
        let flooder = try daemon.connect()
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(flooder.fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let call = try VarlinkCodec.encode(
            VarlinkCall(method: Workforce.Method.ping.qualifiedName, parameters: ["message": .string(String(repeating: "x", count: 1000))]))
        var sent = 0
        while sent < 64 << 20 {
            do { try flooder.send(raw: call) } catch { break }
            sent += call.count
        }
        #expect(sent < 64 << 20, "the daemon stopped reading: the peer's writes stalled after \(sent) bytes")
        let after = try residentKilobytes(pid)
        #expect(after - before < 48 * 1024, "resident memory grew by \(after - before) kB")
        #expect(try daemon.connect().call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
        let tooLong = try daemon.connect().call(Workforce.Method.ping.qualifiedName, ["message": .string(String(repeating: "y", count: 2000))])
        #expect(tooLong.error == "io.cadre.Workforce.InvalidParameter")
    }

    @Test("an idle connection is closed after idleTimeoutSeconds; a subscriber is not")
    func idleTimeout() throws {
        let daemon = try DaemonUnderTest(configuration: "idleTimeoutSeconds: 1\n")
        let idle = try daemon.connect()
        #expect(try idle.call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
        let subscriber = try daemon.connect()
        try subscriber.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        #expect(try subscriber.receive()?.parameters?["event"]?["kind"]?.stringValue == "subscribed")
        // receive() blocks until the daemon closes the idle connection (or the 30 s read timeout).
        #expect(try idle.receive() == nil, "closed by the daemon")
        try daemon.loadTaxonomy()
        #expect(try subscriber.receive()?.parameters?["event"]?["kind"]?.stringValue == "taxonomy-loaded")
    }

    @Test("a subscriber that stops reading gets SubscriberTooSlow and is dropped; runs and other subscribers carry on")
    func slowSubscriber() throws {
        let daemon = try DaemonUnderTest(configuration: "subscriberQueueLimit: 64\n")
        try daemon.loadTaxonomy()
        let slow = try daemon.connect()
        try slow.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        #expect(try slow.receive()?.parameters?["event"]?["kind"]?.stringValue == "subscribed")
        let steady = try daemon.connect()
        try steady.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        #expect(try steady.receive()?.parameters?["event"]?["kind"]?.stringValue == "subscribed")

        // Runs are started from another thread while this one keeps reading the steady subscriber.
        let total = 120
        let socket = daemon.socketPath
        let started = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            if let starter = try? RawVarlinkConnection(path: socket) {
                for _ in 0..<total {
                    _ = try? starter.call(Workforce.Method.startRun.qualifiedName, ["asOf": "2026-06-30"])
                }
            }
            started.signal()
        }
        var finished = 0
        while finished < total, let reply = try steady.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            if event.kind == "run-finished" { finished += 1 }
        }
        started.wait()
        #expect(finished == total, "the steady subscriber saw every run finish")

        var last: VarlinkReply?
        var count = 0
        while let reply = try slow.receive() {
            last = reply
            count += 1
        }
        #expect(last?.error == "io.cadre.Workforce.SubscriberTooSlow")
        #expect(last?.parameters?["limit"]?.intValue == 64)
        #expect(count < total * 10, "dropped long before the end")
        #expect(daemon.process.isRunning)
    }

    @Test("the NICE Framework imports through the daemon as 41 roles")
    func niceThroughTheDaemon() throws {
        let path = Checkout.root.deletingLastPathComponent().appendingPathComponent("shared/data/nice/cprt_SP_800_181_2_1_0.json").path
        if !FileManager.default.fileExists(atPath: path), ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record("reference data missing in CI: \(path)")
        }
        try #require(FileManager.default.fileExists(atPath: path), "NICE reference data not found at \(path)")
        let daemon = try DaemonUnderTest()
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        let version = try daemon.connect().call(
            .importNICE, Workforce.ImportNICEParameters(file: .init(name: "cprt_SP_800_181_2_1_0.json", contents: contents)),
            as: Workforce.TaxonomyReply.self
        ).taxonomy
        #expect(version.roles == 41 && version.roleLevels == 41)
        #expect(version.source == "nice:cprt_SP_800_181_2_1_0.json")
        let roles = try daemon.connect().call(.listRoles, Workforce.VersionParameters(), as: Workforce.RolesReply.self)
        #expect(roles.roles.count == 41)
    }
}

/// VmRSS of a process, in kB.
func residentKilobytes(_ pid: Int32) throws -> Int {
    let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let value = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { throw TestFailure("no VmRSS for \(pid)") }
    return value
}
