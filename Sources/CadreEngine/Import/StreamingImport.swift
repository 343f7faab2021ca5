/// What turns schema-ordered rows into records of one kind.
protocol RowDecoder: Sendable {
    associatedtype Record
    /// Nil when the row has errors, which it has put in the log.
    mutating func decode(
        _ row: borrowing ImportRow, _ bytes: UnsafeBufferPointer<UInt8>, log: inout ImportErrorLog
    ) throws(InputError) -> Record?
    /// Checks that need the whole file.
    mutating func finish(log: inout ImportErrorLog) throws(InputError)
}

/// The streaming and all-or-nothing error handling every import shares: rows are decoded as their
/// bytes arrive; errors are kept until the file ends, or until one (or too many) means reading
/// cannot go on. After a throw the import stays failed.
struct StreamingImport<Decoder: RowDecoder>: Sendable {
    let file: String
    private var reader: ImportReader
    private(set) var decoder: Decoder
    private var log: ImportErrorLog
    private var failure: InputErrors?

    init(file: String, schema: ImportSchema, decoder: Decoder, options: ImportOptions) {
        self.file = file
        reader = ImportReader(file: file, schema: schema, format: options.format,
                              ignoresUnknownColumns: options.ignoresUnknownColumns)
        self.decoder = decoder
        log = ImportErrorLog(file: file, limit: options.errorLimit)
    }

    mutating func feed<Chunk: Collection<UInt8>>(
        _ chunk: Chunk, _ onRecord: (Decoder.Record) -> Void
    ) throws(InputErrors) {
        if let failure { throw failure }
        do {
            let outcome: Result<Void, InputError>? = chunk.withContiguousStorageIfAvailable { bytes in
                do throws(InputError) {
                    return .success(try Self.feed(bytes, &reader, &decoder, &log, onRecord))
                } catch { return .failure(error) }
            }
            if let outcome { return try outcome.get() }
            let copy = Array(chunk)
            try copy.withUnsafeBufferPointer { bytes throws(InputError) in
                try Self.feed(bytes, &reader, &decoder, &log, onRecord)
            }
        } catch {
            throw fail(error)
        }
    }

    /// Ends the file and the checks that need all of it; throws every error the file had.
    mutating func finish(_ onRecord: (Decoder.Record) -> Void) throws(InputErrors) {
        if let failure { throw failure }
        do {
            try Self.finish(&reader, &decoder, &log, onRecord)
            try decoder.finish(log: &log)
        } catch {
            throw fail(error)
        }
        if !log.errors.isEmpty { throw fail(nil) }
    }

    private mutating func fail(_ fatal: InputError?) -> InputErrors {
        let report = log.report(ending: fatal)
        failure = report
        return report
    }

    private static func feed(
        _ bytes: UnsafeBufferPointer<UInt8>, _ reader: inout ImportReader, _ decoder: inout Decoder,
        _ log: inout ImportErrorLog, _ onRecord: (Decoder.Record) -> Void
    ) throws(InputError) {
        try reader.feed(bytes, log: &log) { row, bytes, log throws(InputError) in
            if let record = try decoder.decode(row, bytes, log: &log) { onRecord(record) }
        }
    }

    private static func finish(
        _ reader: inout ImportReader, _ decoder: inout Decoder, _ log: inout ImportErrorLog,
        _ onRecord: (Decoder.Record) -> Void
    ) throws(InputError) {
        try reader.finish(log: &log) { row, bytes, log throws(InputError) in
            if let record = try decoder.decode(row, bytes, log: &log) { onRecord(record) }
        }
    }
}
