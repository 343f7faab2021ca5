/// Phase 3 (DESIGN.md, "Sourcing semantics"): for every planned role level, who already meets it,
/// who can be upskilled in time, which internal transfers are best, and which channels hire the
/// rest — a pure function of its input and the learning plans it is handed.
public enum SourcingPlanner {
    /// Plans every row of `input.workforcePlan`.
    ///
    /// `learningPlan(person, roleLevel)` is asked only for people at a planned role level who don't
    /// meet it, and for transfer candidates (readiness ≥ `transferReadiness`, eligible source,
    /// target with a shortfall) toward the target; each pair is asked at most once. Before a batch
    /// of such questions `prepare` is told every pair of it, so plans can be solved together (on
    /// several threads) and the questions answered from them.
    ///
    /// - Throws: `InputErrors` (`sourcing.malformed-input`) when the input breaks the rules in
    ///   `SourcingInput.problems()`, or a learning plan has a cost or hours out of range.
    public static func plan(
        _ input: SourcingInput, prepare: (_ requests: [PlanRequest]) -> Void = { _ in },
        learningPlan: (_ person: Int, _ roleLevel: Int) -> UpskillPlan
    ) throws(InputErrors) -> SourcingPlan {
        let problems = input.problems()
        if !problems.isEmpty { throw InputErrors(problems) }
        var planErrors: [InputError] = []
        func checkedPlan(_ person: Int, _ roleLevel: Int) -> UpskillPlan {
            let plan = learningPlan(person, roleLevel)
            if let problem = plan.problem(person: input.personIDs[person], roleLevel: input.taxonomy.roleLevels[roleLevel]) {
                planErrors.append(problem)
            }
            return plan
        }

        let people = PeopleByRoleLevel(input.personRoleLevel, roleLevelCount: input.taxonomy.roleLevelCount)
        let levels = split(input, people: people, prepare: prepare, learningPlan: checkedPlan)
        let transfers = TransferSelection.choose(
            input: input, levels: levels, people: people, prepare: prepare, learningPlan: checkedPlan)
        if !planErrors.isEmpty { throw InputErrors(planErrors) }
        let hires = placeHires(input: input, levels: levels, transfersIn: transfers.into.map(\.count))
        return assemble(input: input, levels: levels, transfers: transfers, hires: hires)
    }

    /// The planned role levels in taxonomy order, before anyone is counted.
    static func plannedLevels(_ input: SourcingInput) -> [PlannedLevel] {
        var levels: [PlannedLevel] = []
        for row in input.workforcePlan {
            guard let index = input.taxonomy.roleLevelIndex(row.roleLevel) else { continue }
            levels.append(PlannedLevel(level: index, row: row))
        }
        return levels.sorted { $0.level < $1.level }
    }

    /// Every planned level split by readiness (`splitByReadiness`), the plans of everyone at a
    /// planned level who does not meet it prepared first.
    static func split(
        _ input: SourcingInput, people: PeopleByRoleLevel, prepare: ([PlanRequest]) -> Void,
        learningPlan: (Int, Int) -> UpskillPlan
    ) -> [PlannedLevel] {
        var levels = plannedLevels(input)
        var meets = [Bool](repeating: false, count: input.personRoleLevel.count)
        var requests: [PlanRequest] = []
        for level in levels {
            for person in people.at(level.level) {
                meets[person] = input.estimates.readiness(
                    person: person, roleLevel: level.level, taxonomy: input.taxonomy,
                    tolerance: input.policy.meetsTolerance).meets
                if !meets[person] { requests.append(PlanRequest(person: person, roleLevel: level.level)) }
            }
        }
        prepare(requests)
        for index in levels.indices {
            levels[index] = splitByReadiness(
                levels[index], input: input, people: people, meets: { meets[$0] }, learningPlan: learningPlan)
        }
        return levels
    }

    /// Capable, upskilled, spare and blocked people at the level; its shortfall and surplus.
    /// `meets(person)` says whether a person at the level meets it.
    static func splitByReadiness(
        _ planned: PlannedLevel, input: SourcingInput, people: PeopleByRoleLevel, meets: (Int) -> Bool,
        learningPlan: (Int, Int) -> UpskillPlan
    ) -> PlannedLevel {
        var level = planned
        var upskillable: [(person: Int, plan: UpskillPlan)] = []
        for person in people.at(level.level) {
            if meets(person) {
                level.capable.append(person)
                continue
            }
            let plan = learningPlan(person, level.level)
            if plan.qualifies(by: level.row.due) {
                upskillable.append((person, plan))
            } else {
                level.notUpskillable += 1
            }
        }
        upskillable.sort { a, b in
            if a.plan.cost != b.plan.cost { return a.plan.cost < b.plan.cost }
            if a.plan.hours != b.plan.hours { return a.plan.hours < b.plan.hours }
            return SourcingOrder.precedes(input.personIDs[a.person], input.personIDs[b.person])
        }
        let target = level.row.headcount, capable = level.capable.count
        let upskill = min(upskillable.count, max(0, target - capable))
        level.upskill = Array(upskillable[..<upskill])
        level.spare = Array(upskillable[upskill...])
        level.headcount = people.at(level.level).count
        level.shortfall = max(0, target - capable - upskill)
        level.surplus = max(0, capable - target)
        return level
    }

    /// Hires per planned level (same order as `levels`), rows taken by due date then role-level
    /// id, one seat at a time; nil entries are unfilled seats.
    private static func placeHires(input: SourcingInput, levels: [PlannedLevel], transfersIn: [Int]) -> [[Hire?]] {
        var schedule = HiringSchedule(channels: input.channels, asOf: input.asOf)
        var hires = Array(repeating: [Hire?](), count: levels.count)
        let order = levels.indices.sorted { a, b in
            let da = levels[a].row.due, db = levels[b].row.due
            if da != db { return da < db }
            return SourcingOrder.precedes(levels[a].row.roleLevel, levels[b].row.roleLevel)
        }
        for index in order {
            let row = levels[index].row
            for _ in 0..<(levels[index].shortfall - transfersIn[index]) {
                hires[index].append(schedule.hire(rung: row.roleLevel.rung, due: row.due))
            }
        }
        return hires
    }
}

/// A planned role level while it is being planned.
struct PlannedLevel {
    var level: Int
    var row: WorkforcePlanRow
    var headcount = 0
    var capable: [Int] = []
    var upskill: [(person: Int, plan: UpskillPlan)] = []
    var spare: [(person: Int, plan: UpskillPlan)] = []
    var notUpskillable = 0
    var shortfall = 0
    var surplus = 0
}

/// People grouped by their own role level, each group in ascending person number.
struct PeopleByRoleLevel {
    private let offsets: [Int]
    private let people: [Int]

    init(_ roleLevels: [Int32], roleLevelCount: Int) {
        var offsets = Array(repeating: 0, count: roleLevelCount + 1)
        for level in roleLevels { offsets[Int(level) + 1] += 1 }
        for index in 0..<roleLevelCount { offsets[index + 1] += offsets[index] }
        var next = offsets
        var people = Array(repeating: 0, count: roleLevels.count)
        for (person, level) in roleLevels.enumerated() {
            people[next[Int(level)]] = person
            next[Int(level)] += 1
        }
        self.offsets = offsets
        self.people = people
    }

    func at(_ level: Int) -> ArraySlice<Int> { people[offsets[level]..<offsets[level + 1]] }
}
