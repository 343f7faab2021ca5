import Foundation
import Testing

@testable import CadreSystemd

@Suite("Socket activation through systemd-socket-activate")
struct SocketActivationTests {
    static let activator = ["/usr/bin/systemd-socket-activate", "/bin/systemd-socket-activate"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("named listening sockets at fd 3 and 4, environment cleared, close-on-exec")
    func activated() throws {
        let activator = try #require(Self.activator, "systemd-socket-activate is missing (Debian package systemd)")
        let directory = try TemporaryDirectory()
        let control = directory.path + "/io.cadre.Workforce"
        let metrics = directory.path + "/metrics"
        let child = try ChildProcess.start(
            role: "activation", testName: "activationChild", in: directory.url,
            launcher: [
                activator, "--listen=\(control)", "--listen=\(metrics)", "--fdname=varlink:metrics",
                "--setenv=\(ChildProcess.roleVariable)", "--setenv=\(ChildProcess.reportVariable)",
            ]
        )
        // systemd-socket-activate execs the service on the first connection, as systemd does.
        let client = try connectWithRetry(to: control, while: { child.isRunning })
        defer { close(client) }
        let outcome = child.wait()
        try #require(outcome.status == 0, "child failed:\n\(outcome.output)")
        #expect(
            outcome.report == [
                "3 varlink \(control) listening cloexec",
                "4 metrics \(metrics) listening cloexec",
                "LISTEN_FDS=- LISTEN_PID=- LISTEN_FDNAMES=-",
                "again 0",
                "accepted",
            ]
        )
    }

    @Test(
        "nothing when not activated, or activated for another process",
        arguments: [[:], ["LISTEN_FDS": "1", "LISTEN_PID": "1", "LISTEN_FDNAMES": "varlink"]]
    )
    func notActivated(environment: [String: String]) throws {
        let directory = try TemporaryDirectory()
        let outcome = try ChildProcess.run(
            role: "activation", testName: "activationChild", in: directory.url, environment: environment
        )
        try #require(outcome.status == 0, "child failed:\n\(outcome.output)")
        #expect(outcome.report == ["LISTEN_FDS=- LISTEN_PID=- LISTEN_FDNAMES=-", "again 0"])
    }

    @Test("child: reports what takeListeningSockets found", .enabled(if: ChildProcess.role == "activation"))
    func activationChild() throws {
        let sockets = SocketActivation.takeListeningSockets()
        var lines = sockets.map { socket in
            let listening = socketOption(socket.fd, SO_ACCEPTCONN) == 1 ? "listening" : "not-listening"
            let cloexec = fcntl(socket.fd, F_GETFD) & FD_CLOEXEC != 0 ? "cloexec" : "inherited"
            return "\(socket.fd) \(socket.name) \(boundPath(socket.fd)) \(listening) \(cloexec)"
        }
        let variables = ["LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES"].map { name in
            "\(name)=\(getenv(name).map { String(cString: $0) } ?? "-")"
        }
        lines.append(variables.joined(separator: " "))
        lines.append("again \(SocketActivation.takeListeningSockets().count)")
        if let first = sockets.first {
            let connection = accept(first.fd, nil, nil)
            lines.append(connection >= 0 ? "accepted" : "accept failed: errno \(errno)")
            if connection >= 0 { close(connection) }
        }
        try ChildProcess.report(lines)
    }
}

private func socketOption(_ fd: Int32, _ option: Int32) -> Int32 {
    var value: Int32 = -1
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(fd, SOL_SOCKET, option, &value, &length) == 0 else { return -1 }
    return value
}

private func boundPath(_ fd: Int32) -> String {
    var address = sockaddr_un()
    var length = socklen_t(MemoryLayout<sockaddr_un>.size)
    let status = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard status == 0, address.sun_family == sa_family_t(AF_UNIX) else { return "?" }
    return withUnsafeBytes(of: address.sun_path) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
}

/// Connects to a Unix stream socket that another process is about to bind.
private func connectWithRetry(to path: String, while alive: () -> Bool) throws -> Int32 {
    let deadline = ContinuousClock.now + .seconds(20)
    while ContinuousClock.now < deadline && alive() {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if connected == 0 { return fd }
        close(fd)
        usleep(20_000)
    }
    Issue.record("could not connect to \(path)")
    throw CancellationError()
}
