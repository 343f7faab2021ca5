import CSystemd
import CadreEngine
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A swift-log handler that writes structured records to journald with `sd_journal_sendv`.
///
/// Every metadata key becomes its own field (`runID` → `CADRE_RUN_ID`, see ``JournalField``), so
/// an operator can ask `journalctl SYSLOG_IDENTIFIER=cadred CADRE_RUN_ID=42` instead of grepping
/// text. When journald refuses the record, the same record goes to stderr as one line, which under
/// systemd still reaches the journal through the stream socket.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    let label: String
    let identifier: String

    /// - Parameters:
    ///   - label: the logger's label, stored as `CADRE_LOGGER`.
    ///   - identifier: `SYSLOG_IDENTIFIER`, what `journalctl -t` selects (`cadred`).
    public init(label: String, identifier: String) {
        self.label = label
        self.identifier = identifier
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let record = LogRecord(event: event, label: label, handlerMetadata: metadata, provider: metadataProvider)
        if Self.send(fields(of: record)) != 0 {
            StandardError.write(StderrLogHandler.line(for: record))
        }
    }

    /// The `NAME=value` assignments of one journal entry, in a stable order. `MESSAGE` is what
    /// `journalctl` shows a person (and `-o cat` prints raw): its control characters are escaped
    /// as on stderr, so a name with a line break or ESC cannot forge an entry or act on a
    /// terminal. The `CADRE_*` fields keep their exact values, since they are matched on
    /// (`CADRE_RUN_ID=42`) and journald frames them by length.
    func fields(of record: LogRecord) -> [String] {
        var fields = [
            "MESSAGE=" + ControlCharacters.escaped(record.message),
            "PRIORITY=\(JournalField.priority(record.level))",
            "SYSLOG_IDENTIFIER=" + identifier,
            "CODE_FILE=" + record.file,
            "CODE_LINE=\(record.line)",
            "CODE_FUNC=" + record.function,
            "CADRE_LOGGER=" + record.label,
        ]
        for (key, value) in record.metadata.sorted(by: { $0.key < $1.key }) {
            fields.append(JournalField.name(forMetadataKey: key) + "=" + value.description)
        }
        return fields
    }

    /// One `sd_journal_sendv` call; values may hold newlines or any bytes, which sendv frames
    /// with explicit lengths. Returns 0 or a negative errno.
    static func send(_ fields: [String]) -> Int32 {
        var bytes: [UInt8] = []
        var spans: [(offset: Int, count: Int)] = []
        for field in fields {
            spans.append((bytes.count, field.utf8.count))
            bytes.append(contentsOf: field.utf8)
        }
        return bytes.withUnsafeMutableBytes { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -EINVAL }
            let vectors = spans.map { iovec(iov_base: base + $0.offset, iov_len: $0.count) }
            return vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
    }
}
