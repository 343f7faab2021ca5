#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// File descriptors: many users together never take the daemon's own descriptors, root still
/// gets in, and a daemon at its ceiling waits for a connection to close instead of spinning.
@Suite("Descriptor budget", .serialized)
struct DescriptorLimitTests {
    /// Each client (one uid) opens `count` connections, pings on each, prints what came back and
    /// holds them all until its stdin closes.
    static let holder = """
        import json, socket, sys
        held, out = [], []
        for _ in range(int(sys.argv[2])):
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); held.append(s)
            # A refused connection may be closed before the call goes out; its error is still there to read.
            try:
                s.sendall(json.dumps({"method": "io.cadre.Workforce.Ping", "parameters": {}}).encode() + b"\\0")
            except OSError:
                pass
            buf = b""
            while not buf.endswith(b"\\0"):
                try:
                    chunk = s.recv(65536)
                except OSError:
                    break
                if not chunk:
                    break
                buf += chunk
            reply = json.loads(buf[:-1]) if buf.endswith(b"\\0") else {}
            out.append(reply.get("error") or reply.get("parameters", {}).get("message") or "closed")
            if reply.get("error"):
                out[-1] += "/%d" % reply.get("parameters", {}).get("limit", -1)
        print(json.dumps(out), flush=True)
        sys.stdin.read()
        """

    @Test("four users holding more than maximumConnections: the excess is refused, root's Ping answers, the daemon neither spins nor exits")
    func globalLimit() throws {
        try #require(Checkout.isRoot, "needs root to run clients as other users")
        // 420 descriptors: 256 kept for the daemon, accepting stops at 164 open connections,
        // and users other than root get 164 − 64 = 100 of them (maximumConnections is lowered).
        let daemon = try DaemonUnderTest(
            configuration: "maximumConnectionsPerUser: 64\nmaximumConnections: 1000\n",
            launcher: ["/usr/bin/prlimit", "--nofile=420:420", "--"])
        chmod(daemon.socketPath, 0o666)
        let pid = daemon.process.processIdentifier
        #expect(daemon.log.contains("maximumConnections 1000 lowered to 100"))

        var holders: [(Process, Pipe)] = []
        defer {
            for (process, input) in holders {
                try? input.fileHandleForWriting.close()
                process.waitUntilExit()
            }
        }
        var replies: [String] = []
        for uid in [65534, 40001, 40002, 40003] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--", "/usr/bin/python3", "-c", Self.holder, daemon.socketPath, "50"]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            holders.append((process, input))
            let line = try #require(Self.firstLine(output), "client \(uid) printed nothing")
            replies += try JSONDecoder().decode([String].self, from: Data(line.utf8))
        }
        #expect(replies.count == 200)
        #expect(replies.filter { $0 == "pong" }.count == 100, "everyone but root shares 100 connections")
        #expect(replies.filter { $0 == "io.cadre.Workforce.TooManyConnections/100" }.count == 100)

        // Root is not counted: it gets in while the others hold all of theirs, up to the ceiling.
        // Each is answered before the next connects, so each was accepted on its own.
        var rootHeld = try (0..<64).map { _ in try daemon.connect() }
        for connection in rootHeld {
            #expect(try connection.call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
        }

        // At the ceiling (100 + 64 open) the next connection waits in the backlog, not in a loop.
        let waiting = try daemon.connect()
        try waiting.send(VarlinkCall(method: Workforce.Method.ping.qualifiedName))
        let before = try Self.cpuTicks(pid)
        var readable = pollfd(fd: waiting.fd, events: Int16(POLLIN), revents: 0)
        #expect(poll(&readable, 1, 1000) == 0, "not accepted while 164 connections are open")
        let spent = try Self.cpuTicks(pid) - before
        #expect(spent < 50, "the daemon used \(spent) ticks of CPU in a second with a client waiting")
        rootHeld.removeLast(10)  // room again: the waiting connection is accepted and answered
        #expect(try waiting.receive()?.parameters?["message"]?.stringValue == "pong")

        // A worker that dies is replaced: the daemon's own descriptors were never given away.
        let worker = try #require(try daemon.status().workers.first { $0.phase == "assessment" })
        kill(Int32(worker.pid), SIGKILL)
        var replaced = false
        for _ in 0..<200 where !replaced {
            usleep(100_000)
            replaced = try daemon.status().workers.contains { $0.phase == "assessment" && $0.pid != worker.pid && $0.state == "ready" }
        }
        #expect(replaced, "the killed worker was restarted")
        #expect(daemon.process.isRunning)
        withExtendedLifetime(rootHeld) {}
    }

    static func firstLine(_ pipe: Pipe) -> String? {
        var bytes: [UInt8] = []
        while true {
            let chunk = pipe.fileHandleForReading.readData(ofLength: 1)
            guard let byte = chunk.first else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }

    /// User and system CPU time of `pid` so far, in clock ticks.
    static func cpuTicks(_ pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name (which may hold spaces) start at ") ".
        guard let end = stat.lastIndex(of: ")") else { throw TestFailure("unreadable /proc/\(pid)/stat") }
        let fields = stat[stat.index(end, offsetBy: 2)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else {
            throw TestFailure("unreadable /proc/\(pid)/stat")
        }
        return user + system
    }
}

/// Memory and time a peer may take before it has shown it may read anything.
@Suite("Before authorisation", .serialized)
struct BeforeAuthorisationTests {
    static let script = """
        import json, socket, sys
        out = {}
        # A bulk message, never terminated.
        s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(10)
        sent = 0
        try:
            while sent < (1 << 20):
                sent += s.send(b"x" * 65536)
        except OSError:
            pass
        try:
            out["bulk"] = "closed" if s.recv(65536) == b"" else "open"
        except socket.timeout:
            out["bulk"] = "open"
        except OSError:
            out["bulk"] = "closed"
        # One byte a second.
        s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(1)
        out["trickle"] = "open"
        for _ in range(10):
            try:
                s.send(b"{")
                if s.recv(1) == b"":
                    out["trickle"] = "closed"
                    break
            except socket.timeout:
                continue
            except OSError:
                out["trickle"] = "closed"
                break
        # A large call from whoever runs this.
        s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.settimeout(10)
        try:
            s.sendall(json.dumps({"method": "io.cadre.Workforce.Ping", "parameters": {"message": "y" * 200000}}).encode() + b"\\0")
            buf = b""
            while not buf.endswith(b"\\0"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                buf += chunk
            out["large"] = json.loads(buf[:-1]).get("error") if buf.endswith(b"\\0") else "closed"
        except OSError:
            out["large"] = "closed"
        print(json.dumps(out))
        """

    @Test("a peer without rights is closed past 64 KiB of one message; a reader is not; a message trickled a byte a second times out")
    func bounded() throws {
        try #require(Checkout.isRoot, "needs root to run clients as other users")
        let daemon = try DaemonUnderTest(configuration: "readersGroup: nogroup\nmessageTimeoutSeconds: 2\n")
        chmod(daemon.socketPath, 0o666)
        let run = { (user: [String]) throws -> [String: String] in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = user + ["--clear-groups", "--", "/usr/bin/python3", "-c", Self.script, daemon.socketPath]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return try JSONDecoder().decode([String: String].self, from: data)
        }
        let stranger = try run(["--reuid=40001", "--regid=40001"])
        #expect(stranger["bulk"] == "closed", "a peer that may only Ping cannot make the daemon hold a megabyte")
        #expect(stranger["trickle"] == "closed", "the idle timer never fires for it; the message timer does")
        #expect(stranger["large"] == "closed")
        let reader = try run(["--reuid=nobody", "--regid=nogroup"])
        #expect(reader["large"] == "io.cadre.Workforce.InvalidParameter", "a reader's large call is read and answered")
        #expect(reader["trickle"] == "closed")
        #expect(try daemon.connect().call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
    }
}
