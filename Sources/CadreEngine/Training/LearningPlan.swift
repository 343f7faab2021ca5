/// One person's least-cost way to a role level by training (DESIGN.md, "Training semantics").
public struct LearningPlan: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable {
        /// Proven least by the objective (cost, hours, count, ids).
        case optimal
        /// The search budget ran out: the best plan found, with `lowerBound ≤` the optimum's cost.
        case bounded
    }

    /// One course in the order it is taken.
    public struct Step: Hashable, Sendable, Codable {
        public var course: String
        public var kind: CourseKind
        public var cost: Int64
        /// Hundredths of an hour.
        public var hours: Int
        /// The targets' skill ids the course teaches at or above their required level.
        public var closes: [String]
        /// True when the course closes no target: it is there because a later course needs it.
        public var isPrerequisiteOnly: Bool { closes.isEmpty }

        public init(course: String, kind: CourseKind, cost: Int64, hours: Int, closes: [String]) {
            self.course = course
            self.kind = kind
            self.cost = cost
            self.hours = hours
            self.closes = closes
        }
    }

    /// A target no chain of catalogue courses can close: listed, never dropped.
    public struct UncoverableTarget: Hashable, Sendable, Codable {
        public var skill: String
        public var requiredLevel: Int
        /// The person's estimate `e_s` (0 when unassessed).
        public var estimate: Double

        public init(skill: String, requiredLevel: Int, estimate: Double) {
            self.skill = skill
            self.requiredLevel = requiredLevel
            self.estimate = estimate
        }
    }

    public var roleLevel: RoleLevelRef
    public var steps: [Step]
    /// Minor units.
    public var cost: Int64
    /// Hundredths of an hour, summed exactly.
    public var hours: Int
    /// `ceil(hours / weeklyLearningHours)`.
    public var weeks: Int
    /// `D + 7·weeks`.
    public var readyBy: CalendarDay
    public var uncoverable: [UncoverableTarget]
    public var status: Status
    /// A lower bound on the optimal cost; equal to `cost` when `status == .optimal`.
    public var lowerBound: Int64

    /// The person needs no course: every requirement is met or uncoverable.
    public var isEmpty: Bool { steps.isEmpty }
}

/// What the planner needs to know about the run, besides the people.
public struct PlanningSettings: Hashable, Sendable, Codable {
    /// `τ`, the meets tolerance (DESIGN.md: 0.25).
    public var tolerance: Double
    /// The run's as-of date D; courses completed on or before it are not offered again.
    public var asOf: CalendarDay
    /// Hundredths of an hour a learner gives to courses per week (default 4 h = 400).
    public var weeklyLearningHours: Int
    /// Search nodes per distinct problem before the best plan found is returned as `bounded`.
    public var searchBudget: Int

    public static let defaultWeeklyLearningHours = 400
    public static let defaultSearchBudget = 200_000

    public init(
        tolerance: Double = 0.25, asOf: CalendarDay,
        weeklyLearningHours: Int = defaultWeeklyLearningHours, searchBudget: Int = defaultSearchBudget
    ) {
        self.tolerance = tolerance
        self.asOf = asOf
        self.weeklyLearningHours = weeklyLearningHours
        self.searchBudget = searchBudget
    }

    /// `ceil(hours / weeklyLearningHours)` on integers; a non-positive weekly allowance is read as
    /// the default rather than dividing by zero.
    public func weeks(forHours hours: Int) -> Int {
        let weekly = weeklyLearningHours > 0 ? weeklyLearningHours : Self.defaultWeeklyLearningHours
        return hours <= 0 ? 0 : (hours + weekly - 1) / weekly
    }

    public func readyBy(weeks: Int) -> CalendarDay {
        CalendarDay(daysSinceEpoch: asOf.daysSinceEpoch + Int64(7 * weeks))
    }
}
