/// Dates and times as every input states them — import files, `--as-of`, varlink parameters — so
/// one rule decides what a time is: `YYYY-MM-DD` (midnight UTC) or an RFC 3339 timestamp with a
/// zone (`T` or a space between date and time), and only dates that exist (`2025-02-30` is not one).
public enum InstantText {
    /// Seconds since the Unix epoch, or nil when `text` is not such a date or time.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { FieldScanning.instant($0) }
    }

    /// The instant T a run or a view is "as of" (DESIGN.md, assessment semantics): a bare date
    /// means the END of that day — the start of the next day, UTC — so evidence observed on that
    /// date counts and a credential valid until that date does not; a timestamp means itself.
    public static func parseAsOf(_ text: String) -> Int64? {
        guard let instant = parse(text) else { return nil }
        return isDateOnly(text) ? instant + 86_400 : instant
    }

    /// `YYYY-MM-DD` and nothing else (blanks around it allowed, as `parse` allows them).
    static func isDateOnly(_ text: String) -> Bool {
        let bytes = Array(text.utf8.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed())
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return false }
        return bytes.enumerated().allSatisfy { index, byte in index == 4 || index == 7 || (0x30...0x39).contains(byte) }
    }
}
