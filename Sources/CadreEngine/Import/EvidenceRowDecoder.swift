/// Checks evidence rows one by one. Every id is found by its bytes in a table built once from the
/// context, and the record carries the table's own string, so a row allocates only for an
/// assessor or reference it actually has.
struct EvidenceRowDecoder: RowDecoder {
    let file: String
    private let skills: IdentifierTable
    private let people: IdentifierTable
    private let scales: IdentifierTable
    /// Per scale (by `scales` index).
    private let ranges: [ClosedRange<Double>]
    private let sources: IdentifierTable
    private(set) var rowCount = 0

    init(file: String, context: EvidenceImportContext) {
        self.file = file
        skills = IdentifierTable(context.skills)
        people = IdentifierTable(context.people)
        var scales = IdentifierTable()
        var ranges: [ClosedRange<Double>] = []
        for scale in context.scales where scale.problem == nil && scales.insert(scale.name).inserted {
            ranges.append(scale.min...scale.max)
        }
        self.scales = scales
        self.ranges = ranges
        sources = IdentifierTable(context.sourceKinds)
    }

    mutating func decode(
        _ row: borrowing ImportRow, _ bytes: UnsafeBufferPointer<UInt8>, log: inout ImportErrorLog
    ) throws(InputError) -> ImportedEvidence? {
        rowCount += 1
        var fields = RowFields(file: file, schema: .evidence, row: copy row, bytes: bytes)
        typealias C = EvidenceColumn
        var errors = fields.screenControlCharacters(tabAllowed: EvidenceColumn.freeText)
        for column in EvidenceColumn.needingValues where fields.isMissing(column) {
            errors.append(fields.missing(column))
        }

        let person = lookup(fields, C.person, in: people, &errors) { fields in
            fields.error(.importUnknownPerson, C.person, "no person has the id \(fields.quoted(C.person))",
                         hint: "import the person in a people file before their evidence")
        }
        let skill = lookup(fields, C.skill, in: skills, &errors) { fields in
            fields.error(.importUnknownSkill, C.skill, "no skill has the id \(fields.quoted(C.skill))",
                         hint: RowFields.suggestion(for: fields.string(C.skill), among: skills.strings,
                                                    otherwise: "skills are defined in the taxonomy"))
        }
        let scale = lookup(fields, C.scale, in: scales, &errors) { fields in
            fields.error(.importUnknownScale, C.scale, "no scale is named \(fields.quoted(C.scale))",
                         hint: "known scales: \(scales.strings.joined(separator: ", ")); more can be configured")
        }
        let source = lookup(fields, C.source, in: sources, &errors) { fields in
            fields.error(.importUnknownSource, C.source, "\(fields.quoted(C.source)) is not a source kind",
                         hint: "source kinds: \(sources.strings.joined(separator: ", "))")
        }

        var value = Double.nan
        if !fields.isEmpty(C.value) {
            if let number = FieldScanning.number(fields.buffer(C.value)) {
                value = number
                if let scale, !ranges[scale].contains(number) {
                    let range = ranges[scale]
                    errors.append(fields.error(
                        .importValueOutOfRange, C.value,
                        "\(fields.quoted(C.value)) is outside the \(scales.strings[scale]) scale (\(Self.format(range.lowerBound))–\(Self.format(range.upperBound)))",
                        hint: "check the value, or whether the row names the right scale"))
                }
            } else {
                errors.append(fields.error(.importBadNumber, C.value, "\(fields.quoted(C.value)) is not a number",
                                           hint: "write a plain decimal number such as 3, 72.5 or 4.25"))
            }
        }
        let observedAt = instant(fields, C.observedAt, &errors)
        let validUntil = instant(fields, C.validUntil, &errors)
        if let observedAt, let validUntil, validUntil < observedAt {
            errors.append(fields.error(.importBadDate, C.validUntil, "the evidence expires before it was observed",
                                       hint: "valid_until must not be earlier than observed_at"))
        }

        for error in errors { try log.record(error) }
        guard errors.isEmpty, let person, let skill, let scale, let source, let observedAt else { return nil }
        return ImportedEvidence(
            person: people.strings[person], skill: skills.strings[skill], value: value,
            scale: scales.strings[scale], source: sources.strings[source], observedAt: observedAt,
            validUntil: validUntil, assessor: fields.optionalString(C.assessor),
            reference: fields.optionalString(C.reference))
    }

    func finish(log: inout ImportErrorLog) throws(InputError) {}

    private func lookup(
        _ fields: RowFields, _ column: Int, in table: IdentifierTable, _ errors: inout [InputError],
        unknown: (RowFields) -> InputError
    ) -> Int? {
        guard !fields.isEmpty(column) else { return nil }
        if let index = fields.withIdentifier(column, { table.index(of: $0) }) { return index }
        errors.append(unknown(fields))
        return nil
    }

    private func instant(_ fields: RowFields, _ column: Int, _ errors: inout [InputError]) -> Int64? {
        guard !fields.isEmpty(column) else { return nil }
        if let seconds = FieldScanning.instant(fields.buffer(column)) { return seconds }
        errors.append(fields.error(
            .importBadDate, column, "\(fields.quoted(column)) is not a date or timestamp",
            hint: "write YYYY-MM-DD or an RFC 3339 timestamp such as 2024-05-01T09:30:00Z"))
        return nil
    }

    /// `100` rather than `100.0` in messages.
    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
