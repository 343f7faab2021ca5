/// A JSON document as a tree whose every value knows its line and column, so an Open Badge's
/// structural errors can point at the value at fault. Open Badges are small (kilobytes); the tree
/// is built whole. Nesting is capped so a hostile file cannot exhaust the stack.
struct OpenBadgeJSON: Sendable {
    indirect enum Value: Sendable {
        case object([(key: String, node: OpenBadgeJSON)])
        case array([OpenBadgeJSON])
        case string(String)
        /// The number's text as written; badges carry numbers (credits, scores) Cadre only skips.
        case number(String)
        case bool(Bool)
        case null
    }

    var value: Value
    var line: Int
    var column: Int

    subscript(key: String) -> OpenBadgeJSON? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.node
    }

    var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    var kind: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }

    struct SyntaxError: Error {
        var message: String
        var line: Int
        var column: Int
    }

    static let maximumDepth = 128

    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> OpenBadgeJSON {
        var parser = Parser(bytes: bytes)
        parser.skipByteOrderMark()
        parser.skipBlanks()
        let root = try parser.value(depth: 0)
        parser.skipBlanks()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return root
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        /// Index of the first byte of the current line, for columns.
        var lineStart = 0

        var column: Int { index - lineStart + 1 }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func error(_ message: String) -> SyntaxError { SyntaxError(message: message, line: line, column: column) }

        mutating func skipByteOrderMark() {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                index = 3
                lineStart = 3
            }
        }

        mutating func skipBlanks() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
                if byte == 0x0A {
                    line += 1
                    lineStart = index
                }
            }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> OpenBadgeJSON {
            guard depth < OpenBadgeJSON.maximumDepth else { throw error("nested more than \(OpenBadgeJSON.maximumDepth) levels deep") }
            let (startLine, startColumn) = (line, column)
            func node(_ value: Value) -> OpenBadgeJSON { OpenBadgeJSON(value: value, line: startLine, column: startColumn) }
            switch peek {
            case 0x7B: return node(try object(depth: depth))
            case 0x5B: return node(try array(depth: depth))
            case 0x22: return node(.string(try string()))
            case 0x74: try literal("true"); return node(.bool(true))
            case 0x66: try literal("false"); return node(.bool(false))
            case 0x6E: try literal("null"); return node(.null)
            case .some(let byte) where byte == 0x2D || (0x30...0x39).contains(byte): return node(.number(try number()))
            case nil: throw error("the JSON ends where a value should be")
            default: throw error("expected a JSON value")
            }
        }

        private mutating func object(depth: Int) throws(SyntaxError) -> Value {
            index += 1
            var members: [(key: String, node: OpenBadgeJSON)] = []
            skipBlanks()
            if peek == 0x7D {
                index += 1
                return .object(members)
            }
            while true {
                skipBlanks()
                guard peek == 0x22 else { throw error("expected a key in double quotes") }
                let keyError = error("the key is written twice in this object")
                let key = try string()
                if members.contains(where: { $0.key == key }) { throw keyError }
                skipBlanks()
                guard peek == 0x3A else { throw error("expected `:` after the key `\(key)`") }
                index += 1
                skipBlanks()
                members.append((key, try value(depth: depth + 1)))
                skipBlanks()
                switch peek {
                case 0x2C: index += 1
                case 0x7D: index += 1; return .object(members)
                default: throw error("expected `,` or `}`")
                }
            }
        }

        private mutating func array(depth: Int) throws(SyntaxError) -> Value {
            index += 1
            var items: [OpenBadgeJSON] = []
            skipBlanks()
            if peek == 0x5D {
                index += 1
                return .array(items)
            }
            while true {
                skipBlanks()
                items.append(try value(depth: depth + 1))
                skipBlanks()
                switch peek {
                case 0x2C: index += 1
                case 0x5D: index += 1; return .array(items)
                default: throw error("expected `,` or `]`")
                }
            }
        }

        private mutating func literal(_ word: String) throws(SyntaxError) {
            let expected = Array(word.utf8)
            guard bytes.count - index >= expected.count, Array(bytes[index..<(index + expected.count)]) == expected else {
                throw error("expected a JSON value")
            }
            index += expected.count
        }

        private mutating func number() throws(SyntaxError) -> String {
            let start = index
            if peek == 0x2D { index += 1 }
            guard let first = peek, (0x30...0x39).contains(first) else { throw error("a number needs digits") }
            if first == 0x30 { index += 1 } else { digits() }
            if peek == 0x2E {
                index += 1
                guard let digit = peek, (0x30...0x39).contains(digit) else { throw error("a number needs digits after `.`") }
                digits()
            }
            if peek == 0x65 || peek == 0x45 {
                index += 1
                if peek == 0x2B || peek == 0x2D { index += 1 }
                guard let digit = peek, (0x30...0x39).contains(digit) else { throw error("a number needs digits in its exponent") }
                digits()
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        private mutating func digits() {
            while let byte = peek, (0x30...0x39).contains(byte) { index += 1 }
        }

        private mutating func string() throws(SyntaxError) -> String {
            index += 1
            var output: [UInt8] = []
            while let byte = peek {
                switch byte {
                case 0x22:
                    index += 1
                    guard let text = String(validating: output, as: UTF8.self) else { throw error("the string is not valid UTF-8") }
                    return text
                case 0x5C:
                    index += 1
                    try escape(into: &output)
                case 0..<0x20:
                    throw error("a control character inside a string must be escaped")
                default:
                    output.append(byte)
                    index += 1
                }
            }
            throw error("the string is never closed")
        }

        private mutating func escape(into output: inout [UInt8]) throws(SyntaxError) {
            guard let escape = peek else { throw error("the string is never closed") }
            index += 1
            switch escape {
            case 0x22, 0x5C, 0x2F: output.append(escape)
            case 0x62: output.append(0x08)
            case 0x66: output.append(0x0C)
            case 0x6E: output.append(0x0A)
            case 0x72: output.append(0x0D)
            case 0x74: output.append(0x09)
            case 0x75:
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard peek == 0x5C, index + 1 < bytes.count, bytes[index + 1] == 0x75 else { throw error("a lone UTF-16 surrogate") }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("a lone UTF-16 surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw error("a lone UTF-16 surrogate") }
                output.append(contentsOf: String(Character(unicode)).utf8)
            default:
                throw error("`\\\(Character(Unicode.Scalar(escape)))` is not a JSON escape")
            }
        }

        private mutating func hex4() throws(SyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = peek else { throw error("`\\u` needs four hex digits") }
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: throw error("`\\u` needs four hex digits")
                }
                value = value * 16 + digit
                index += 1
            }
            return value
        }
    }
}
