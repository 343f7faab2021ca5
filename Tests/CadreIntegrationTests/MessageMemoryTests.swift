#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// What the control socket's connections together may make the daemon hold, and that it gives the
/// memory back once they are gone.
@Suite("Control socket memory", .serialized)
struct MessageMemoryTests {
    /// As nobody (a reader here): opens a connection, sends most of a 900 kB Ping and waits until
    /// the daemon has read it all; with `pair`, a second connection then does the same. Reports
    /// which connections the daemon closed, and the first connection's reply once it finishes its
    /// message (a Ping this long is refused with InvalidParameter: a reply all the same).
    static let peer = """
        import fcntl, json, socket, struct, sys, termios, time
        path, mode = sys.argv[1], sys.argv[2]
        head = b'{"method":"io.cadre.Workforce.Ping","parameters":{"message":"'
        def part(n): return head + b"x" * (n - len(head))
        def send(s, data):
            try:
                s.sendall(data); return True
            except OSError:
                return False
        def read_by_daemon(s):  # the daemon has read all we sent: nothing left in our send queue
            for _ in range(1500):
                if struct.unpack("i", fcntl.ioctl(s.fileno(), termios.TIOCOUTQ, b"\\0" * 4))[0] == 0: return True
                time.sleep(0.02)
            return False
        def closed(s):
            s.settimeout(30)
            try: return s.recv(1) == b""
            except OSError: return True
        def reply(s):
            s.settimeout(30)
            buf = b""
            while not buf.endswith(b"\\0"):
                try: chunk = s.recv(65536)
                except OSError: return None
                if not chunk: return None
                buf += chunk
            return json.loads(buf[:-1])
        out = {}
        a = socket.socket(socket.AF_UNIX); a.connect(path)
        if not send(a, part(900000)) or not read_by_daemon(a):
            out["a closed"] = closed(a)
        else:
            if mode == "pair":
                b = socket.socket(socket.AF_UNIX); b.connect(path)
                send(b, part(900000))
                out["b closed"] = closed(b)
            send(a, b'"}}\\0')
            r = reply(a)
            out["a reply"] = (r.get("error") or "ok") if r else None
        print(json.dumps(out))
        """

    @Test("maximumBufferedBytes: the connection that would pass it is closed, the others served; root's bytes count but are never refused", .enabled(if: Checkout.isRoot, "needs root to run a client as nobody"))
    func totalAcrossConnections() throws {
        let daemon = try DaemonUnderTest(
            configuration: "maximumMessageBytes: 1048576\nmaximumBufferedBytes: 1572864\nreadersGroup: nogroup\noperatorsGroup: cadre-ops-test\n")
        chmod(daemon.socketPath, 0o666)
        func peer(_ mode: String) throws -> [String: JSONValue] {
            try WireJSON.decode([String: JSONValue].self, from: Array(try runAsNobody(["/usr/bin/python3", "-c", Self.peer, daemon.socketPath, mode]).utf8))
        }

        // Two readers: the second message would take the total past 1.5 MiB.
        let pair = try peer("pair")
        #expect(pair["b closed"] == .bool(true), "\(pair)")
        #expect(pair["a reply"] == .string("io.cadre.Workforce.InvalidParameter"), "the first connection is served: \(pair)")

        // Root holds 900 kB in progress: counted, so a reader's 900 kB no longer fits; root is served.
        let root = try daemon.connect()
        let head = Array(#"{"method":"io.cadre.Workforce.Ping","parameters":{"message":""#.utf8)
        try root.send(raw: head + Array(repeating: UInt8(ascii: "x"), count: 900_000 - head.count))
        #expect(eventually { unread(root.fd) == 0 }, "the daemon read root's message in progress")
        let single = try peer("single")
        #expect(single["a closed"] == .bool(true), "\(single)")
        try root.send(raw: Array(#""}}"#.utf8) + [0])
        #expect(try root.receive()?.error == "io.cadre.Workforce.InvalidParameter")
        #expect(try peer("single")["a reply"] == .string("io.cadre.Workforce.InvalidParameter"), "room again once root's message was handled")
        #expect(daemon.log.contains("would pass maximumBufferedBytes (1572864 bytes)"))
    }

    @Test("after bursts of large messages the daemon's resident memory falls back near where it was")
    func memoryReturnsAfterBurst() throws {
        let daemon = try DaemonUnderTest()
        let pid = daemon.process.processIdentifier
        #expect(try daemon.connect().call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
        let before = try residentKilobytes(pid)
        // Messages in progress on many connections at once, a megabyte to each in turn, so that
        // their buffers grow side by side — the pattern that left glibc's arenas holding tens of
        // megabytes once they were freed. Four of 15 MB, then thirty of 6 MB (root: within every limit).
        for (connections, megabytes) in [(4, 15), (30, 6)] {
            let head = Array(#"{"method":"io.cadre.Workforce.Ping","parameters":{"message":""#.utf8)
            let chunk = Array(repeating: UInt8(ascii: "x"), count: 1 << 20)
            var held: [RawVarlinkConnection] = []
            for _ in 0..<connections {
                let connection = try daemon.connect()
                try connection.send(raw: head)
                held.append(connection)
            }
            for _ in 0..<megabytes {
                for connection in held { try connection.send(raw: chunk) }
            }
            #expect(eventually { held.allSatisfy { unread($0.fd) == 0 } }, "the daemon read every message in progress")
            let peak = try residentKilobytes(pid)
            #expect(peak - before > 48 * 1024, "\(connections) × \(megabytes) MB took memory: \(before) → \(peak) kB")
            held.removeAll()
            #expect(
                eventually(.seconds(30)) { (try? residentKilobytes(pid)).map { $0 - before < 16 * 1024 } ?? false },
                "after \(connections) × \(megabytes) MB resident memory stays at \((try? residentKilobytes(pid)) ?? 0) kB (before \(before), peak \(peak))")
        }
        #expect(try daemon.connect().call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
    }
}

/// Bytes this end has sent that the peer has not read yet (`TIOCOUTQ` on a Unix socket).
func unread(_ fd: Int32) -> Int {
    var count: Int32 = 0
    return ioctl(fd, UInt(TIOCOUTQ), &count) == 0 ? Int(count) : -1
}
