/// Reads JSON imports as they stream: either one array of objects (`[{…}, {…}]`) or JSON Lines
/// (`{…}` per line). Each object is flat — string, number or null values under the same keys as
/// the CSV headers — and becomes one `ImportRow` as soon as its closing brace arrives, so neither
/// form is ever held whole.
struct JSONRowReader: Sendable {
    private enum Place: Sendable {
        /// Before the first object (JSON Lines) or between objects.
        case between
        /// Inside `[`, expecting an object or `]`.
        case arrayStart
        /// After an object in an array, expecting `,` or `]`.
        case arrayAfterObject
        /// After `,` in an array, expecting an object.
        case arrayAfterComma
        /// After the closing `]`: only blanks may follow.
        case arrayEnd
        case object
    }

    let file: String
    let schema: ImportSchema
    let ignoresUnknownColumns: Bool
    private var isArray: Bool?
    private var place = Place.between
    private var line = 1
    private var objectLine = 1
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var object: [UInt8] = []
    private var values: [UInt8] = []
    private var keyScratch: [UInt8] = []
    private var row: ImportRow
    /// Unknown keys already reported, so a key on every object is reported once.
    private var reportedUnknownKeys: Set<String> = []

    init(file: String, schema: ImportSchema, ignoresUnknownColumns: Bool) {
        self.file = file
        self.schema = schema
        self.ignoresUnknownColumns = ignoresUnknownColumns
        row = ImportRow(columnCount: schema.count)
    }

    private func error(_ message: String, line: Int, hint: String = "") -> InputError {
        InputError(.importBadJSON, file: file, line: line, message: message,
                   hint: hint.isEmpty ? "each row must be a flat JSON object; see docs/IMPORT.md" : hint)
    }

    mutating func feed(
        _ bytes: UnsafeBufferPointer<UInt8>, log: inout ImportErrorLog, _ consume: ImportReader.Consume
    ) throws(InputError) {
        for byte in bytes {
            if place == .object {
                object.append(byte)
                if object.count > ImportLimits.maximumRowBytes {
                    throw InputError(
                        .importRowTooLong, file: file, line: objectLine,
                        message: "an object runs on for more than \(ImportLimits.maximumRowBytes) bytes",
                        hint: "a closing } or \" is probably missing in this object")
                }
                if byte == 0x0A { line += 1 }
                if inString {
                    if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                } else if byte == 0x22 {
                    inString = true
                } else if byte == 0x7B || byte == 0x5B {
                    depth += 1
                } else if byte == 0x7D || byte == 0x5D {
                    depth -= 1
                    if depth == 0 {
                        place = isArray == true ? .arrayAfterObject : .between
                        try emitObject(log: &log, consume)
                    }
                }
                continue
            }
            if byte == 0x0A { line += 1 }
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            // A UTF-8 byte order mark can only come before the first object.
            if isArray == nil, byte == 0xEF || byte == 0xBB || byte == 0xBF { continue }
            switch (place, byte) {
            case (.between, 0x5B) where isArray == nil:
                isArray = true
                place = .arrayStart
            case (.between, 0x7B) where isArray != true, (.arrayStart, 0x7B), (.arrayAfterComma, 0x7B):
                if isArray == nil { isArray = false }
                place = .object
                objectLine = line
                depth = 1
                object.removeAll(keepingCapacity: true)
                object.append(byte)
            case (.arrayAfterObject, 0x2C):
                place = .arrayAfterComma
            case (.arrayStart, 0x5D), (.arrayAfterObject, 0x5D):
                place = .arrayEnd
            default:
                throw error("unexpected `\(Unicode.Scalar(byte))` between objects", line: line,
                            hint: isArray == true ? "objects in the array are separated by commas" : "put one JSON object on each line")
            }
        }
    }

    mutating func finish(log: inout ImportErrorLog) throws(InputError) {
        switch place {
        case .object: throw error("the last object is never closed", line: objectLine)
        case .arrayStart, .arrayAfterObject, .arrayAfterComma: throw error("the array is never closed with `]`", line: line)
        case .between, .arrayEnd: return
        }
    }

    private mutating func emitObject(log: inout ImportErrorLog, _ consume: ImportReader.Consume) throws(InputError) {
        row.clear()
        row.line = objectLine
        values.removeAll(keepingCapacity: true)
        pendingUnknownKeys.removeAll(keepingCapacity: true)
        let problem = object.withUnsafeBufferPointer { parseFlatObject($0) }
        if let (message, offset) = problem {
            let lineOfError = objectLine + object[..<min(offset, object.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            try log.record(error(message, line: lineOfError))
            return
        }
        for unknown in pendingUnknownKeys where !ignoresUnknownColumns && reportedUnknownKeys.insert(unknown).inserted {
            try log.record(InputError(
                .importUnknownColumn, file: file, line: objectLine, field: unknown,
                message: "`\(unknown)` is not a \(schema.kind) key (keys: \(schema.columns.map(\.name).joined(separator: ", ")))",
                hint: "rename or remove the key, or import with unknown columns ignored"))
        }
        let isValidText = values.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
        guard isValidText else {
            return try log.record(InputError(
                .importBadUTF8, file: file, line: objectLine, message: "this object's text is not valid UTF-8",
                hint: "JSON files must be UTF-8"))
        }
        try values.withUnsafeBufferPointer { buffer throws(InputError) in try consume(row, buffer, &log) }
    }

    private var pendingUnknownKeys: [String] = []

    /// Parses one complete object into `row` and `values`; returns a problem and its byte offset.
    private mutating func parseFlatObject(_ bytes: UnsafeBufferPointer<UInt8>) -> (String, Int)? {
        var scanner = JSONScanner(bytes: bytes)
        scanner.skipBlanks()
        guard scanner.take(0x7B) else { return ("expected `{`", scanner.index) }
        scanner.skipBlanks()
        if scanner.take(0x7D) { return nil }
        var seen = Array(repeating: false, count: schema.count)
        var lowered: [UInt8] = []
        while true {
            scanner.skipBlanks()
            let keyStart = scanner.index
            keyScratch.removeAll(keepingCapacity: true)
            guard scanner.peek == 0x22, scanner.string(into: &keyScratch) else { return ("expected a key in quotes", keyStart) }
            // Quoted back in messages, so never with a control character acting on the reader's terminal.
            let key = keyScratch.withUnsafeBufferPointer { ControlCharacters.escaped(String(decoding: $0, as: UTF8.self)) }
            let column = keyScratch.withUnsafeBufferPointer { schema.column(named: $0, scratch: &lowered) }
            scanner.skipBlanks()
            guard scanner.take(0x3A) else { return ("expected `:` after key `\(key)`", scanner.index) }
            scanner.skipBlanks()
            let valueStart = values.count
            var isNull = false
            switch scanner.peek {
            case 0x22:
                guard scanner.string(into: &values) else { return ("the value of `\(key)` is not a valid JSON string", scanner.index) }
            case 0x6E:
                guard scanner.literal("null") else { return ("the value of `\(key)` is not valid JSON", scanner.index) }
                isNull = true
            case .some(let byte) where byte == 0x2D || (byte >= 0x30 && byte <= 0x39):
                let start = scanner.index
                scanner.number()
                values.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<scanner.index]))
            default:
                return ("the value of `\(key)` must be a string, a number or null", scanner.index)
            }
            if let column {
                if seen[column] { return ("the key `\(key)` appears twice in this object", keyStart) }
                seen[column] = true
                if !isNull {
                    let raw = values.withUnsafeBufferPointer { FieldScanning.trimmed($0, valueStart..<values.count) }
                    row.ranges[column] = raw
                }
            } else {
                pendingUnknownKeys.append(key)
            }
            scanner.skipBlanks()
            if scanner.take(0x2C) { continue }
            if scanner.take(0x7D) { return nil }
            return ("expected `,` or `}` after the value of `\(key)`", scanner.index)
        }
    }
}

/// A cursor over one object's bytes for the handful of JSON forms a flat row uses.
private struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipBlanks() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// Skips a number's characters; the row decoder judges whether they make a number.
    mutating func number() {
        while let byte = peek, (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2B || byte == 0x2E
            || byte == 0x65 || byte == 0x45 { index += 1 }
    }

    /// Appends the unescaped contents of the string at the cursor to `output`.
    mutating func string(into output: inout [UInt8]) -> Bool {
        guard take(0x22) else { return false }
        while let byte = peek {
            index += 1
            switch byte {
            case 0x22: return true
            case 0x5C:
                guard let escape = peek else { return false }
                index += 1
                switch escape {
                case 0x22, 0x5C, 0x2F: output.append(escape)
                case 0x62: output.append(0x08)
                case 0x66: output.append(0x0C)
                case 0x6E: output.append(0x0A)
                case 0x72: output.append(0x0D)
                case 0x74: output.append(0x09)
                case 0x75:
                    guard var scalar = hex4() else { return false }
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard take(0x5C), take(0x75), let low = hex4(), (0xDC00..<0xE000).contains(low) else { return false }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return false }
                    output.append(contentsOf: String(Character(unicode)).utf8)
                default: return false
                }
            case 0..<0x20: return false
            default: output.append(byte)
            }
        }
        return false
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}
