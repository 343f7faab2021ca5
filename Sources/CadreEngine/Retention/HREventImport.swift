/// What an HR-events file is checked against: the people the store holds (with their hire dates,
/// since no event may precede a hire), the taxonomy's ladders, and the as-of day after which no
/// event may be dated.
public struct HREventImportContext: Sendable {
    /// External id → hire date.
    public var hireDates: [String: CalendarDay]
    /// Role id → the rungs of its ladder.
    public var rungs: [String: Set<Int>]
    /// Events dated after this day are refused (an HR system does not know the future; a date
    /// there is a typo).
    public var asOf: CalendarDay

    public init(hireDates: [String: CalendarDay], rungs: [String: Set<Int>], asOf: CalendarDay) {
        self.hireDates = hireDates
        self.rungs = rungs
        self.asOf = asOf
    }

    public init(taxonomy: Taxonomy, people: [ImportedPerson], asOf: CalendarDay) {
        var hireDates: [String: CalendarDay] = [:]
        for person in people { hireDates[person.externalID] = person.hireDate }
        self.init(hireDates: hireDates, rungs: PeopleImportContext(taxonomy: taxonomy).rungs, asOf: asOf)
    }
}

/// Reads an HR-events file (docs/RETENTION.md) chunk by chunk — CSV, a JSON array or JSON Lines —
/// and checks every row: known people, kinds, role levels and managers; dates real, not before
/// the hire and not after the as-of day; shares within 0–100; no duplicate or contradictory rows.
///
/// Events are handed over as their rows are read; the file is accepted only if `finish` returns.
/// Any error means nothing from the file may be stored.
public struct HREventImport: Sendable {
    private var base: StreamingImport<HREventRowDecoder>

    public init(file: String, context: HREventImportContext, options: ImportOptions = ImportOptions()) {
        base = StreamingImport(file: file, schema: .hrEvents,
                               decoder: HREventRowDecoder(file: file, context: context), options: options)
    }

    public var file: String { base.file }
    /// Rows read so far, with or without errors.
    public var rowCount: Int { base.decoder.rowCount }

    public mutating func feed<Chunk: Collection<UInt8>>(
        _ chunk: Chunk, _ onEvent: (HREvent) -> Void
    ) throws(InputErrors) {
        try base.feed(chunk, onEvent)
    }

    public mutating func finish(_ onEvent: (HREvent) -> Void) throws(InputErrors) {
        try base.finish(onEvent)
    }
}
