import CadreEngine
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A swift-log handler that writes one readable line per record to standard error:
///
///     2026-05-20T09:14:03.512Z info cadred.supervisor: phase finished phase=assessment run_id=42
///
/// Metadata follows the message as `key=value`, sorted by key so lines diff well; a value with
/// spaces, quotes or `=` is quoted so the line still splits unambiguously.
///
/// One record is always one line: control characters in the message and in values (a line break
/// or ESC in an import's name, say) are written as escapes (`\n`, `\u{1B}`), so text a client
/// chose can neither forge a log line nor act on the terminal that shows the log.
public struct StderrLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let record = LogRecord(event: event, label: label, handlerMetadata: metadata, provider: metadataProvider)
        StandardError.write(Self.line(for: record))
    }

    static func line(for record: LogRecord, timestamp: String = Timestamp.now()) -> String {
        var line = "\(timestamp) \(record.level) \(record.label): \(ControlCharacters.escaped(record.message))"
        for (key, value) in record.metadata.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(quotedIfNeeded(value.description))"
        }
        return line + "\n"
    }

    static func quotedIfNeeded(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains {
            $0.properties.isWhitespace || $0 == "\"" || $0 == "=" || ControlCharacters.isControl($0)
        }
        guard needsQuotes else { return value }
        let inner = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + ControlCharacters.escaped(inner) + "\""
    }
}

/// Writes whole lines with one `write(2)` each, so lines from several threads never interleave.
enum StandardError {
    static func write(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(2, base + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

/// UTC with milliseconds, the shape journalctl's `-o short-iso-precise` uses.
enum Timestamp {
    static func now() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S", &parts)
        let date = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let millis = Int(now.tv_nsec) / 1_000_000
        let padded = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(date).\(padded)Z"
    }
}
