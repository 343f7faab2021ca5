/// Who offers a course. L&D budgets and roll-ups are split by it: an internal LMS course costs
/// little cash but staff time, a vendor course is bought per seat, an academic one is a
/// longer commitment.
public enum CourseKind: String, Codable, Hashable, Sendable, CaseIterable {
    case `internal`
    case vendor
    case academic

    /// Stable small number for the binary result encoding.
    var code: UInt8 {
        switch self {
        case .internal: 0
        case .vendor: 1
        case .academic: 2
        }
    }

    init?(code: UInt8) {
        switch code {
        case 0: self = .internal
        case 1: self = .vendor
        case 2: self = .academic
        default: return nil
        }
    }
}

/// A skill at a whole level 1–5: what a course teaches, or what it expects beforehand.
public struct SkillLevel: Codable, Hashable, Sendable, CustomStringConvertible {
    public var skill: String
    public var level: Int

    public init(skill: String, level: Int) {
        self.skill = skill
        self.level = level
    }

    public var description: String { "\(skill):\(level)" }
}

/// One course of the catalogue, as the L&D team states it. Only `CatalogueParser` (or a caller
/// that validates the same way, through `CourseCatalogue.init`) builds the catalogue, so every
/// skill it names exists and every number is in range.
public struct Course: Codable, Hashable, Sendable, Identifiable {
    /// `[A-Za-z0-9][A-Za-z0-9._-]*` (the taxonomy's id rule), so ids are ASCII and `String` order
    /// is byte order — the order every tie-break on course ids uses.
    public var id: String
    public var title: String
    public var provider: String
    public var kind: CourseKind
    /// Minor units of the configured currency; never negative.
    public var cost: Int64
    /// Hundredths of an hour (`12.5` h is 1250); never negative.
    public var hours: Int
    /// Levels the course brings a skill to; at least one; one entry per skill.
    public var teaches: [SkillLevel]
    /// Levels a learner must hold (by estimate, or from an earlier course) before starting.
    public var prerequisites: [SkillLevel]
    public var tags: [String]

    public init(
        id: String, title: String, provider: String, kind: CourseKind, cost: Int64, hours: Int,
        teaches: [SkillLevel], prerequisites: [SkillLevel] = [], tags: [String] = []
    ) {
        self.id = id
        self.title = title
        self.provider = provider
        self.kind = kind
        self.cost = cost
        self.hours = hours
        self.teaches = teaches
        self.prerequisites = prerequisites
        self.tags = tags
    }
}
