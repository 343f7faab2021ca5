#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// systemd's protocols without systemd as PID 1: socket activation through
/// `systemd-socket-activate`, and a private journald in its own mount namespace.
@Suite("systemd integration", .serialized)
struct SystemdIntegrationTests {
    @Test("socket activation: cadred serves the socket systemd passed, started by the first connection")
    func socketActivation() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-socket-activate"), "systemd-socket-activate missing")
        let path = "/tmp/cadre-activate-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(path) }
        let daemon = try DaemonUnderTest(
            launcher: ["/usr/bin/systemd-socket-activate", "-l", path, "--fdname=varlink"], controlSocket: path,
            waitForSocket: false)
        // Nothing runs until someone connects: the socket exists, cadred isn't started yet.
        let deadline = ContinuousClock.now + .seconds(10)
        while !FileManager.default.fileExists(atPath: path), ContinuousClock.now < deadline { usleep(20_000) }
        let connection = try RawVarlinkConnection(path: path, timeoutSeconds: 60)
        #expect(try connection.call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
        let status = try connection.call(.getStatus, Workforce.Empty(), as: Workforce.Status.self)
        #expect(status.pid == Int(daemon.process.processIdentifier), "systemd-socket-activate execs cadred in place")
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath), "no socket of its own when one was passed")
        #expect(daemon.log.contains("control socket from systemd"))
        #expect(try daemon.stop() == 0)
    }

    @Test("journald: the daemon's records carry CADRE_RUN_ID, CADRE_PHASE and CADRE_WORKER_PID", .enabled(if: Checkout.isRoot, "a private journald needs root (mount namespace)"))
    func journald() throws {
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("cadre-journal-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let daemon = try DaemonUnderTest(
            launcher: [Checkout.root.appendingPathComponent("scripts/with-journald").path, journal],
            arguments: ["--log-target", "journal"])
        try daemon.loadTaxonomy()
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(), as: Workforce.RunReply.self).run
        #expect(try waitForRun(run.id, on: daemon).state == "succeeded")
        let pid = try daemon.status().pid
        #expect(try daemon.stop(pid: Int32(pid)) == 0)

        let records = try journalRecords(directory: journal, identifier: "cadred")
        #expect(!records.isEmpty, "no cadred records in the journal")
        let phaseRecords = records.filter { $0["CADRE_RUN_ID"] == "\(run.id)" && $0["CADRE_PHASE"] == "taxonomy" }
        #expect(!phaseRecords.isEmpty)
        #expect(records.contains { $0["CADRE_WORKER_PID"] != nil && $0["CADRE_PHASE"] == "taxonomy" })
        #expect(records.contains { ($0["MESSAGE"] ?? "").contains("run #\(run.id) succeeded") && $0["PRIORITY"] == "6" })
        #expect(!daemon.log.contains("run #\(run.id) succeeded"), "with --log-target journal nothing goes to stderr")
    }
}

/// The journal's records from `identifier`, as field → value (binary fields skipped).
func journalRecords(directory: String, identifier: String) throws -> [[String: String]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
    process.arguments = ["-D", directory, "-o", "json", "--no-pager", "SYSLOG_IDENTIFIER=\(identifier)"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        return object.compactMapValues { $0 as? String }
    }
}
