/// An RFC 4180 tokenizer fed arbitrary byte chunks, so the daemon can parse a 3,000,000-row file
/// as it arrives from `cadrectl` without ever holding it whole.
///
/// A chunk may end anywhere — inside a quoted field, between the CR and LF of a line break, inside
/// a multi-byte UTF-8 character — because every state the tokenizer needs to resume is kept here,
/// and a record's bytes are only looked at as text once the whole record has arrived. `,`, `"`,
/// CR and LF are ASCII, so they never occur inside a UTF-8 multi-byte sequence and can be found
/// byte by byte.
///
/// Accepted beyond the RFC: LF or lone CR line ends as well as CRLF, a UTF-8 byte order mark at
/// the start (dropped), blank lines (skipped; they still count as physical lines).
public struct CSVParser: Sendable {
    public let file: String
    /// Whether every record must have as many fields as the first (the header); off when the
    /// caller checks field counts itself so that it can go on and report more than one row.
    public let checksFieldCount: Bool

    private enum State: Sendable {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private var state = State.fieldStart
    private var record = CSVRecord()
    /// Whether the current record has consumed any byte, so a blank line is not a record.
    private var recordStarted = false
    /// The physical line the next byte is on, 1-based.
    private var line = 1
    /// The previous byte was a CR: a following LF is the same line break.
    private var afterCR = false
    /// Bytes of the stream's start still being compared with the UTF-8 byte order mark.
    private var bomPrefix: [UInt8] = []
    private var bomDecided = false
    private var expectedFieldCount: Int?

    public init(file: String, checksFieldCount: Bool = true) {
        self.file = file
        self.checksFieldCount = checksFieldCount
    }

    /// Tokenizes `chunk`, calling `onRecord` with each record it completes. The record is only
    /// valid during the call; copy what you keep.
    public mutating func feed<Chunk: Collection<UInt8>>(
        _ chunk: Chunk, _ onRecord: (borrowing CSVRecord) throws(InputError) -> Void
    ) throws(InputError) {
        let outcome: Result<Void, InputError>? = chunk.withContiguousStorageIfAvailable { buffer in
            do throws(InputError) { return .success(try feedContiguous(buffer, onRecord)) } catch { return .failure(error) }
        }
        if let outcome { return try outcome.get() }
        let copy = Array(chunk)
        try copy.withUnsafeBufferPointer { buffer throws(InputError) in try feedContiguous(buffer, onRecord) }
    }

    /// Ends the stream: completes a last record that has no line break after it, and reports a
    /// quoted field that was never closed.
    public mutating func finish(_ onRecord: (borrowing CSVRecord) throws(InputError) -> Void) throws(InputError) {
        if !bomDecided {
            bomDecided = true
            let pending = bomPrefix
            bomPrefix = []
            try pending.withUnsafeBufferPointer { buffer throws(InputError) in try tokenize(buffer, onRecord) }
        }
        switch state {
        case .quoted:
            throw InputError(
                .importBadQuoting, file: file, line: record.line, column: record.fieldCount + 1,
                message: "a quoted field is never closed",
                hint: "add the closing \" or escape a quote inside the field as \"\"")
        case .fieldStart, .unquoted, .quoteInQuoted:
            if recordStarted { try endRecord(onRecord) }
        }
    }

    /// Convenience for small inputs and tests: the records of `chunk` as strings.
    public mutating func feed<Chunk: Collection<UInt8>>(_ chunk: Chunk) throws(InputError) -> [[String]] {
        var records: [[String]] = []
        try feed(chunk) { record in records.append(record.strings) }
        return records
    }

    public mutating func finish() throws(InputError) -> [[String]] {
        var records: [[String]] = []
        try finish { record in records.append(record.strings) }
        return records
    }

    private mutating func feedContiguous(
        _ buffer: UnsafeBufferPointer<UInt8>, _ onRecord: (borrowing CSVRecord) throws(InputError) -> Void
    ) throws(InputError) {
        guard !bomDecided else { return try tokenize(buffer, onRecord) }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        var index = 0
        while index < buffer.count, bomPrefix.count < 3, buffer[index] == bom[bomPrefix.count] {
            bomPrefix.append(buffer[index])
            index += 1
        }
        if bomPrefix.count == 3 {
            bomDecided = true
            bomPrefix = []
        } else if index < buffer.count {
            // Not a byte order mark after all: what looked like one is data.
            bomDecided = true
            let pending = bomPrefix
            bomPrefix = []
            try pending.withUnsafeBufferPointer { pending throws(InputError) in try tokenize(pending, onRecord) }
        } else {
            return
        }
        try tokenize(UnsafeBufferPointer(rebasing: buffer[index...]), onRecord)
    }

    private mutating func tokenize(
        _ bytes: UnsafeBufferPointer<UInt8>, _ onRecord: (borrowing CSVRecord) throws(InputError) -> Void
    ) throws(InputError) {
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if afterCR {
                afterCR = false
                if byte == lf {
                    index += 1
                    continue
                }
            }
            if !recordStarted {
                if byte == lf || byte == cr {
                    // A blank line: counted, never a record.
                    line += 1
                    afterCR = byte == cr
                    index += 1
                    continue
                }
                recordStarted = true
                record.line = line
            }
            switch state {
            case .fieldStart, .unquoted:
                if byte == comma {
                    record.endField()
                    state = .fieldStart
                } else if byte == lf || byte == cr {
                    line += 1
                    afterCR = byte == cr
                    try endRecord(onRecord)
                } else if byte == quote {
                    guard state == .fieldStart else {
                        throw InputError(
                            .importBadQuoting, file: file, line: line, column: record.fieldCount + 1,
                            message: "a quote appears inside a field that does not start with one",
                            hint: "quote the whole field and double the inner quote: \"say \"\"hi\"\"\"")
                    }
                    state = .quoted
                } else {
                    // The common case: copy the run of plain bytes up to the next delimiter at once.
                    var stop = index + 1
                    while stop < end {
                        let next = bytes[stop]
                        if next == comma || next == lf || next == cr || next == quote { break }
                        stop += 1
                    }
                    record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<stop]))
                    state = .unquoted
                    index = stop
                    continue
                }
            case .quoted:
                if byte == quote {
                    state = .quoteInQuoted
                } else {
                    if byte == lf {
                        if !afterQuotedCR { line += 1 }
                    } else if byte == cr {
                        line += 1
                    }
                    afterQuotedCR = byte == cr
                    record.bytes.append(byte)
                }
            case .quoteInQuoted:
                if byte == quote {
                    record.bytes.append(quote)
                    state = .quoted
                } else if byte == comma {
                    record.endField()
                    state = .fieldStart
                } else if byte == lf || byte == cr {
                    line += 1
                    afterCR = byte == cr
                    try endRecord(onRecord)
                } else {
                    throw InputError(
                        .importBadQuoting, file: file, line: line, column: record.fieldCount + 1,
                        message: "text follows the closing quote of a field",
                        hint: "put the whole field inside the quotes, or double a quote meant as text")
                }
            }
            if state != .quoted { afterQuotedCR = false }
            index += 1
        }
        if record.bytes.count > ImportLimits.maximumRowBytes {
            throw InputError(
                .importRowTooLong, file: file, line: record.line, column: record.fieldCount + 1,
                message: state == .quoted
                    ? "a quoted field runs on for more than \(ImportLimits.maximumRowBytes) bytes"
                    : "a row is longer than \(ImportLimits.maximumRowBytes) bytes",
                hint: state == .quoted ? "a closing \" is probably missing on this row" : "one row per line")
        }
    }

    /// A CR inside a quoted field already counted the line; a LF right after it is the same break.
    private var afterQuotedCR = false

    private mutating func endRecord(_ onRecord: (borrowing CSVRecord) throws(InputError) -> Void) throws(InputError) {
        record.endField()
        state = .fieldStart
        recordStarted = false
        defer { record.reset() }
        try record.validateUTF8(file: file)
        if checksFieldCount {
            if let expected = expectedFieldCount {
                if let error = record.fieldCountError(expected: expected, file: file) { throw error }
            } else {
                expectedFieldCount = record.fieldCount
            }
        }
        try onRecord(record)
    }
}
