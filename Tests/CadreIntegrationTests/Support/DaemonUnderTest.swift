#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation

/// Where the built binaries and the checkout are.
enum Checkout {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding `cadred` and `cadrectl`: `CADRE_BIN_DIR`, else the test bundle's own folder.
    static let binaries: URL = {
        if let folder = ProcessInfo.processInfo.environment["CADRE_BIN_DIR"] { return URL(fileURLWithPath: folder) }
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlink("/proc/self/exe", &buffer, 4096)
        let exe = String(decoding: buffer.prefix(max(count, 0)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return URL(fileURLWithPath: exe).deletingLastPathComponent()
    }()

    static func binary(_ name: String) -> String { binaries.appendingPathComponent(name).path }

    static var isRoot: Bool { geteuid() == 0 }
}

/// A real `cadred` in its own temporary folders, started the way systemd or an operator would.
final class DaemonUnderTest {
    let root: String
    let runtime: String
    let state: String
    let configuration: String
    let process = Process()
    let logFile: String

    var socketPath: String { runtime + "/io.cadre.Workforce" }

    /// - Parameters:
    ///   - configuration: `cadred.yaml` contents, if any.
    ///   - launcher: a command the daemon runs under (`systemd-socket-activate …`, `with-journald …`).
    ///   - controlSocket: where clients connect; defaults to the path cadred binds itself.
    ///   - executable: the `cadred` to start; defaults to the built one.
    ///   - directoryFlags: pass the folders as flags; false when the launcher hands them over as
    ///     systemd does (`$RUNTIME_DIRECTORY` …).
    /// Another daemon on the folders (and so the store) of `previous`, which must have exited.
    convenience init(reusing previous: DaemonUnderTest) throws {
        previous.keepFolders = true
        try self.init(root: previous.root)
    }

    /// Set on a daemon whose folders a successor reuses; the successor removes them.
    private var keepFolders = false

    init(
        configuration yaml: String? = nil, environment: [String: String] = [:], launcher: [String] = [],
        arguments: [String] = [], controlSocket: String? = nil, waitForSocket: Bool = true, root existing: String? = nil,
        configurationFiles: [String: String] = [:], executable: String? = nil, directoryFlags: Bool = true
    ) throws {
        root = try existing ?? TemporaryFolder.make(prefix: "cadre-it")
        runtime = root + "/run"
        state = root + "/state"
        configuration = root + "/etc"
        logFile = root + "/cadred.log"
        for folder in [runtime, state, configuration] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            chmod(folder, 0o755)
        }
        if let yaml { try yaml.write(toFile: configuration + "/cadred.yaml", atomically: false, encoding: .utf8) }
        for (name, contents) in configurationFiles {
            try contents.write(toFile: configuration + "/" + name, atomically: false, encoding: .utf8)
        }
        if !FileManager.default.fileExists(atPath: logFile) {
            _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        try log.seekToEnd()
        let folders = directoryFlags ? ["--runtime-dir", runtime, "--state-dir", state, "--config-dir", configuration] : []
        let daemon = [executable ?? Checkout.binary("cadred")] + folders + ["--log-target", "stderr"] + arguments
        let command = launcher + daemon
        process.executableURL = URL(fileURLWithPath: command[0].hasPrefix("/") ? command[0] : "/usr/bin/env")
        process.arguments = command[0].hasPrefix("/") ? Array(command.dropFirst()) : command
        var env = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            env[key] = nil
        }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = log
        process.standardError = log
        try process.run()
        if waitForSocket { try waitUntilServing(controlSocket ?? socketPath) }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        if !keepFolders, ProcessInfo.processInfo.environment["CADRE_KEEP_TEST_DIRS"] == nil {
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    func waitUntilServing(_ path: String, timeout: Duration = .seconds(60)) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let connection = try? RawVarlinkConnection(path: path),
                let reply = try? connection.call(Workforce.Method.ping.qualifiedName), reply.error == nil
            {
                return
            }
            guard process.isRunning else { throw TestFailure("cadred exited (\(process.terminationStatus)):\n\(log)") }
            usleep(50_000)
        }
        throw TestFailure("cadred did not serve \(path) within \(timeout):\n\(log)")
    }

    func connect(_ path: String? = nil) throws -> RawVarlinkConnection {
        try RawVarlinkConnection(path: path ?? socketPath)
    }

    func status() throws -> Workforce.Status {
        try connect().call(.getStatus, Workforce.Empty(), as: Workforce.Status.self)
    }

    /// Sends `signal` to the daemon (its real pid, also when it runs under a launcher) and waits for
    /// the launched process to exit; returns its exit status.
    func stop(signal number: Int32 = SIGTERM, pid: Int32? = nil, timeout: Duration = .seconds(30)) throws -> Int32 {
        kill(pid ?? process.processIdentifier, number)
        return try waitForExit(timeout: timeout)
    }

    func waitForExit(timeout: Duration = .seconds(30)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { usleep(20_000) }
        guard !process.isRunning else { throw TestFailure("cadred still running after \(timeout):\n\(log)") }
        return process.terminationStatus
    }

    /// Loads a small, valid taxonomy so runs have something to pin.
    @discardableResult
    func loadTaxonomy(_ yaml: String = SmallTaxonomy.yaml) throws -> Workforce.TaxonomyVersion {
        try connect().call(
            .loadTaxonomy,
            Workforce.LoadTaxonomyParameters(files: [Workforce.SourceFile(name: "small.yaml", contents: yaml)], source: "test"),
            as: Workforce.TaxonomyReply.self
        ).taxonomy
    }
}

/// A folder under /tmp, traversable by everyone (tests run clients as `nobody`), removed with its
/// contents when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = try Self.make(prefix: "cadre-ctl")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Creates a new folder `BASE/PREFIX-XXXXXX` (mkdtemp's template) and returns its path.
    static func make(prefix: String, in base: String = "/tmp") throws -> String {
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw TestFailure("mkdtemp failed") }
        let path = String(cString: made)
        chmod(path, 0o755)
        return path
    }
}

/// Polls `condition` until it holds or `timeout` passes; for effects that land "soon" on a busy machine.
func eventually(_ timeout: Duration = .seconds(20), _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    repeat {
        if try condition() { return true }
        usleep(20_000)
    } while ContinuousClock.now < deadline
    return try condition()
}

enum SmallTaxonomy {
    static let yaml = """
        skills:
          - id: python
            name: Python engineering
            discipline: software-engineering
          - id: statistics
            name: Statistical inference
            discipline: math-stats
          - id: ai-risk
            name: AI risk management
            discipline: governance
        roles:
          - id: ml-engineer
            name: ML engineer
            levels:
              - rung: 1
                title: ML engineer I
                requirements:
                  - {skill: python, level: 2, importance: 4}
                  - {skill: statistics, level: 2, importance: 3}
              - rung: 2
                title: ML engineer II
                requirements:
                  - {skill: python, level: 3, importance: 5}
                  - {skill: statistics, level: 3, importance: 3}
                  - {skill: ai-risk, level: 2, importance: 2}
        """
}
