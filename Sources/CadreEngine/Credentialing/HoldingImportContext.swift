/// What a holdings file is checked against: the people the store holds, the catalogue, and the
/// day of the import (a holding cannot have been earned after it).
public struct HoldingImportContext: Sendable {
    public var people: [String]
    public var catalogue: CredentialCatalogue
    /// The import's as-of day, normally today (UTC).
    public var asOf: CalendarDay

    public init(people: [String], catalogue: CredentialCatalogue, asOf: CalendarDay) {
        self.people = people
        self.catalogue = catalogue
        self.asOf = asOf
    }
}

extension ImportSchema {
    static let credentialHoldings = ImportSchema(kind: "credential holdings", columns: [
        Column(name: "person", isRequired: true),
        Column(name: "credential", isRequired: true),
        Column(name: "earned_on", isRequired: true),
        Column(name: "expires_on", isRequired: false),
        Column(name: "reference", isRequired: false),
    ])
}

/// Holdings file columns, in schema order.
enum HoldingColumn {
    static let person = 0, credential = 1, earnedOn = 2, expiresOn = 3, reference = 4
    static let needingValues = [person, credential, earnedOn]
}

/// Reads a credential holdings file (CSV or JSON, docs/CREDENTIALS.md) chunk by chunk and checks
/// every row against the people, the catalogue and the as-of day.
///
/// Holdings are handed over as their rows are read; the file is accepted only if `finish`
/// returns. Any error means nothing from the file may be stored.
public struct CredentialHoldingImport: Sendable {
    private var base: StreamingImport<HoldingRowDecoder>

    public init(file: String, context: HoldingImportContext, options: ImportOptions = ImportOptions()) {
        base = StreamingImport(file: file, schema: .credentialHoldings,
                               decoder: HoldingRowDecoder(file: file, context: context), options: options)
    }

    public var file: String { base.file }
    /// Rows read so far, with or without errors.
    public var rowCount: Int { base.decoder.rowCount }

    public mutating func feed<Chunk: Collection<UInt8>>(
        _ chunk: Chunk, _ onHolding: (CredentialHolding) -> Void
    ) throws(InputErrors) {
        try base.feed(chunk, onHolding)
    }

    public mutating func finish(_ onHolding: (CredentialHolding) -> Void) throws(InputErrors) {
        try base.finish(onHolding)
    }

    /// A whole file in memory, all or nothing: the holdings, or every error.
    public static func holdings(
        in bytes: some Collection<UInt8>, file: String, context: HoldingImportContext,
        options: ImportOptions = ImportOptions()
    ) throws(InputErrors) -> [CredentialHolding] {
        var importer = CredentialHoldingImport(file: file, context: context, options: options)
        var holdings: [CredentialHolding] = []
        try importer.feed(bytes) { holdings.append($0) }
        try importer.finish { holdings.append($0) }
        return holdings
    }
}
