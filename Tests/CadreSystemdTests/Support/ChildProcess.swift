import Foundation
import Testing

/// Runs one test of this very test binary in a new process.
///
/// Socket activation, the notify socket, the watchdog variables and journald's socket path are
/// all process-wide (environment, fd 3, `/run/systemd`). Setting them inside the shared test
/// process would race with every other test running in parallel, so each such test starts a
/// child of this binary in the environment it needs; the child runs only its `…Child` test, which
/// is disabled everywhere else, and writes what it saw to a report file the parent asserts on.
enum ChildProcess {
    /// Set in a child to the role it plays; nil in the ordinary test run.
    static let roleVariable = "CADRE_SYSTEMD_TEST_CHILD"
    /// Where a child writes its report, one line per observation.
    static let reportVariable = "CADRE_SYSTEMD_TEST_REPORT"

    static var role: String? { ProcessInfo.processInfo.environment[roleVariable] }

    struct Outcome {
        var status: Int32
        var report: [String]
        /// The child's stdout and stderr, for failure messages.
        var output: String
    }

    /// A started child; ``wait()`` collects its outcome.
    final class Running {
        let process: Process
        let reportURL: URL
        let outputURL: URL
        let outputHandle: FileHandle

        init(process: Process, reportURL: URL, outputURL: URL, outputHandle: FileHandle) {
            self.process = process
            self.reportURL = reportURL
            self.outputURL = outputURL
            self.outputHandle = outputHandle
        }

        var isRunning: Bool { process.isRunning }

        func wait() -> Outcome {
            process.waitUntilExit()
            try? outputHandle.close()
            let reportText = (try? String(contentsOf: reportURL, encoding: .utf8)) ?? ""
            let outputText = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
            return Outcome(
                status: process.terminationStatus,
                report: reportText.split(separator: "\n").map(String.init),
                output: outputText
            )
        }
    }

    /// Starts `launcher + [this binary, arguments that select testName]`.
    ///
    /// - Parameters:
    ///   - launcher: a program that prepares the process and then execs its arguments
    ///     (`systemd-socket-activate`, `scripts/with-journald`); empty to exec directly. A launcher
    ///     that clears the environment must be told to pass on ``roleVariable`` and
    ///     ``reportVariable``.
    ///   - environment: added to this process's environment, after the child variables.
    static func start(
        role: String, testName: String, in directory: URL, launcher: [String] = [],
        environment: [String: String] = [:]
    ) throws -> Running {
        let report = directory.appendingPathComponent("report-\(role)")
        let output = directory.appendingPathComponent("output-\(role)")
        if !FileManager.default.fileExists(atPath: output.path) {
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        }
        let outputHandle = try FileHandle(forWritingTo: output)

        let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let command = launcher + [binary] + selectionArguments(testName: testName)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var childEnvironment = ProcessInfo.processInfo.environment
        for variable in ["NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            childEnvironment[variable] = nil
        }
        childEnvironment[roleVariable] = role
        childEnvironment[reportVariable] = report.path
        childEnvironment.merge(environment) { _, new in new }
        process.environment = childEnvironment
        process.standardOutput = outputHandle
        process.standardError = outputHandle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            try? outputHandle.close()
            throw error
        }
        return Running(process: process, reportURL: report, outputURL: output, outputHandle: outputHandle)
    }

    /// ``start(role:testName:in:launcher:environment:)`` and wait for the child to exit.
    static func run(
        role: String, testName: String, in directory: URL, launcher: [String] = [],
        environment: [String: String] = [:]
    ) throws -> Outcome {
        try start(role: role, testName: testName, in: directory, launcher: launcher, environment: environment).wait()
    }

    /// The arguments that make this binary run exactly one Swift Testing test.
    static func selectionArguments(testName: String) -> [String] {
        ["--testing-library", "swift-testing", "--filter", testName]
    }

    /// In a child: appends lines to the report the parent reads.
    static func report(_ lines: [String]) throws {
        guard let path = ProcessInfo.processInfo.environment[reportVariable] else {
            Issue.record("\(reportVariable) is not set")
            return
        }
        let text = lines.map { $0 + "\n" }.joined()
        if let handle = FileHandle(forWritingAtPath: path) {
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } else {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
    }
}

/// A fresh folder per test, removed afterwards, so tests running in parallel never share paths.
/// Short (under /tmp) because a Unix socket path must fit in 108 bytes.
struct TemporaryDirectory: ~Copyable {
    let url: URL
    var path: String { url.path }

    init() throws {
        var template = Array("/tmp/cadre-systemd-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown)
        }
        url = URL(fileURLWithPath: String(cString: made), isDirectory: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
