/// Reads a people file (docs/IMPORT.md) chunk by chunk and checks every row: ids unique within the
/// file, roles and rungs on the taxonomy's ladders, dates real, managers known. A manager may be
/// named before their own row; such references are settled when the file ends.
///
/// People are handed over as their rows are read; the file is accepted only if `finish` returns.
/// Any error — thrown from `feed` when reading cannot go on, or from `finish` — means nothing
/// from the file may be stored. After a throw, every later call throws the same errors.
public struct PeopleImport: Sendable {
    private var base: StreamingImport<PeopleRowDecoder>

    public init(file: String, context: PeopleImportContext, options: ImportOptions = ImportOptions()) {
        base = StreamingImport(file: file, schema: .people,
                               decoder: PeopleRowDecoder(file: file, context: context), options: options)
    }

    public var file: String { base.file }
    /// Rows read so far, with or without errors.
    public var rowCount: Int { base.decoder.rowCount }

    public mutating func feed<Chunk: Collection<UInt8>>(
        _ chunk: Chunk, _ onPerson: (ImportedPerson) -> Void
    ) throws(InputErrors) {
        try base.feed(chunk, onPerson)
    }

    /// Ends the file: a last row without a line break, managers named before their own row, and
    /// management cycles. Throws every error the file had.
    public mutating func finish(_ onPerson: (ImportedPerson) -> Void) throws(InputErrors) {
        try base.finish(onPerson)
    }
}

/// Reads an evidence file (docs/IMPORT.md) chunk by chunk and checks every row against the
/// skills, scales, source kinds and people the daemon knows.
///
/// Evidence is handed over as its rows are read; the file is accepted only if `finish` returns.
/// Any error means nothing from the file may be stored.
public struct EvidenceImport: Sendable {
    private var base: StreamingImport<EvidenceRowDecoder>

    public init(file: String, context: EvidenceImportContext, options: ImportOptions = ImportOptions()) {
        base = StreamingImport(file: file, schema: .evidence,
                               decoder: EvidenceRowDecoder(file: file, context: context), options: options)
    }

    public var file: String { base.file }
    /// Rows read so far, with or without errors.
    public var rowCount: Int { base.decoder.rowCount }

    public mutating func feed<Chunk: Collection<UInt8>>(
        _ chunk: Chunk, _ onEvidence: (ImportedEvidence) -> Void
    ) throws(InputErrors) {
        try base.feed(chunk, onEvidence)
    }

    public mutating func finish(_ onEvidence: (ImportedEvidence) -> Void) throws(InputErrors) {
        try base.finish(onEvidence)
    }
}
