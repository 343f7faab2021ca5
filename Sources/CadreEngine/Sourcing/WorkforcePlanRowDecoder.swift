/// Checks workforce plan rows one by one, remembering the line each role level was first planned
/// on so a second row for it can say where the first is.
struct WorkforcePlanRowDecoder: RowDecoder {
    let file: String
    private let roles: IdentifierTable
    /// Per role (by `roles` index): the rungs of its ladder, ascending.
    private let rungs: [[Int]]
    private let asOf: CalendarDay
    /// `"role@rung"` → the line it was first planned on.
    private var plannedOn: [RoleLevelRef: Int] = [:]
    private(set) var rowCount = 0

    init(file: String, context: WorkforcePlanImportContext) {
        self.file = file
        let roleIDs = context.rungs.keys.sorted()
        roles = IdentifierTable(roleIDs)
        rungs = roleIDs.map { context.rungs[$0] ?? [] }
        asOf = context.asOf
    }

    mutating func decode(
        _ row: borrowing ImportRow, _ bytes: UnsafeBufferPointer<UInt8>, log: inout ImportErrorLog
    ) throws(InputError) -> WorkforcePlanRow? {
        rowCount += 1
        let fields = RowFields(file: file, schema: .workforcePlan, row: copy row, bytes: bytes)
        typealias C = WorkforcePlanColumn
        var errors: [InputError] = []
        for column in C.needingValues where fields.isEmpty(column) {
            errors.append(fields.missing(column))
        }

        var role: Int?
        if !fields.isEmpty(C.role) {
            role = fields.withIdentifier(C.role) { roles.index(of: $0) }
            if role == nil {
                errors.append(fields.error(
                    .importUnknownRole, C.role, "no role has the id \(fields.quoted(C.role))",
                    hint: RowFields.suggestion(for: fields.string(C.role), among: roles.strings,
                                               otherwise: "roles are defined in the taxonomy")))
            }
        }
        var rung: Int?
        if !fields.isEmpty(C.rung) {
            if let number = FieldScanning.integer(fields.buffer(C.rung)) {
                rung = number
                if let role, !rungs[role].contains(number) {
                    let ladder = rungs[role].map(String.init).joined(separator: ", ")
                    errors.append(fields.error(
                        .importUnknownRole, C.rung, "\(roles.strings[role]) has no rung \(number)",
                        hint: "its ladder has rungs \(ladder)"))
                    rung = nil
                }
            } else {
                errors.append(fields.error(.importBadNumber, C.rung, "\(fields.quoted(C.rung)) is not a whole number",
                                           hint: "the rung of the role's ladder: 1, 2, 3…"))
            }
        }
        let headcount = readHeadcount(fields, &errors)
        let due = readDue(fields, &errors)
        let note = fields.optionalString(C.note)
        if let note, Self.hasControlCharacter(note) {
            errors.append(fields.error(
                .importControlCharacter, C.note, "the note holds a control character (a tab, line break or similar)",
                hint: "write the note as one line of plain text"))
        }

        var planned: RoleLevelRef?
        if let role, let rung {
            let ref = RoleLevelRef(role: roles.strings[role], rung: rung)
            if let first = plannedOn[ref] {
                errors.append(fields.error(
                    .importDuplicateID, C.role, "\(ref) is already planned",
                    hint: "first planned on line \(first); a plan holds one row per role level"))
            } else {
                plannedOn[ref] = row.line
                planned = ref
            }
        }

        for error in errors { try log.record(error) }
        guard errors.isEmpty, let planned, let headcount, let due else { return nil }
        return WorkforcePlanRow(roleLevel: planned, headcount: headcount, due: due, note: note)
    }

    func finish(log: inout ImportErrorLog) throws(InputError) {}

    private func readHeadcount(_ fields: RowFields, _ errors: inout [InputError]) -> Int? {
        let column = WorkforcePlanColumn.headcount
        guard !fields.isEmpty(column) else { return nil }
        guard let number = FieldScanning.integer(fields.buffer(column)) else {
            errors.append(fields.error(.importBadNumber, column, "\(fields.quoted(column)) is not a whole number",
                                       hint: "the number of people wanted at the role level, such as 12"))
            return nil
        }
        guard (0...SourcingLimits.maximumHeadcount).contains(number) else {
            errors.append(fields.error(
                .importValueOutOfRange, column,
                number < 0 ? "the headcount \(number) is negative" : "the headcount \(number) is above \(SourcingLimits.maximumHeadcount)",
                hint: "a target headcount is a whole number from 0 to \(SourcingLimits.maximumHeadcount)"))
            return nil
        }
        return number
    }

    private func readDue(_ fields: RowFields, _ errors: inout [InputError]) -> CalendarDay? {
        let column = WorkforcePlanColumn.due
        guard !fields.isEmpty(column) else { return nil }
        guard let day = FieldScanning.day(fields.buffer(column)) else {
            errors.append(fields.error(.importBadDate, column, "\(fields.quoted(column)) is not a date",
                                       hint: "write dates as YYYY-MM-DD, e.g. 2026-06-30"))
            return nil
        }
        guard day >= asOf else {
            errors.append(fields.error(.importBadDate, column, "the due date \(day) is before the as-of date \(asOf)",
                                       hint: "a plan's seats are due on or after \(asOf)"))
            return nil
        }
        return day
    }

    /// C0 controls, DEL and C1 controls; a tab or line break in a note would break every table it
    /// is shown in.
    static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}
