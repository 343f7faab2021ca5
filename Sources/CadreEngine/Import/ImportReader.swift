/// Turns the bytes of a people or evidence file — CSV or JSON, in chunks of any size — into rows in
/// schema order, so one decoder per kind serves every format.
struct ImportReader: Sendable {
    /// Called with each row; the buffer holds the bytes the row's ranges point into and is valid
    /// only during the call.
    typealias Consume = (borrowing ImportRow, UnsafeBufferPointer<UInt8>, inout ImportErrorLog) throws(InputError) -> Void

    let file: String
    let schema: ImportSchema
    let ignoresUnknownColumns: Bool
    private var format: ImportFormat
    /// Bytes seen while the format is still being detected.
    private var undecided: [UInt8] = []
    private var csv: CSVParser
    private var csvRows: CSVRowMapper
    private var json: JSONRowReader

    init(file: String, schema: ImportSchema, format: ImportFormat, ignoresUnknownColumns: Bool) {
        self.file = file
        self.schema = schema
        self.format = format
        self.ignoresUnknownColumns = ignoresUnknownColumns
        csv = CSVParser(file: file, checksFieldCount: false)
        csvRows = CSVRowMapper(file: file, schema: schema, ignoresUnknownColumns: ignoresUnknownColumns)
        json = JSONRowReader(file: file, schema: schema, ignoresUnknownColumns: ignoresUnknownColumns)
    }

    mutating func feed(
        _ bytes: UnsafeBufferPointer<UInt8>, log: inout ImportErrorLog, _ consume: Consume
    ) throws(InputError) {
        if format == .detect {
            guard let decided = Self.detect(bytes, after: undecided) else {
                undecided.append(contentsOf: bytes)
                return
            }
            format = decided
            let earlier = undecided
            undecided = []
            try earlier.withUnsafeBufferPointer { earlier throws(InputError) in try feedDecided(earlier, log: &log, consume) }
        }
        try feedDecided(bytes, log: &log, consume)
    }

    mutating func finish(log: inout ImportErrorLog, _ consume: Consume) throws(InputError) {
        if format == .detect {
            format = .csv
            let earlier = undecided
            undecided = []
            try earlier.withUnsafeBufferPointer { earlier throws(InputError) in try feedDecided(earlier, log: &log, consume) }
        }
        switch format {
        case .json: try json.finish(log: &log)
        case .csv, .detect: try Self.finishCSV(&csv, &csvRows, log: &log, consume)
        }
    }

    /// JSON when the first byte that is not blank (nor a byte order mark) opens an array or object.
    private static func detect(_ bytes: UnsafeBufferPointer<UInt8>, after earlier: [UInt8]) -> ImportFormat? {
        for byte in earlier + Array(bytes) {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF: continue
            case 0x5B, 0x7B: return .json
            default: return .csv
            }
        }
        return nil
    }

    private mutating func feedDecided(
        _ bytes: UnsafeBufferPointer<UInt8>, log: inout ImportErrorLog, _ consume: Consume
    ) throws(InputError) {
        switch format {
        case .json: try json.feed(bytes, log: &log, consume)
        case .csv, .detect: try Self.feedCSV(bytes, &csv, &csvRows, log: &log, consume)
        }
    }

    private static func feedCSV(
        _ bytes: UnsafeBufferPointer<UInt8>, _ csv: inout CSVParser, _ rows: inout CSVRowMapper,
        log: inout ImportErrorLog, _ consume: Consume
    ) throws(InputError) {
        try csv.feed(bytes) { record throws(InputError) in try rows.accept(record, log: &log, consume) }
    }

    private static func finishCSV(
        _ csv: inout CSVParser, _ rows: inout CSVRowMapper, log: inout ImportErrorLog, _ consume: Consume
    ) throws(InputError) {
        try csv.finish { record throws(InputError) in try rows.accept(record, log: &log, consume) }
        try rows.finish()
    }
}
