/// Reads the envelope of a varlink message — a call's `method`, `more`, `oneway`, `upgrade`; a
/// reply's `error`, `continues` — and finds where its `parameters` value lies, in one pass over the
/// bytes and without building any JSON tree. Every call the daemon answers and every reply a client
/// reads goes through here, so a Ping costs the daemon no JSON decoder at all; the parameters, when
/// there are any, are decoded once, typed, from their own bytes.
///
/// It checks the structure it walks (objects, arrays, strings, literals, numbers' characters) and
/// rejects anything else; the parameters' contents are checked in full when they are decoded.
struct VarlinkMessageScanner {
    struct Header {
        var method: String
        var oneway: Bool?
        var more: Bool?
        var upgrade: Bool?
        var parameters: Range<Int>?
    }

    private let bytes: [UInt8]
    private var index = 0

    /// What a reply's envelope says: where its parameters lie, whether more replies follow, and
    /// the error's name if it is one.
    struct ReplyHeader {
        var parameters: Range<Int>?
        var continues: Bool?
        var error: String?
    }

    static func scan(_ bytes: [UInt8]) throws(WireError) -> Header {
        var scanner = VarlinkMessageScanner(bytes: bytes)
        var method: String?
        var header = Header(method: "")
        try scanner.object { scanner, key throws(WireError) in
            switch key {
            case "method": method = try scanner.string()
            case "more": header.more = try scanner.boolean()
            case "oneway": header.oneway = try scanner.boolean()
            case "upgrade": header.upgrade = try scanner.boolean()
            case "parameters": header.parameters = try scanner.valueRange()
            default: try scanner.skipValue(depth: 0)
            }
        }
        guard let method else { throw scanner.malformed("a call without a method") }
        header.method = method
        return header
    }

    /// The same walk over a reply, for clients: the typed result is then decoded from its own bytes.
    static func scanReply(_ bytes: [UInt8]) throws(WireError) -> ReplyHeader {
        var scanner = VarlinkMessageScanner(bytes: bytes)
        var header = ReplyHeader()
        try scanner.object { scanner, key throws(WireError) in
            switch key {
            case "parameters": header.parameters = try scanner.valueRange()
            case "continues": header.continues = try scanner.boolean()
            case "error": header.error = try scanner.string()
            default: try scanner.skipValue(depth: 0)
            }
        }
        return header
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The whole message is one object; `member` reads (or skips) each member's value.
    private mutating func object(
        _ member: (inout VarlinkMessageScanner, String) throws(WireError) -> Void
    ) throws(WireError) {
        skipSpace()
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                try member(&self, key)
                skipSpace()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                break
            }
        }
        skipSpace()
        guard index == bytes.count else { throw malformed("bytes after the message's object") }
    }

    private mutating func valueRange() throws(WireError) -> Range<Int> {
        let start = index
        try skipValue(depth: 0)
        return start..<index
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(WireError) {
        guard peek() == byte else { throw malformed("expected '\(Character(UnicodeScalar(byte)))'") }
        index += 1
    }

    private func malformed(_ what: String) -> WireError {
        WireError(.malformed, "not a varlink message: \(what) at byte \(index)")
    }

    /// A boolean, or null for "absent".
    private mutating func boolean() throws(WireError) -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        if literal("null") { return nil }
        throw malformed("expected true or false")
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { word in
            (0..<count).allSatisfy { bytes[index + $0] == word[$0] }
        }
        if matches { index += count }
        return matches
    }

    /// A string; escapes are decoded by the standard JSON rules.
    private mutating func string() throws(WireError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let raw = bytes[start..<index]
                index += 1
                guard escaped else { return String(decoding: raw, as: UTF8.self) }
                return try unescape(raw)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 2
                continue
            }
            guard byte >= 0x20 else { throw malformed("a control character in a string") }
            index += 1
        }
        throw malformed("an unterminated string")
    }

    private func unescape(_ raw: ArraySlice<UInt8>) throws(WireError) -> String {
        do {
            return try WireJSON.decode(String.self, from: [UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")])
        } catch {
            throw malformed("a bad escape in a string")
        }
    }

    private mutating func skipValue(depth: Int) throws(WireError) {
        guard depth < 128 else { throw malformed("nesting deeper than 128") }
        skipSpace()
        guard let byte = peek() else { throw malformed("a missing value") }
        switch byte {
        case UInt8(ascii: "\""):
            _ = try skipString()
        case UInt8(ascii: "{"):
            index += 1
            skipSpace()
            if peek() == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                skipSpace()
                try skipString()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return
            }
        case UInt8(ascii: "["):
            index += 1
            skipSpace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                skipSpace()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "]"))
                return
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            guard literal("true") || literal("false") || literal("null") else { throw malformed("an unknown literal") }
        default:
            let start = index
            while let next = peek(), next == UInt8(ascii: "-") || next == UInt8(ascii: "+") || next == UInt8(ascii: ".")
                || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") || (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9"))
            {
                index += 1
            }
            guard index > start else { throw malformed("an unexpected character") }
        }
    }

    private mutating func skipString() throws(WireError) {
        try expect(UInt8(ascii: "\""))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            guard byte >= 0x20 else { throw malformed("a control character in a string") }
            index += 1
        }
        throw malformed("an unterminated string")
    }
}
