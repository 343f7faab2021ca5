/// What sourcing needs to know of one person's learning plan toward one role level. The training
/// phase computes plans; sourcing only asks for them (through `SourcingPlanner.plan`'s closure), so
/// the two engines meet in this one value.
public struct UpskillPlan: Hashable, Sendable, Codable {
    /// Minor units of the configured currency.
    public var cost: Int64
    /// Hundredths of an hour, so sums are exact.
    public var hours: Int
    /// The day the plan's last course ends (D + 7·weeks).
    public var readyBy: CalendarDay
    /// Some target no course can close: the plan cannot make the person meet the role level.
    public var hasUncoverable: Bool

    public init(cost: Int64, hours: Int, readyBy: CalendarDay, hasUncoverable: Bool) {
        self.cost = cost
        self.hours = hours
        self.readyBy = readyBy
        self.hasUncoverable = hasUncoverable
    }

    /// The plan makes its person meet the role level by `due`.
    func qualifies(by due: CalendarDay) -> Bool { !hasUncoverable && readyBy <= due }
}

/// The sourcing knobs a run pins.
public struct SourcingPolicy: Hashable, Sendable, Codable {
    /// τ: a person meets a role level when every `max(0, L − e) ≤ τ`.
    public var meetsTolerance: Double
    /// The least readiness for a role level at which a person is considered for a transfer into it.
    public var transferReadiness: Double

    public init(meetsTolerance: Double = 0.25, transferReadiness: Double = 0.80) {
        self.meetsTolerance = meetsTolerance
        self.transferReadiness = transferReadiness
    }

    public static let standard = SourcingPolicy()
}

/// Everything the sourcing phase reads besides the learning plans.
public struct SourcingInput: Sendable {
    public var taxonomy: CompiledTaxonomy
    /// Every person's skill estimates at T, people numbered as in `personIDs`.
    public var estimates: SkillEstimates
    /// External ids; compared as UTF-8 bytes where a rule breaks ties by person id.
    public var personIDs: [String]
    /// Each person's own role level, as an index into `taxonomy.roleLevels`.
    public var personRoleLevel: [Int32]
    /// D, the run's as-of date.
    public var asOf: CalendarDay
    public var workforcePlan: [WorkforcePlanRow]
    public var channels: [Channel]
    public var policy: SourcingPolicy

    public init(
        taxonomy: CompiledTaxonomy, estimates: SkillEstimates, personIDs: [String], personRoleLevel: [Int32],
        asOf: CalendarDay, workforcePlan: [WorkforcePlanRow], channels: [Channel], policy: SourcingPolicy = .standard
    ) {
        self.taxonomy = taxonomy
        self.estimates = estimates
        self.personIDs = personIDs
        self.personRoleLevel = personRoleLevel
        self.asOf = asOf
        self.workforcePlan = workforcePlan
        self.channels = channels
        self.policy = policy
    }
}
