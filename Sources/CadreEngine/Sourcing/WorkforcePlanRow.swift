/// One row of a workforce plan: how many people the organisation wants at a role level, by when.
/// A plan holds at most one row per role level.
public struct WorkforcePlanRow: Hashable, Sendable, Codable {
    public var roleLevel: RoleLevelRef
    /// Target headcount H at `roleLevel` (≥ 0).
    public var headcount: Int
    /// The due date d: seats filled later than this are late.
    public var due: CalendarDay
    /// Free text for the reader of the plan (why the seats are wanted); never interpreted.
    public var note: String?

    public init(roleLevel: RoleLevelRef, headcount: Int, due: CalendarDay, note: String? = nil) {
        self.roleLevel = roleLevel
        self.headcount = headcount
        self.due = due
        self.note = note
    }
}

/// What a workforce plan file is checked against: the taxonomy's role levels and the import's
/// as-of date (a due date before it is already missed).
public struct WorkforcePlanImportContext: Sendable {
    /// Role id → the rungs of its ladder, ascending.
    public var rungs: [String: [Int]]
    public var asOf: CalendarDay

    public init(rungs: [String: [Int]], asOf: CalendarDay) {
        self.rungs = rungs.mapValues { $0.sorted() }
        self.asOf = asOf
    }

    public init(taxonomy: CompiledTaxonomy, asOf: CalendarDay) {
        var rungs: [String: [Int]] = [:]
        for ref in taxonomy.roleLevels { rungs[ref.role, default: []].append(ref.rung) }
        self.init(rungs: rungs, asOf: asOf)
    }
}
