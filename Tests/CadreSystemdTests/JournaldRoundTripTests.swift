import Foundation
import Logging
import Testing

@testable import CadreSystemd

/// JournalLogHandler against the real systemd-journald, run privately by scripts/with-journald.
@Suite("Journal records through a real journald")
struct JournaldRoundTripTests {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/with-journald")
    static let identifierVariable = "CADRE_SYSTEMD_TEST_IDENTIFIER"
    static let canRunJournald = getuid() == 0
        && FileManager.default.isExecutableFile(atPath: "/lib/systemd/systemd-journald")
        && FileManager.default.isExecutableFile(atPath: script.path)

    @Test(
        "fields, priorities and CADRE_ metadata as journalctl shows them",
        .enabled(if: canRunJournald, "needs root and /lib/systemd/systemd-journald (scripts/with-journald)")
    )
    func roundTrip() throws {
        let directory = try TemporaryDirectory()
        let journal = directory.path + "/journal"
        let identifier = "cadre-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let outcome = try ChildProcess.run(
            role: "journal", testName: "journalChild", in: directory.url,
            launcher: [Self.script.path, journal], environment: [Self.identifierVariable: identifier]
        )
        try #require(outcome.status == 0, "child failed:\n\(outcome.output)")
        let line = try #require(outcome.report.first.flatMap { UInt($0) }, "report: \(outcome.report)")

        let entries = try readJournal(directory: journal, identifier: identifier)
        try #require(entries.count == 2, "entries: \(entries)")
        let first = entries[0]
        #expect(first["MESSAGE"] == "phase finished")
        #expect(first["PRIORITY"] == "6")
        #expect(first["SYSLOG_IDENTIFIER"] == identifier)
        #expect(first["CADRE_LOGGER"] == "cadre.test")
        #expect(first["CADRE_RUN_ID"] == "42")
        #expect(first["CADRE_PHASE"] == "assessment")
        #expect(first["CADRE_WORKER_PID"] == "4711")
        #expect(first["CODE_FILE"]?.hasSuffix("JournaldRoundTripTests.swift") == true)
        #expect(first["CODE_FUNC"] == "journalChild()")
        #expect(first["CODE_LINE"] == "\(line)")
        #expect(first["_TRANSPORT"] == "journal")

        let second = entries[1]
        // A line break in a message is written out, so no text in a message can pose as an entry.
        #expect(second["MESSAGE"] == "import rejected\\nline 3: unknown skill")
        #expect(second["PRIORITY"] == "3")
        #expect(second["CADRE_STORE_PATH"] == "/var/lib/cadre/cadre.sqlite")
        #expect(second["CADRE_RUN_ID"] == "42")
    }

    @Test("child: logs two records", .enabled(if: ChildProcess.role == "journal"))
    func journalChild() throws {
        let identifier = try #require(ProcessInfo.processInfo.environment[Self.identifierVariable])
        var logger = Logger(label: "cadre.test") { JournalLogHandler(label: $0, identifier: identifier) }
        logger[metadataKey: "runID"] = "42"
        let line = #line + 1
        logger.info("phase finished", metadata: ["phase": "assessment", "workerPID": "4711"])
        logger.error("import rejected\nline 3: unknown skill", metadata: ["store.path": "/var/lib/cadre/cadre.sqlite"])
        try ChildProcess.report(["\(line)"])
    }

    /// `journalctl -o json`, one object per line; a value journalctl prints as a byte array
    /// (it does so for anything it considers unprintable) is decoded as UTF-8.
    func readJournal(directory: String, identifier: String) throws -> [[String: String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
        process.arguments = ["-q", "-D", directory, "-o", "json", "SYSLOG_IDENTIFIER=\(identifier)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            return object.compactMapValues { value in
                if let text = value as? String { return text }
                if let bytes = value as? [Int] { return String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self) }
                return nil
            }
        }
    }
}
