/// Checks people rows one by one and remembers just enough of the file — each id, the line it is
/// on and its manager — to catch duplicates, unknown managers and management cycles.
struct PeopleRowDecoder: RowDecoder {
    private static let outsideFile: Int32 = -2
    private static let noManager: Int32 = -1

    let file: String
    private let roles: IdentifierTable
    /// Per role (by `roles` index): the rungs of its ladder, ascending.
    private let rungs: [[Int]]
    private let existing: IdentifierTable
    /// The people of this file, in row order.
    private var people = IdentifierTable()
    private var lines: [Int] = []
    /// Per person of this file: their manager's index in `people`, or `noManager`/`outsideFile`.
    private var managers: [Int32] = []
    /// Managers not (yet) seen in the file when their report's row was read.
    private var unsettled: [(manager: String, person: Int, line: Int, column: Int)] = []
    private(set) var rowCount = 0

    init(file: String, context: PeopleImportContext) {
        self.file = file
        let roleIDs = context.rungs.keys.sorted()
        roles = IdentifierTable(roleIDs)
        rungs = roleIDs.map { (context.rungs[$0] ?? []).sorted() }
        existing = IdentifierTable(context.existingPeople)
    }

    mutating func decode(
        _ row: borrowing ImportRow, _ bytes: UnsafeBufferPointer<UInt8>, log: inout ImportErrorLog
    ) throws(InputError) -> ImportedPerson? {
        rowCount += 1
        var fields = RowFields(file: file, schema: .people, row: copy row, bytes: bytes)
        typealias C = PeopleColumn
        var errors = fields.screenControlCharacters(tabAllowed: PeopleColumn.freeText)
        for column in PeopleColumn.needingValues where fields.isMissing(column) {
            errors.append(fields.missing(column))
        }

        var roleIndex: Int?
        if !fields.isEmpty(C.role) {
            roleIndex = roles.index(of: fields.buffer(C.role))
            if roleIndex == nil {
                errors.append(fields.error(
                    .importUnknownRole, C.role, "no role has the id \(fields.quoted(C.role))",
                    hint: RowFields.suggestion(for: fields.string(C.role), among: roles.strings,
                                               otherwise: "roles are defined in the taxonomy")))
            }
        }
        var rung = 0
        if !fields.isEmpty(C.level) {
            if let number = FieldScanning.integer(fields.buffer(C.level)) {
                rung = number
                if let roleIndex, !rungs[roleIndex].contains(number) {
                    let ladder = rungs[roleIndex].map(String.init).joined(separator: ", ")
                    errors.append(fields.error(
                        .importUnknownRole, C.level, "\(roles.strings[roleIndex]) has no rung \(number)",
                        hint: "its ladder has rungs \(ladder)"))
                }
            } else {
                errors.append(fields.error(.importBadNumber, C.level, "\(fields.quoted(C.level)) is not a whole number",
                                           hint: "the level is the rung of the role's ladder: 1, 2, 3…"))
            }
        }
        var hireDate: CalendarDay?
        if !fields.isEmpty(C.hireDate) {
            hireDate = FieldScanning.day(fields.buffer(C.hireDate))
            if hireDate == nil {
                errors.append(fields.error(.importBadDate, C.hireDate, "\(fields.quoted(C.hireDate)) is not a date",
                                           hint: "write dates as YYYY-MM-DD, e.g. 2021-03-15"))
            }
        }

        var index: Int?
        if !fields.isEmpty(C.externalID) {
            let (found, inserted) = fields.withIdentifier(C.externalID) { people.insert($0) }
            if inserted {
                index = found
                lines.append(fields.line)
                managers.append(Self.noManager)
            } else {
                errors.append(fields.error(
                    .importDuplicateID, C.externalID, "the id \(fields.quoted(C.externalID)) is already used",
                    hint: "first used on line \(lines[found]); each person appears once in a people file"))
            }
        }
        var manager: String?
        if !fields.isEmpty(C.manager) {
            if let index, let known = fields.withIdentifier(C.manager, { people.index(of: $0) }) {
                manager = people.strings[known]
                if known == index {
                    errors.append(fields.error(.importManagerCycle, C.manager, "a person cannot be their own manager",
                                               hint: "leave the manager empty at the top of the organisation"))
                } else {
                    managers[index] = Int32(known)
                }
            } else {
                let name = fields.identifier(C.manager)
                manager = name
                if let index { unsettled.append((name, index, fields.line, fields.row.columnNumbers[C.manager])) }
            }
        }

        for error in errors { try log.record(error) }
        guard errors.isEmpty, let index, let roleIndex, let hireDate else { return nil }
        return ImportedPerson(
            externalID: people.strings[index], name: fields.string(C.name), team: fields.identifier(C.team),
            manager: manager, role: roles.strings[roleIndex], rung: rung, hireDate: hireDate,
            location: fields.optionalString(C.location))
    }

    /// Resolves managers named ahead of their own row, then looks for management cycles among the
    /// file's people (cycles through people outside the file cannot be seen here).
    mutating func finish(log: inout ImportErrorLog) throws(InputError) {
        for reference in unsettled {
            if let known = people.index(of: reference.manager) {
                managers[reference.person] = Int32(known)
            } else if existing.contains(reference.manager) {
                managers[reference.person] = Self.outsideFile
            } else {
                try log.record(InputError(
                    .importUnknownPerson, file: file, line: reference.line, column: reference.column, field: "manager",
                    message: "no person has the id `\(reference.manager)`",
                    hint: "a manager must be in this file or already imported"))
            }
        }
        unsettled = []
        try reportCycles(log: &log)
    }

    private func reportCycles(log: inout ImportErrorLog) throws(InputError) {
        // 0: not visited; otherwise the walk (1-based) that first reached the person.
        var visitedBy = Array(repeating: 0, count: managers.count)
        for start in managers.indices where visitedBy[start] == 0 {
            let walk = start + 1
            var current = start
            var path: [Int] = []
            while current >= 0, visitedBy[current] == 0 {
                visitedBy[current] = walk
                path.append(current)
                current = Int(managers[current])
            }
            guard current >= 0, visitedBy[current] == walk, let cycleStart = path.firstIndex(of: current) else { continue }
            let cycle = path[cycleStart...]
            guard let first = cycle.min(by: { lines[$0] < lines[$1] }) else { continue }
            let names = cycle.prefix(6).map { people.strings[$0] }.joined(separator: " → ")
            try log.record(InputError(
                .importManagerCycle, file: file, line: lines[first], field: "manager",
                message: "managers form a loop: \(names)\(cycle.count > 6 ? " → …" : "") → \(people.strings[cycle[cycleStart]])",
                hint: "someone in the loop must report outside it, or to no one"))
        }
    }
}
