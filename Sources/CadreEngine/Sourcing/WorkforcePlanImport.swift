extension ImportSchema {
    static let workforcePlan = ImportSchema(kind: "workforce plan", columns: [
        Column(name: "role", isRequired: true),
        Column(name: "rung", isRequired: true),
        Column(name: "headcount", isRequired: true),
        Column(name: "due", isRequired: true),
        Column(name: "note", isRequired: false),
    ])
}

/// Workforce plan file columns, in schema order.
enum WorkforcePlanColumn {
    static let role = 0, rung = 1, headcount = 2, due = 3, note = 4
    static let needingValues = [role, rung, headcount, due]
}

/// Reads a workforce plan file (docs/SOURCING.md) — CSV or JSON, in chunks of any size — through
/// the same readers as people and evidence files, and checks every row: the role level is on the
/// taxonomy's ladders and planned once, the headcount is a whole number ≥ 0, the due date is a
/// real date not before the as-of date, the note is one line of text.
///
/// The plan is all or nothing: rows are handed over as they are read, but the file is accepted
/// only if `finish` returns. After a throw, every later call throws the same errors.
public struct WorkforcePlanImport: Sendable {
    private var base: StreamingImport<WorkforcePlanRowDecoder>

    public init(file: String, context: WorkforcePlanImportContext, options: ImportOptions = ImportOptions()) {
        base = StreamingImport(file: file, schema: .workforcePlan,
                               decoder: WorkforcePlanRowDecoder(file: file, context: context), options: options)
    }

    public var file: String { base.file }
    /// Rows read so far, with or without errors.
    public var rowCount: Int { base.decoder.rowCount }

    public mutating func feed<Chunk: Collection<UInt8>>(
        _ chunk: Chunk, _ onRow: (WorkforcePlanRow) -> Void
    ) throws(InputErrors) {
        try base.feed(chunk, onRow)
    }

    public mutating func finish(_ onRow: (WorkforcePlanRow) -> Void) throws(InputErrors) {
        try base.finish(onRow)
    }

    /// A whole file already in memory.
    public static func read<Bytes: Collection<UInt8>>(
        _ bytes: Bytes, file: String, context: WorkforcePlanImportContext, options: ImportOptions = ImportOptions()
    ) throws(InputErrors) -> [WorkforcePlanRow] {
        var plan = WorkforcePlanImport(file: file, context: context, options: options)
        var rows: [WorkforcePlanRow] = []
        try plan.feed(bytes) { rows.append($0) }
        try plan.finish { rows.append($0) }
        return rows
    }
}
