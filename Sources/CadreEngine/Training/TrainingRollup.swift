/// What a group's plans add up to (each person's plan toward their own role level).
public struct TrainingRollup: Hashable, Sendable, Codable {
    public var people = 0
    /// People whose plan has at least one course.
    public var peopleWithPlans = 0
    /// People with at least one uncoverable target.
    public var peopleBlocked = 0
    public var cost: Int64 = 0
    /// Hundredths of an hour.
    public var hours: Int64 = 0
    /// By `CourseKind` (`internal`, `vendor`, `academic`, in that order).
    public var costByKind: [Int64] = [0, 0, 0]
    public var hoursByKind: [Int64] = [0, 0, 0]
    /// With a budget: the people and cost funded.
    public var peopleFunded = 0
    public var costFunded: Int64 = 0

    public init() {}

    public func cost(of kind: CourseKind) -> Int64 { costByKind[Int(kind.code)] }
    public func hours(of kind: CourseKind) -> Int64 { hoursByKind[Int(kind.code)] }
}

/// A skill whose uncoverable target blocks people, with how many.
public struct UncoverableSkill: Hashable, Sendable, Codable {
    public var skill: String
    public var people: Int
}

extension TrainingResult {
    public var organisation: TrainingRollup { rollups(groupOf: { _ in 0 }, groups: 1)[0] }

    /// Per team, in `teamIDs` order (people without a team count only in the organisation).
    public var byTeam: [TrainingRollup] { rollups(groupOf: { Int(personTeam[$0]) }, groups: teamIDs.count) }

    /// Per role level, in `taxonomy.roleLevels` order.
    public var byRoleLevel: [TrainingRollup] {
        rollups(groupOf: { Int(personRoleLevel[$0]) }, groups: taxonomy.roleLevelCount)
    }

    /// Skills with uncoverable targets, by people blocked (descending), ties by skill id.
    public var uncoverableSkills: [UncoverableSkill] {
        var counts = [Int](repeating: 0, count: taxonomy.skillCount)
        for p in 0..<personCount {
            for k in core(of: p).uncoverable { counts[Int(taxonomy.requirementSkill[Int(k)])] += 1 }
        }
        return counts.indices.filter { counts[$0] > 0 }
            .sorted { (-counts[$0], $0) < (-counts[$1], $1) }
            .map { UncoverableSkill(skill: taxonomy.skillIDs[$0], people: counts[$0]) }
    }

    /// `groupOf` gives a person's group number, or a negative number for none.
    func rollups(groupOf: (Int) -> Int, groups: Int) -> [TrainingRollup] {
        var coreTotals: [(cost: [Int64], hours: [Int64])] = []
        coreTotals.reserveCapacity(cores.count)
        for core in cores {
            var cost: [Int64] = [0, 0, 0], hours: [Int64] = [0, 0, 0]
            for course in core.courses {
                let kind = Int(courseKind[Int(course)].code)
                cost[kind] += courseCost[Int(course)]
                hours[kind] += courseHours[Int(course)]
            }
            coreTotals.append((cost, hours))
        }
        var result = [TrainingRollup](repeating: TrainingRollup(), count: groups)
        for p in 0..<personCount {
            let group = groupOf(p)
            guard group >= 0 && group < groups else { continue }
            let index = Int(personCore[p])
            let core = cores[index]
            result[group].people += 1
            if !core.courses.isEmpty { result[group].peopleWithPlans += 1 }
            if !core.uncoverable.isEmpty { result[group].peopleBlocked += 1 }
            result[group].cost += core.cost
            result[group].hours += core.hours
            for kind in 0..<3 {
                result[group].costByKind[kind] += coreTotals[index].cost[kind]
                result[group].hoursByKind[kind] += coreTotals[index].hours[kind]
            }
            if funded?[p] == true {
                result[group].peopleFunded += 1
                result[group].costFunded += core.cost
            }
        }
        return result
    }
}
