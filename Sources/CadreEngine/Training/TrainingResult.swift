/// The training phase's result for one run: each person's plan (as an index into the distinct
/// solved problems, plus their own figures), and what the views need to show it without the
/// taxonomy or catalogue at hand. Roll-ups are computed from it on demand, so there is one
/// source for every figure.
public struct TrainingResult: Hashable, Sendable {
    public let taxonomy: CompiledTaxonomy
    public let courseIDs: [String]
    public let courseKind: [CourseKind]
    public let courseCost: [Int64]
    public let courseHours: [Int64]
    public let settings: PlanningSettings
    public let personIDs: [String]
    /// Index into `teamIDs`, or −1.
    public let personTeam: [Int32]
    public let teamIDs: [String]
    public let personRoleLevel: [Int32]
    /// Distinct solved problems.
    public let cores: [PlanCore]
    /// Each person's plan toward their own role level, as an index into `cores`.
    public let personCore: [Int32]
    /// Person `p`'s estimates of their core's uncoverable targets (same order) are
    /// `uncoverableEstimates[uncoverableOffsets[p] ..< uncoverableOffsets[p + 1]]`.
    public let uncoverableOffsets: [Int32]
    public let uncoverableEstimates: [Double]
    /// Σ w_s·gap_s over the targets each person's plan closes (the budget's value).
    public let closedWeightedGap: [Double]
    public let budget: Int64?
    /// Per person, whether the budget funds their plan; nil without a budget. People whose plan
    /// has no course are never funded (there is nothing to fund).
    public let funded: [Bool]?

    init(
        taxonomy: CompiledTaxonomy, catalogue: CompiledCatalogue, settings: PlanningSettings, people: TrainingPeople,
        cores: [PlanCore], personCore: [Int32], uncoverableOffsets: [Int32], uncoverableEstimates: [Double],
        closedWeightedGap: [Double], budget: Int64?, funded: [Bool]?
    ) {
        self.init(
            taxonomy: taxonomy, courseIDs: catalogue.courseIDs, courseKind: catalogue.courseKind,
            courseCost: catalogue.courseCost, courseHours: catalogue.courseHours, settings: settings,
            personIDs: people.ids, personTeam: people.team, teamIDs: people.teamIDs, personRoleLevel: people.roleLevel,
            cores: cores, personCore: personCore, uncoverableOffsets: uncoverableOffsets,
            uncoverableEstimates: uncoverableEstimates, closedWeightedGap: closedWeightedGap, budget: budget, funded: funded)
    }

    init(
        taxonomy: CompiledTaxonomy, courseIDs: [String], courseKind: [CourseKind], courseCost: [Int64],
        courseHours: [Int64], settings: PlanningSettings, personIDs: [String], personTeam: [Int32], teamIDs: [String],
        personRoleLevel: [Int32], cores: [PlanCore], personCore: [Int32], uncoverableOffsets: [Int32],
        uncoverableEstimates: [Double], closedWeightedGap: [Double], budget: Int64?, funded: [Bool]?
    ) {
        self.taxonomy = taxonomy
        self.courseIDs = courseIDs
        self.courseKind = courseKind
        self.courseCost = courseCost
        self.courseHours = courseHours
        self.settings = settings
        self.personIDs = personIDs
        self.personTeam = personTeam
        self.teamIDs = teamIDs
        self.personRoleLevel = personRoleLevel
        self.cores = cores
        self.personCore = personCore
        self.uncoverableOffsets = uncoverableOffsets
        self.uncoverableEstimates = uncoverableEstimates
        self.closedWeightedGap = closedWeightedGap
        self.budget = budget
        self.funded = funded
    }

    public var personCount: Int { personIDs.count }

    public func core(of person: Int) -> PlanCore { cores[Int(personCore[person])] }

    /// Person `p`'s plan toward their own role level, as a person reads it.
    public func plan(person p: Int) -> LearningPlan {
        let core = core(of: p)
        var steps: [LearningPlan.Step] = []
        for (i, course) in core.courses.enumerated() {
            let c = Int(course)
            steps.append(LearningPlan.Step(
                course: courseIDs[c], kind: courseKind[c], cost: courseCost[c], hours: Int(courseHours[c]),
                closes: core.closes(step: i).map { taxonomy.skillIDs[Int(taxonomy.requirementSkill[Int($0)])] }))
        }
        let first = Int(uncoverableOffsets[p])
        let uncoverable = core.uncoverable.enumerated().map { index, k in
            LearningPlan.UncoverableTarget(
                skill: taxonomy.skillIDs[Int(taxonomy.requirementSkill[Int(k)])],
                requiredLevel: Int(taxonomy.requirementLevel[Int(k)]), estimate: uncoverableEstimates[first + index])
        }
        let weeks = settings.weeks(forHours: Int(core.hours))
        return LearningPlan(
            roleLevel: taxonomy.roleLevels[Int(core.roleLevel)], steps: steps, cost: core.cost, hours: Int(core.hours),
            weeks: weeks, readyBy: settings.readyBy(weeks: weeks), uncoverable: uncoverable, status: core.status,
            lowerBound: core.lowerBound)
    }

    /// The person's number, by id (linear; views ask for one person at a time).
    public func person(_ id: String) -> Int? { personIDs.firstIndex(of: id) }

    /// How many people share each distinct problem — the memo's effect.
    public var distinctProblems: Int { cores.count }
    public var boundedPlans: Int { personCore.reduce(0) { $0 + (cores[Int($1)].status == .bounded ? 1 : 0) } }
}
