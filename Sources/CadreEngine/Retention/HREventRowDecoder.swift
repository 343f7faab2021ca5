/// Checks HR-event rows one by one, remembering each accepted row (and each person's dated
/// state changes) with its line, so a repeated or contradictory row names the line it repeats.
struct HREventRowDecoder: RowDecoder {
    let file: String
    private let people: IdentifierTable
    /// Per person (by `people` index).
    private let hireDays: [CalendarDay]
    private let roles: IdentifierTable
    /// Per role (by `roles` index): its rungs, ascending.
    private let rungs: [[Int]]
    private let asOf: CalendarDay
    /// A row's full content → the line it was first seen on.
    private var seenRows: [HREvent: Int] = [:]
    /// (person, kind, day) for kinds with one value a day, or (person, departure) → first line.
    private var seenStates: [StateKey: Int] = [:]
    private(set) var rowCount = 0
    static let controlCharacter = InputError.Code.importControlCharacter

    private struct StateKey: Hashable, Sendable {
        var person: Int
        var kind: HREventKind
        /// Days since the epoch; 0 for a departure, of which a person has one.
        var day: Int64
    }

    init(file: String, context: HREventImportContext) {
        self.file = file
        let ids = context.hireDates.keys.sorted()
        people = IdentifierTable(ids)
        hireDays = ids.compactMap { context.hireDates[$0] }
        let roleIDs = context.rungs.keys.sorted()
        roles = IdentifierTable(roleIDs)
        rungs = roleIDs.map { (context.rungs[$0] ?? []).sorted() }
        asOf = context.asOf
    }

    mutating func decode(
        _ row: borrowing ImportRow, _ bytes: UnsafeBufferPointer<UInt8>, log: inout ImportErrorLog
    ) throws(InputError) -> HREvent? {
        rowCount += 1
        let fields = RowFields(file: file, schema: .hrEvents, row: copy row, bytes: bytes)
        typealias C = HREventColumn
        var errors: [InputError] = []
        var clean = Array(repeating: true, count: ImportSchema.hrEvents.count)
        for column in 0..<ImportSchema.hrEvents.count where fields.buffer(column).contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            clean[column] = false
            errors.append(fields.error(Self.controlCharacter, column, "the field holds a control character",
                                       hint: "remove tabs, line breaks and other control characters from the value"))
        }
        for column in C.needingValues where fields.isEmpty(column) { errors.append(fields.missing(column)) }

        var person: Int?
        if !fields.isEmpty(C.person), clean[C.person] {
            person = fields.withIdentifier(C.person) { people.index(of: $0) }
            if person == nil {
                errors.append(fields.error(.importUnknownPerson, C.person, "no person has the id \(fields.quoted(C.person))",
                                           hint: "import the person in a people file before their HR events"))
            }
        }
        var kind: HREventKind?
        if !fields.isEmpty(C.kind), clean[C.kind] {
            kind = HREventKind(rawValue: fields.string(C.kind).lowercased())
            if kind == nil {
                errors.append(fields.error(
                    .importUnknownEventKind, C.kind, "\(fields.quoted(C.kind)) is not an HR event kind",
                    hint: "kinds: \(HREventKind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        let date = day(fields, person: person, &errors)

        var detail: HREvent.Detail?
        if let kind {
            for column in C.allDetails where !fields.isEmpty(column) && !C.details(of: kind).contains(column) {
                errors.append(fields.error(
                    .importFieldNotForKind, column, "a \(kind.rawValue) row has no `\(ImportSchema.hrEvents.columns[column].name)`",
                    hint: "leave it empty; a \(kind.rawValue) row fills \(C.details(of: kind).map { "`\(ImportSchema.hrEvents.columns[$0].name)`" }.joined(separator: " and "))"))
            }
            for column in C.details(of: kind) where fields.isEmpty(column) {
                errors.append(fields.missing(column, hint: "a \(kind.rawValue) row needs it"))
            }
            let usable = C.details(of: kind).allSatisfy { !fields.isEmpty($0) && clean[$0] }
            if usable { detail = self.detail(kind, fields, person: person, &errors) }
        }

        guard errors.isEmpty, let person, let date, let detail else {
            for error in errors { try log.record(error) }
            return nil
        }
        let event = HREvent(person: people.strings[person], date: date, detail: detail)
        if let first = seenRows[event] {
            try log.record(InputError(
                .importDuplicateRow, file: file, line: row.line, message: "the row repeats line \(first)",
                hint: "each event appears once; remove the repeated row"))
            return nil
        }
        seenRows[event] = row.line
        if let kind, kind != .conference {
            let key = StateKey(person: person, kind: kind, day: kind == .departure ? 0 : date.daysSinceEpoch)
            if let first = seenStates[key] {
                let what = kind == .departure ? "a second departure" : "a second \(kind.rawValue) on the same day"
                try log.record(InputError(
                    .importConflictingEvent, file: file, line: row.line, field: "kind",
                    message: "\(what) for \(people.strings[person]) (the first is on line \(first))",
                    hint: kind == .departure ? "a person leaves once; keep the real departure"
                        : "keep the one that held at the end of the day"))
                return nil
            }
            seenStates[key] = row.line
        }
        return event
    }

    func finish(log: inout ImportErrorLog) throws(InputError) {}

    private func day(_ fields: RowFields, person: Int?, _ errors: inout [InputError]) -> CalendarDay? {
        let column = HREventColumn.date
        guard !fields.isEmpty(column) else { return nil }
        guard let date = FieldScanning.day(fields.buffer(column)) else {
            errors.append(fields.error(.importBadDate, column, "\(fields.quoted(column)) is not a date",
                                       hint: "write dates as YYYY-MM-DD, e.g. 2024-03-15"))
            return nil
        }
        if date > asOf {
            errors.append(fields.error(.importDateAfterAsOf, column, "\(date) is after the as-of day \(asOf)",
                                       hint: "HR events record what has happened; check the year"))
            return nil
        }
        if let person, date < hireDays[person] {
            errors.append(fields.error(.importBadDate, column, "\(date) is before \(people.strings[person]) was hired (\(hireDays[person]))",
                                       hint: "check the date, or the hire date in the people file"))
            return nil
        }
        return date
    }

    private func detail(
        _ kind: HREventKind, _ fields: RowFields, person: Int?, _ errors: inout [InputError]
    ) -> HREvent.Detail? {
        typealias C = HREventColumn
        switch kind {
        case .promotion:
            guard let role = fields.withIdentifier(C.role, { roles.index(of: $0) }) else {
                errors.append(fields.error(
                    .importUnknownRole, C.role, "no role has the id \(fields.quoted(C.role))",
                    hint: RowFields.suggestion(for: fields.string(C.role), among: roles.strings,
                                               otherwise: "roles are defined in the taxonomy")))
                return nil
            }
            guard let rung = FieldScanning.integer(fields.buffer(C.rung)) else {
                errors.append(fields.error(.importBadNumber, C.rung, "\(fields.quoted(C.rung)) is not a whole number",
                                           hint: "the rung of the role's ladder the person moves into: 1, 2, 3…"))
                return nil
            }
            guard rungs[role].contains(rung) else {
                errors.append(fields.error(
                    .importUnknownRole, C.rung, "\(roles.strings[role]) has no rung \(rung)",
                    hint: "its ladder has rungs \(rungs[role].map(String.init).joined(separator: ", "))"))
                return nil
            }
            return .promotion(role: roles.strings[role], rung: rung)
        case .departure:
            switch fields.string(C.voluntary).lowercased() {
            case "yes", "true": return .departure(voluntary: true)
            case "no", "false": return .departure(voluntary: false)
            default:
                errors.append(fields.error(.importBadFlag, C.voluntary, "\(fields.quoted(C.voluntary)) is not yes or no",
                                           hint: "voluntary is `yes` (the person chose to leave) or `no`"))
                return nil
            }
        case .managerChange:
            guard let manager = fields.withIdentifier(C.manager, { people.index(of: $0) }) else {
                errors.append(fields.error(.importUnknownPerson, C.manager, "no person has the id \(fields.quoted(C.manager))",
                                           hint: "a manager must be imported in a people file"))
                return nil
            }
            if manager == person {
                errors.append(fields.error(.importManagerCycle, C.manager, "a person cannot be their own manager",
                                           hint: "name the person they report to"))
                return nil
            }
            return .managerChange(manager: people.strings[manager])
        case .researchTime:
            guard let share = FieldScanning.number(fields.buffer(C.share)) else {
                errors.append(fields.error(.importBadNumber, C.share, "\(fields.quoted(C.share)) is not a number",
                                           hint: "the share of working time in percent, e.g. 10 or 12.5"))
                return nil
            }
            guard share >= 0, share <= 100 else {
                errors.append(fields.error(.importValueOutOfRange, C.share, "\(fields.quoted(C.share)) is outside 0–100",
                                           hint: "write the share in percent of working time"))
                return nil
            }
            return .researchTime(sharePercent: share)
        case .conference:
            guard let participation = ConferenceParticipation(rawValue: fields.string(C.participation).lowercased()) else {
                errors.append(fields.error(
                    .importBadFlag, C.participation, "\(fields.quoted(C.participation)) is not attended or funded",
                    hint: "participation is `attended` or `funded`"))
                return nil
            }
            return .conference(name: fields.string(C.conference), participation: participation)
        }
    }
}
