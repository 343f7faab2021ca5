import Foundation
import Logging
import Testing

@testable import CadreSystemd

@Suite("Choosing and installing the log handler in a real process")
struct LoggingBootstrapTests {
    /// The device and inode of the file the child's stderr is written to.
    func identity(of path: String) throws -> String {
        var status = stat()
        try #require(stat(path, &status) == 0)
        return "\(status.st_dev):\(status.st_ino)"
    }

    @Test("JOURNAL_STREAM naming the child's own stderr selects the journal")
    func detectsJournalStream() throws {
        let directory = try TemporaryDirectory()
        let output = directory.url.appendingPathComponent("output-logging")
        // The child's stderr is this file, created by ChildProcess.start before the child runs.
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let outcome = try ChildProcess.run(
            role: "logging", testName: "loggingChild", in: directory.url,
            environment: ["JOURNAL_STREAM": try identity(of: output.path), "CADRE_SYSTEMD_TEST_BOOTSTRAP": "no"]
        )
        try #require(outcome.status == 0, "child failed:\n\(outcome.output)")
        #expect(outcome.report == ["journal"])
    }

    @Test("an inherited JOURNAL_STREAM that is not stderr selects stderr, and the stderr line format")
    func stderrWhenInherited() throws {
        let directory = try TemporaryDirectory()
        let other = directory.path + "/elsewhere"
        _ = FileManager.default.createFile(atPath: other, contents: nil)
        let outcome = try ChildProcess.run(
            role: "logging", testName: "loggingChild", in: directory.url,
            environment: ["JOURNAL_STREAM": try identity(of: other)]
        )
        try #require(outcome.status == 0, "child failed:\n\(outcome.output)")
        #expect(outcome.report == ["stderr"])
        let lines = outcome.output.split(separator: "\n").filter { $0.contains("cadre.bootstrap") }
        // .info is below the bootstrapped .notice level; the second bootstrap (journal) is ignored.
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.hasSuffix(" notice cadre.bootstrap: workers registered count=6 runID=42") == true)
    }

    @Test("child: detects its target, bootstraps twice, logs", .enabled(if: ChildProcess.role == "logging"))
    func loggingChild() throws {
        let target = LogTarget.detect()
        try ChildProcess.report([target.rawValue])
        guard ProcessInfo.processInfo.environment["CADRE_SYSTEMD_TEST_BOOTSTRAP"] != "no" else { return }
        CadreLogging.bootstrap(target: target, identifier: "cadre-test", level: .notice)
        CadreLogging.bootstrap(target: .journal, identifier: "cadre-test", level: .trace)
        var logger = Logger(label: "cadre.bootstrap")
        logger[metadataKey: "runID"] = "42"
        logger.info("below the level")
        logger.notice("workers registered", metadata: ["count": "6"])
    }
}
