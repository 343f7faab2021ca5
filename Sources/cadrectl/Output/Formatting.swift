import CadreWire
import Foundation

/// How times, durations and counts read in cadrectl's text output. The protocol carries RFC 3339
/// UTC; people read local time to the second, which is what `systemctl` and `journalctl` show too.
enum Formatting {
    static func instant(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: fractionalISO8601) { return date }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return nil
    }

    /// `2025-06-01 14:03:07` in the local time zone; the text as sent when it can't be read.
    static func localTime(_ text: String?) -> String {
        guard let text else { return "-" }
        guard let date = instant(text) else { return text }
        return date.formatted(localStyle)
    }

    /// `14:03:07` for event lines, where the date is today's.
    static func clock(_ text: String) -> String {
        guard let date = instant(text) else { return text }
        return date.formatted(clockStyle)
    }

    /// The time between two protocol timestamps, or `-` when either is missing.
    static func duration(from start: String?, to end: String?) -> String {
        guard let start, let end, let from = instant(start), let to = instant(end) else { return "-" }
        return duration(seconds: to.timeIntervalSince(from))
    }

    /// `850 ms`, `12.4 s`, `3m 05s`, `2h 07m`, `4d 03h`.
    static func duration(seconds: Double) -> String {
        let value = max(0, seconds)
        if value < 1 { return "\(Int((value * 1000).rounded())) ms" }
        if value < 60 { return String(format: "%.1f s", value) }
        let whole = Int(value)
        if whole < 3600 { return String(format: "%dm %02ds", whole / 60, whole % 60) }
        if whole < 86400 { return String(format: "%dh %02dm", whole / 3600, (whole % 3600) / 60) }
        return String(format: "%dd %02dh", whole / 86400, (whole % 86400) / 3600)
    }

    /// A heartbeat age in milliseconds as `0.4 s ago`; `-` before the first heartbeat.
    static func age(milliseconds: Int?) -> String {
        guard let milliseconds else { return "-" }
        return duration(seconds: Double(milliseconds) / 1000) + " ago"
    }

    /// An instant (an observation): just the date when it is midnight UTC, as a date-only input wrote it.
    static func asOf(_ text: String) -> String {
        guard let date = instant(text) else { return text }
        let utc = date.formatted(utcDateTimeStyle)
        return utc.hasSuffix(" 00:00:00") ? String(utc.dropLast(9)) : utc + " UTC"
    }

    /// A run's as-of time T. `--as-of DATE` pins T to the end of DATE (midnight UTC at the start of
    /// the next day), so a midnight T prints as the date it ends: the date the user gave.
    static func runAsOf(_ text: String) -> String {
        guard let date = instant(text) else { return text }
        let utc = date.formatted(utcDateTimeStyle)
        guard utc.hasSuffix(" 00:00:00") else { return utc + " UTC" }
        return String(date.addingTimeInterval(-86_400).formatted(utcDateTimeStyle).dropLast(9))
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    /// A share of 0–1 as `62.4%`: readiness, and the part of a group meeting its level.
    static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", share * 100)
    }

    /// A figure on the 0–5 scale or a weight, to two decimals: `2.41`.
    static func decimal(_ value: Double, places: Int = 2) -> String {
        String(format: "%.\(places)f", value)
    }

    /// `812 B`, `240.3 KiB`, `1.4 MiB`, `2.0 GiB`.
    static func bytes(_ count: Int) -> String {
        let value = Double(max(0, count))
        if value < 1024 { return "\(count) B" }
        if value < 1024 * 1024 { return String(format: "%.1f KiB", value / 1024) }
        if value < 1024 * 1024 * 1024 { return String(format: "%.1f MiB", value / (1024 * 1024)) }
        return String(format: "%.1f GiB", value / (1024 * 1024 * 1024))
    }

    private static let fractionalISO8601 = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let localStyle = Date.VerbatimFormatStyle(
        format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)",
        timeZone: .current, calendar: Calendar(identifier: .gregorian))
    private static let clockStyle = Date.VerbatimFormatStyle(
        format: "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)",
        timeZone: .current, calendar: Calendar(identifier: .gregorian))
    private static let utcDateTimeStyle = Date.VerbatimFormatStyle(
        format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)",
        timeZone: TimeZone(identifier: "UTC") ?? .gmt, calendar: Calendar(identifier: .gregorian))
}

/// JSON for `--json`: pretty and key-sorted for one-shot commands, one compact line per event for
/// `watch`, so `jq` and line-oriented tools both work.
enum JSONText {
    static func pretty<T: Encodable>(_ value: T) -> String {
        encode(value, formatting: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    static func line<T: Encodable>(_ value: T) -> String {
        encode(value, formatting: [.sortedKeys, .withoutEscapingSlashes])
    }

    private static func encode<T: Encodable>(_ value: T, formatting: JSONEncoder.OutputFormatting) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}
