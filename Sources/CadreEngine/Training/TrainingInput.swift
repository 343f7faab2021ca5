/// Everything the training phase reads for one run.
public struct TrainingInput: Sendable {
    public var taxonomy: CompiledTaxonomy
    public var catalogue: CompiledCatalogue
    /// Every person's estimates at T, in person order.
    public var estimates: SkillEstimates
    public var people: TrainingPeople
    public var settings: PlanningSettings
    /// Minor units to fund plans with; nil for no budget roll-up.
    public var budget: Int64?

    public init(
        taxonomy: CompiledTaxonomy, catalogue: CompiledCatalogue, estimates: SkillEstimates,
        people: TrainingPeople, settings: PlanningSettings, budget: Int64? = nil
    ) {
        self.taxonomy = taxonomy
        self.catalogue = catalogue
        self.estimates = estimates
        self.people = people
        self.settings = settings
        self.budget = budget
    }
}

/// The people of a run as the training phase needs them, in the same order as the estimates:
/// their ids (ties in the budget), teams, own role levels and completed courses.
public struct TrainingPeople: Hashable, Sendable {
    public let ids: [String]
    /// Index into `teamIDs`, or −1 for no team.
    public let team: [Int32]
    public let teamIDs: [String]
    public let roleLevel: [Int32]
    /// Person `p`'s completions are `completionOffsets[p] ..< completionOffsets[p + 1]`,
    /// sorted by course number.
    public let completionOffsets: [Int32]
    public let completionCourse: [Int32]
    /// Days since 1970-01-01 of each completion.
    public let completionDay: [Int64]

    public var count: Int { ids.count }

    /// - Parameter completions: per person, (course number, completion day); any order, repeats allowed.
    /// - Throws: `InputErrors` (`assessment.malformed-input`) when lengths or numbers are out of range.
    public init(
        ids: [String], team: [Int32], teamIDs: [String], roleLevel: [Int32],
        completions: [[(course: Int32, day: CalendarDay)]] = [], courseCount: Int, roleLevelCount: Int
    ) throws(InputErrors) {
        func malformed(_ message: String) -> InputErrors {
            InputErrors([InputError(.assessmentMalformedInput, file: "<training people>", message: message)])
        }
        guard team.count == ids.count, roleLevel.count == ids.count,
              completions.isEmpty || completions.count == ids.count else {
            throw malformed("people arrays differ in length")
        }
        for p in ids.indices {
            guard team[p] == -1 || (team[p] >= 0 && Int(team[p]) < teamIDs.count) else { throw malformed("team \(team[p]) out of range") }
            guard roleLevel[p] >= 0 && Int(roleLevel[p]) < roleLevelCount else { throw malformed("role level \(roleLevel[p]) out of range") }
        }
        var offsets: [Int32] = [0], courses: [Int32] = [], days: [Int64] = []
        for p in ids.indices {
            let rows = (completions.isEmpty ? [] : completions[p]).sorted {
                ($0.course, $0.day.daysSinceEpoch) < ($1.course, $1.day.daysSinceEpoch)
            }
            for row in rows {
                guard row.course >= 0 && Int(row.course) < courseCount else { throw malformed("course \(row.course) out of range") }
                courses.append(row.course)
                days.append(row.day.daysSinceEpoch)
            }
            offsets.append(Int32(courses.count))
        }
        self.ids = ids
        self.team = team
        self.teamIDs = teamIDs
        self.roleLevel = roleLevel
        completionOffsets = offsets
        completionCourse = courses
        completionDay = days
    }

    /// Courses person `p` completed on or before `day`, ascending, each once.
    public func completed(_ p: Int, onOrBefore day: Int64, into buffer: inout [Int32]) {
        buffer.removeAll(keepingCapacity: true)
        for i in Int(completionOffsets[p])..<Int(completionOffsets[p + 1]) where completionDay[i] <= day {
            if buffer.last != completionCourse[i] { buffer.append(completionCourse[i]) }
        }
    }
}
