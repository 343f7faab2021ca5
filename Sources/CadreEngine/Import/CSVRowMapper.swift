/// Reads a CSV file's header once — names in any case and any order — and from then on maps each
/// record's fields onto the schema's columns.
struct CSVRowMapper: Sendable {
    let file: String
    let schema: ImportSchema
    let ignoresUnknownColumns: Bool
    /// Per file column: the schema column it feeds, or nil for an ignored column.
    private var mapping: [Int?]?
    private var row: ImportRow

    init(file: String, schema: ImportSchema, ignoresUnknownColumns: Bool) {
        self.file = file
        self.schema = schema
        self.ignoresUnknownColumns = ignoresUnknownColumns
        row = ImportRow(columnCount: schema.count)
    }

    mutating func accept(
        _ record: borrowing CSVRecord, log: inout ImportErrorLog, _ consume: ImportReader.Consume
    ) throws(InputError) {
        guard let mapping else {
            return try readHeader(record, log: &log)
        }
        if let error = record.fieldCountError(expected: mapping.count, file: file) {
            return try log.record(error)
        }
        row.line = record.line
        try record.withBytes { bytes throws(InputError) in
            for fileColumn in mapping.indices {
                guard let column = mapping[fileColumn] else { continue }
                row.ranges[column] = FieldScanning.trimmed(bytes, record.range(ofField: fileColumn))
            }
            try consume(row, bytes, &log)
        }
    }

    /// A file with no header at all cannot be mapped.
    func finish() throws(InputError) {
        guard mapping == nil else { return }
        throw InputError(
            .importMissingColumn, file: file, line: 1,
            message: "the file has no header row",
            hint: "the first line must name the columns: \(schema.columns.map(\.name).joined(separator: ","))")
    }

    /// Reports every header problem at once; any of them ends the import, since no row could be
    /// read right.
    private mutating func readHeader(_ record: borrowing CSVRecord, log: inout ImportErrorLog) throws(InputError) {
        var mapping: [Int?] = []
        var problems: [InputError] = []
        var seenAt = Array(repeating: 0, count: schema.count)
        var scratch: [UInt8] = []
        for fileColumn in 0..<record.fieldCount {
            // Quoted back in messages, so never with a control character acting on the reader's terminal.
            let name = ControlCharacters.escaped(record.string(fileColumn))
            let column = record.withBytes { bytes in
                schema.column(named: UnsafeBufferPointer(rebasing: bytes[record.range(ofField: fileColumn)]), scratch: &scratch)
            }
            guard let column else {
                mapping.append(nil)
                // A header is a handful of names; past a hundred problems it is not a header at all.
                if !ignoresUnknownColumns, problems.count < 100 {
                    problems.append(InputError(
                        .importUnknownColumn, file: file, line: record.line, column: fileColumn + 1, field: name,
                        message: "`\(name)` is not a \(schema.kind) column (columns: \(schema.columns.map(\.name).joined(separator: ", ")))",
                        hint: "rename or remove the column, or import with unknown columns ignored"))
                }
                continue
            }
            if seenAt[column] > 0 {
                problems.append(InputError(
                    .importDuplicateColumn, file: file, line: record.line, column: fileColumn + 1, field: name,
                    message: "the column `\(schema.columns[column].name)` appears twice",
                    hint: "it is also column \(seenAt[column]); remove one"))
                mapping.append(nil)
                continue
            }
            seenAt[column] = fileColumn + 1
            row.columnNumbers[column] = fileColumn + 1
            mapping.append(column)
        }
        for (column, definition) in schema.columns.enumerated() where definition.isRequired && seenAt[column] == 0 {
            problems.append(InputError(
                .importMissingColumn, file: file, line: record.line, field: definition.name,
                message: "the header has no `\(definition.name)` column",
                hint: "add it; the \(schema.kind) columns are \(schema.columns.map(\.name).joined(separator: ","))"))
        }
        if let last = problems.popLast() {
            for problem in problems { try log.record(problem) }
            throw last
        }
        self.mapping = mapping
    }
}
