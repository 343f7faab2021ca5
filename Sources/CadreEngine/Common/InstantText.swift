/// Dates and times as every input states them — import files, `--as-of`, varlink parameters — so
/// one rule decides what a time is: `YYYY-MM-DD` (midnight UTC) or an RFC 3339 timestamp with a
/// zone (`T` or a space between date and time), and only dates that exist (`2025-02-30` is not one).
public enum InstantText {
    /// Seconds since the Unix epoch, or nil when `text` is not such a date or time.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { FieldScanning.instant($0) }
    }
}
