import CadreEngine
import Foundation

/// RFC 3339 timestamps in UTC, the form every time takes on the control protocol.
public enum Timestamp {
    public static func format(epochSeconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(epochSeconds)).formatted(.iso8601)
    }

    public static func format(epochMilliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(epochMilliseconds) / 1000)
        return date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Accepts `YYYY-MM-DD` (midnight UTC) or a full RFC 3339 timestamp, by the rule imports use.
    public static func parse(_ text: String) -> Int64? {
        InstantText.parse(text)
    }

    /// An as-of time: a bare date is the end of that day (the start of the next, UTC).
    public static func parseAsOf(_ text: String) -> Int64? {
        InstantText.parseAsOf(text)
    }

    public static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
