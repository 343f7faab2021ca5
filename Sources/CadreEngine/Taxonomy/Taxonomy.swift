/// The organisation's ML role taxonomy: skills, and roles whose ladder levels require skills at
/// levels. A `Taxonomy` is a validated value; it is only ever built by `TaxonomyParser` or
/// `NICEImport`, which check every reference and range.
public struct Taxonomy: Codable, Hashable, Sendable {
    public var skills: [Skill]
    public var roles: [Role]

    public init(skills: [Skill], roles: [Role]) {
        self.skills = skills
        self.roles = roles
    }

    public func skill(_ id: String) -> Skill? { skills.first { $0.id == id } }
    public func role(_ id: String) -> Role? { roles.first { $0.id == id } }
    public var roleLevelCount: Int { roles.reduce(0) { $0 + $1.levels.count } }
}

/// The four families a skill belongs to; they drive how gaps are grouped for an L&D lead.
public enum Discipline: String, Codable, Hashable, Sendable, CaseIterable {
    case mathStats = "math-stats"
    case softwareEngineering = "software-engineering"
    case domain
    case governance
}

public struct Skill: Codable, Hashable, Sendable, Identifiable {
    /// Stable; kebab-case by convention (`ml-model-evaluation`), NICE identifiers (`K0018`) when imported;
    /// `[A-Za-z0-9][A-Za-z0-9._-]*`. Evidence and requirements refer to it.
    public var id: String
    public var name: String
    public var discipline: Discipline
    public var description: String
    /// O*NET content-model element ids (`2.B.3.e`) this skill corresponds to, where one honestly applies.
    public var onet: [String]
    /// NICE Framework element ids (`K0018`, `S0001`, `OG-WRL-014`) this skill corresponds to.
    public var nice: [String]

    public init(
        id: String, name: String, discipline: Discipline, description: String = "",
        onet: [String] = [], nice: [String] = []
    ) {
        self.id = id
        self.name = name
        self.discipline = discipline
        self.description = description
        self.onet = onet
        self.nice = nice
    }
}

/// What a role level asks of a person: a skill at a whole level 1–5, weighted 1–5 by importance
/// (O*NET's importance scale).
public struct Requirement: Codable, Hashable, Sendable {
    public var skill: String
    public var level: Int
    public var importance: Int

    public init(skill: String, level: Int, importance: Int) {
        self.skill = skill
        self.level = level
        self.importance = importance
    }
}

/// One rung of a role's career ladder, e.g. rung 2 of `ml-engineer`, written `ml-engineer@2`.
public struct RoleLevel: Codable, Hashable, Sendable {
    /// 1-based position on the ladder; unique within the role.
    public var rung: Int
    public var title: String
    public var requirements: [Requirement]
    /// Ladder data: the months a person is expected to spend on this rung before moving up
    /// (1–240); retention measures "overdue" against it. Nil when the organisation has not said.
    public var expectedMonths: Int?
    /// Credential ids this rung recommends, in file order; checked against the credential
    /// catalogue when a run uses them, not here, so a taxonomy never depends on a catalogue.
    public var recommendedCredentials: [String]

    public init(
        rung: Int, title: String, requirements: [Requirement], expectedMonths: Int? = nil,
        recommendedCredentials: [String] = []
    ) {
        self.rung = rung
        self.title = title
        self.requirements = requirements
        self.expectedMonths = expectedMonths
        self.recommendedCredentials = recommendedCredentials
    }

    /// True when the rung carries ladder data or recommendations, which the digest then covers.
    var hasLadderExtension: Bool { expectedMonths != nil || !recommendedCredentials.isEmpty }

    private enum CodingKeys: String, CodingKey {
        case rung, title, requirements, expectedMonths, recommendedCredentials
    }

    /// Taxonomies stored before the ladder fields existed decode with none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rung = try container.decode(Int.self, forKey: .rung)
        title = try container.decode(String.self, forKey: .title)
        requirements = try container.decode([Requirement].self, forKey: .requirements)
        expectedMonths = try container.decodeIfPresent(Int.self, forKey: .expectedMonths)
        recommendedCredentials = try container.decodeIfPresent([String].self, forKey: .recommendedCredentials) ?? []
    }

    /// Absent fields are left out, so a rung without ladder data encodes as it did before.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rung, forKey: .rung)
        try container.encode(title, forKey: .title)
        try container.encode(requirements, forKey: .requirements)
        try container.encodeIfPresent(expectedMonths, forKey: .expectedMonths)
        if !recommendedCredentials.isEmpty {
            try container.encode(recommendedCredentials, forKey: .recommendedCredentials)
        }
    }
}

public struct Role: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var description: String
    public var levels: [RoleLevel]

    public init(id: String, name: String, description: String = "", levels: [RoleLevel]) {
        self.id = id
        self.name = name
        self.description = description
        self.levels = levels
    }

    public func level(_ rung: Int) -> RoleLevel? { levels.first { $0.rung == rung } }
}

/// `ROLE@RUNG`, the way operators and files name a role level (`data-scientist@3`).
public struct RoleLevelRef: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public var role: String
    public var rung: Int

    public init(role: String, rung: Int) {
        self.role = role
        self.rung = rung
    }

    /// Parses `role@rung`; a bare role (no `@`) has rung 0, meaning "every level of the role".
    public init?(parsing text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard let role = parts.first, !role.isEmpty, parts.count <= 2 else { return nil }
        if parts.count == 2 {
            guard let rung = Int(parts[1]), rung >= 1 else { return nil }
            self.init(role: String(role), rung: rung)
        } else {
            self.init(role: String(role), rung: 0)
        }
    }

    public var description: String { rung == 0 ? role : "\(role)@\(rung)" }

    public static func < (a: Self, b: Self) -> Bool { (a.role, a.rung) < (b.role, b.rung) }
}
