/// What a people file is checked against: the taxonomy's role ladders and the people the store
/// already holds (a manager may be someone imported earlier).
public struct PeopleImportContext: Sendable {
    /// Role id → the rungs of its ladder.
    public var rungs: [String: Set<Int>]
    public var existingPeople: [String]

    public init(rungs: [String: Set<Int>], existingPeople: [String] = []) {
        self.rungs = rungs
        self.existingPeople = existingPeople
    }

    public init(taxonomy: Taxonomy, existingPeople: [String] = []) {
        var rungs: [String: Set<Int>] = [:]
        for role in taxonomy.roles { rungs[role.id] = Set(role.levels.map(\.rung)) }
        self.init(rungs: rungs, existingPeople: existingPeople)
    }
}

/// What an evidence file is checked against: the taxonomy's skills, the configured scales and
/// source kinds, and the people the store holds (evidence never introduces a person).
public struct EvidenceImportContext: Sendable {
    public var skills: [String]
    public var scales: [Scale]
    public var sourceKinds: [String]
    public var people: [String]

    public init(
        skills: [String], people: [String], scales: [Scale] = Scale.builtIn,
        sourceKinds: [String] = SourceKind.allCases.map(\.rawValue)
    ) {
        self.skills = skills
        self.scales = scales
        self.sourceKinds = sourceKinds
        self.people = people
    }

    public init(
        taxonomy: Taxonomy, people: [String], scales: [Scale] = Scale.builtIn,
        sourceKinds: [String] = SourceKind.allCases.map(\.rawValue)
    ) {
        self.init(skills: taxonomy.skills.map(\.id), people: people, scales: scales, sourceKinds: sourceKinds)
    }
}

/// How an import reads its file, whatever it contains.
public struct ImportOptions: Sendable, Hashable, Codable {
    public var format: ImportFormat
    /// Skip columns (JSON keys) the format does not define instead of rejecting the file — for
    /// HRIS exports that carry more than Cadre needs. Off by default, because a misspelt optional
    /// column (`loaction`) would otherwise be dropped without a word.
    public var ignoresUnknownColumns: Bool
    /// Reading stops after this many row errors.
    public var errorLimit: Int

    public init(format: ImportFormat = .detect, ignoresUnknownColumns: Bool = false, errorLimit: Int = 100) {
        self.format = format
        self.ignoresUnknownColumns = ignoresUnknownColumns
        self.errorLimit = errorLimit
    }
}
