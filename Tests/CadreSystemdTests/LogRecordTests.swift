import Logging
import Testing

@testable import CadreSystemd

@Suite("What a log call becomes: journal fields and stderr lines")
struct LogRecordTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "disk full" }
    }

    func event(
        level: Logger.Level = .info, message: Logger.Message = "phase finished",
        metadata: Logger.Metadata? = nil, error: (any Error)? = nil
    ) -> LogEvent {
        LogEvent(
            level: level, message: message, error: error, metadata: metadata, source: "CadreDaemon",
            file: "CadreDaemon/Supervisor.swift", function: "finish(phase:)", line: 87
        )
    }

    @Test("call metadata overrides the provider's, which overrides the handler's")
    func metadataPrecedence() {
        let provider = Logger.MetadataProvider { ["phase": "training", "host": "a"] }
        let record = LogRecord(
            event: event(metadata: ["phase": "assessment"]), label: "cadred",
            handlerMetadata: ["phase": "taxonomy", "host": "b", "runID": "42"], provider: provider
        )
        #expect(record.metadata == ["phase": "assessment", "host": "a", "runID": "42"])
    }

    @Test("a logged error becomes the error metadata")
    func errorMetadata() {
        let record = LogRecord(event: event(error: Failure()), label: "cadred", handlerMetadata: [:], provider: nil)
        #expect(record.metadata == ["error": "disk full"])
    }

    @Test("journal fields: message, priority, identifier, code location, CADRE_ metadata")
    func journalFields() {
        let handler = JournalLogHandler(label: "cadre.supervisor", identifier: "cadred")
        let record = LogRecord(
            event: event(level: .warning, metadata: ["runID": .stringConvertible(42), "phase": "assessment", "workerPID": "4711"]),
            label: "cadre.supervisor", handlerMetadata: [:], provider: nil
        )
        #expect(
            handler.fields(of: record) == [
                "MESSAGE=phase finished",
                "PRIORITY=4",
                "SYSLOG_IDENTIFIER=cadred",
                "CODE_FILE=CadreDaemon/Supervisor.swift",
                "CODE_LINE=87",
                "CODE_FUNC=finish(phase:)",
                "CADRE_LOGGER=cadre.supervisor",
                "CADRE_PHASE=assessment",
                "CADRE_RUN_ID=42",
                "CADRE_WORKER_PID=4711",
            ]
        )
    }

    @Test("stderr line: time, level, label, message, sorted key=value with quoting")
    func stderrLine() {
        let record = LogRecord(
            event: event(metadata: ["runID": .stringConvertible(42), "phase": "assessment", "note": "two words", "empty": ""]),
            label: "cadre.supervisor", handlerMetadata: [:], provider: nil
        )
        let line = StderrLogHandler.line(for: record, timestamp: "2026-05-20T09:14:03.512Z")
        #expect(
            line == "2026-05-20T09:14:03.512Z info cadre.supervisor: phase finished"
                + " empty=\"\" note=\"two words\" phase=assessment runID=42\n"
        )
    }

    @Test("a line break or ESC chosen by a client cannot forge a log line: one record is one line")
    func controlCharactersAreEscaped() {
        let name = "people.csv\n2026-05-20T09:14:04.000Z info cadre.supervisor: taxonomy loaded\u{1B}[2J"
        let record = LogRecord(
            event: event(message: "import committed from \(name)", metadata: ["source": .string(name), "plain": "a\u{1B}b"]),
            label: "cadre.supervisor", handlerMetadata: [:], provider: nil
        )
        let line = StderrLogHandler.line(for: record, timestamp: "2026-05-20T09:14:03.512Z")
        #expect(line.filter { $0 == "\n" }.count == 1 && line.hasSuffix("\n"))
        #expect(!line.contains("\u{1B}"))
        #expect(line == "2026-05-20T09:14:03.512Z info cadre.supervisor: import committed from people.csv\\n2026-05-20T09:14:04.000Z"
            + " info cadre.supervisor: taxonomy loaded\\u{1B}[2J plain=\"a\\u{1B}b\""
            + " source=\"people.csv\\n2026-05-20T09:14:04.000Z info cadre.supervisor: taxonomy loaded\\u{1B}[2J\"\n")

        let fields = JournalLogHandler(label: "cadre.supervisor", identifier: "cadred").fields(of: record)
        #expect(fields.first == "MESSAGE=import committed from people.csv\\n2026-05-20T09:14:04.000Z info cadre.supervisor: taxonomy loaded\\u{1B}[2J")
        // Fields that are matched on keep their exact bytes; journald frames them by length.
        #expect(fields.contains("CADRE_SOURCE=" + name))
    }

    @Test("timestamps are UTC with milliseconds")
    func timestampShape() {
        let stamp = Timestamp.now()
        #expect(stamp.count == 24)
        #expect(stamp.hasSuffix("Z"))
        #expect(Array(stamp)[10] == "T" && Array(stamp)[19] == ".")
    }

    @Test("bootstrapping twice is harmless: only the first call counts")
    func onceFlag() {
        let flag = OnceFlag()
        #expect(flag.claim())
        #expect(!flag.claim())
        #expect(!flag.claim())
    }
}
