import Logging
import Testing

@testable import CadreSystemd

@Suite("Journal field names and priorities")
struct JournalFieldTests {
    @Test(
        "metadata keys become CADRE_ upper snake case",
        arguments: [
            ("runID", "CADRE_RUN_ID"),
            ("run_id", "CADRE_RUN_ID"),
            ("phase", "CADRE_PHASE"),
            ("workerPID", "CADRE_WORKER_PID"),
            ("HTTPServer", "CADRE_HTTP_SERVER"),
            ("dataVersion2", "CADRE_DATA_VERSION2"),
            ("store.path", "CADRE_STORE_PATH"),
            ("peer-uid", "CADRE_PEER_UID"),
            ("_private", "CADRE_PRIVATE"),
            ("9lives", "CADRE_9LIVES"),
            ("RUN_ID", "CADRE_RUN_ID"),
            ("naïveKey", "CADRE_NA_VE_KEY"),
            ("", "CADRE_METADATA"),
            ("--", "CADRE_METADATA"),
        ]
    )
    func fieldName(key: String, expected: String) {
        #expect(JournalField.name(forMetadataKey: key) == expected)
    }

    @Test("a long key is cut to journald's 64-character limit")
    func longKey() {
        let name = JournalField.name(forMetadataKey: String(repeating: "a", count: 100))
        #expect(name == "CADRE_" + String(repeating: "A", count: 58))
        #expect(name.count == 64)
    }

    /// journald's own rule (journal_field_valid): 1–64 of A–Z 0–9 _, not starting with a digit or _.
    @Test(
        "every name is one journald accepts",
        arguments: ["runID", "x", "über", "a.b.c", "  ", "0", "ÆØÅ", "aB_cD-eF gH", "ID", "iD"]
    )
    func validName(key: String) {
        let name = JournalField.name(forMetadataKey: key)
        #expect((1...64).contains(name.utf8.count))
        #expect(name.utf8.allSatisfy { (65...90).contains($0) || (48...57).contains($0) || $0 == 95 })
        #expect(name.first != "_" && !(name.first?.isNumber ?? true))
    }

    @Test(
        "swift-log levels map onto syslog priorities",
        arguments: [
            (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5),
            (.warning, 4), (.error, 3), (.critical, 2),
        ]
    )
    func priority(level: Logger.Level, expected: Int) {
        #expect(JournalField.priority(level) == expected)
    }
}
