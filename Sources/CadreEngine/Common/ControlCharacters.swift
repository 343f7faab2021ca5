/// Unicode's control characters (general category Cc: U+0000–U+001F, U+007F and the C1 range
/// U+0080–U+009F), which no id, name or title ever holds on purpose.
///
/// They matter because of where text goes next: SQLite's C API (through GRDB) reads a string up to
/// its first NUL, so `E000001\0evil` would be stored as `E000001`; ESC and the C1 CSI start
/// terminal escape sequences; a line break in a name forges a line in a log or a table. Imports
/// refuse them, and every printer escapes them with `escaped(_:keeping:)`.
public enum ControlCharacters {
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The first control character in UTF-8 `bytes` other than those in `allowed`, with its
    /// 1-based position in characters (Unicode scalars) — scanned byte by byte, since an import
    /// checks every field of millions of rows.
    static func first(
        in bytes: UnsafeBufferPointer<UInt8>, allowed: Set<Unicode.Scalar> = []
    ) -> (scalar: Unicode.Scalar, position: Int)? {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var value: UInt32?
            if byte < 0x20 || byte == 0x7F {
                value = UInt32(byte)
            } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                value = UInt32(bytes[index + 1])
            }
            if let value, let scalar = Unicode.Scalar(value), !allowed.contains(scalar) {
                // Characters so far: every byte that does not continue a multi-byte sequence.
                let position = bytes[..<index].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
                return (scalar, position)
            }
            index += 1
        }
        return nil
    }

    /// `first(in:allowed:)` for text already decoded.
    public static func first(in text: String, allowed: Set<Unicode.Scalar> = []) -> (scalar: Unicode.Scalar, position: Int)? {
        var text = text
        return text.withUTF8 { first(in: $0, allowed: allowed) }
    }

    /// The text with every control character not in `keeping` written out as an escape (`\n`,
    /// `\t`, `\r`, `\0`, otherwise `\u{1B}`), so it can be shown on one line of a terminal or a
    /// log without acting on either. Text without control characters comes back as it was.
    public static func escaped(_ text: String, keeping: Set<Unicode.Scalar> = []) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !keeping.contains($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar), !keeping.contains(scalar) else {
                result.append(scalar)
                continue
            }
            result.append(contentsOf: escape(scalar).unicodeScalars)
        }
        return String(result)
    }

    /// How a message names the character it refuses: `U+001B (ESC)`, `U+0000 (NUL)`.
    public static func name(of scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let names: [UInt32: String] = [
            0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x09: "tab", 0x0A: "line feed", 0x0B: "vertical tab",
            0x0C: "form feed", 0x0D: "carriage return", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI",
        ]
        return names[scalar.value].map { "\(code) (\($0))" } ?? code
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        case "\0": "\\0"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
