@testable import CadreEngine

/// Small organisations for sourcing tests, written so every readiness can be worked out by hand.
struct SourcingFixture {
    /// Role levels as `(role, rung, [(skill, level)])`, importance 1 throughout.
    static func taxonomy(skills: [String], levels: [(String, Int, [(String, Int)])]) throws -> CompiledTaxonomy {
        let sortedSkills = skills.sorted()
        let sortedLevels = levels.sorted { RoleLevelRef(role: $0.0, rung: $0.1) < RoleLevelRef(role: $1.0, rung: $1.1) }
        var offsets: [Int32] = [0], skill: [Int32] = [], level: [Double] = [], importance: [Double] = []
        for (_, _, requirements) in sortedLevels {
            for (id, required) in requirements.sorted(by: { $0.0 < $1.0 }) {
                skill.append(Int32(sortedSkills.firstIndex(of: id) ?? -1))
                level.append(Double(required))
                importance.append(1)
            }
            offsets.append(Int32(skill.count))
        }
        return try CompiledTaxonomy(
            skillIDs: sortedSkills, roleLevels: sortedLevels.map { RoleLevelRef(role: $0.0, rung: $0.1) },
            requirementOffsets: offsets, requirementSkill: skill, requirementLevel: level,
            requirementImportance: importance)
    }

    /// analyst@1 (a 2), analyst@2 (a 3), mle@1 (b 2), mle@2 (b 3, c 2), ops@1 (c 1).
    static func standardTaxonomy() throws -> CompiledTaxonomy {
        try taxonomy(skills: ["a", "b", "c"], levels: [
            ("analyst", 1, [("a", 2)]), ("analyst", 2, [("a", 3)]),
            ("mle", 1, [("b", 2)]), ("mle", 2, [("b", 3), ("c", 2)]),
            ("ops", 1, [("c", 1)]),
        ])
    }

    static func day(_ text: String) -> CalendarDay {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        let day = parts.count == 3 ? CalendarDay(year: parts[0], month: parts[1], day: parts[2]) : nil
        return day ?? CalendarDay(daysSinceEpoch: 0)
    }

    struct Person {
        var id: String
        var at: String
        var estimates: [String: Double]
    }

    let taxonomy: CompiledTaxonomy
    var people: [Person] = []
    var plans: [String: UpskillPlan] = [:]
    var asOf = day("2026-01-15")
    var plan: [WorkforcePlanRow] = []
    var channels: [Channel] = []
    var policy = SourcingPolicy.standard

    init(taxonomy: CompiledTaxonomy) { self.taxonomy = taxonomy }

    mutating func person(_ id: String, at level: String, _ estimates: [String: Double]) {
        people.append(Person(id: id, at: level, estimates: estimates))
    }

    /// The learning plan of `person` toward `level` (`role@rung`).
    mutating func learning(_ person: String, _ level: String, cost: Int64, hours: Int = 1000, readyBy: String, uncoverable: Bool = false) {
        plans["\(person)→\(level)"] = UpskillPlan(cost: cost, hours: hours, readyBy: Self.day(readyBy), hasUncoverable: uncoverable)
    }

    mutating func want(_ level: String, _ headcount: Int, due: String, note: String? = nil) {
        guard let ref = RoleLevelRef(parsing: level) else { return }
        plan.append(WorkforcePlanRow(roleLevel: ref, headcount: headcount, due: Self.day(due), note: note))
    }

    var input: SourcingInput {
        let perPerson = people.map { person in
            person.estimates.map { (skill: taxonomy.skillIndex($0.key) ?? 0, estimate: $0.value) }
        }
        return SourcingInput(
            taxonomy: taxonomy, estimates: SkillEstimates(skillCount: taxonomy.skillCount, perPerson: perPerson),
            personIDs: people.map(\.id),
            personRoleLevel: people.map { person in
                Int32(RoleLevelRef(parsing: person.at).flatMap { taxonomy.roleLevelIndex($0) } ?? -1)
            },
            asOf: asOf, workforcePlan: plan, channels: channels, policy: policy)
    }

    /// Runs the planner; a plan nobody wrote down costs a fortune and is never ready, so a test
    /// notices when one is asked for that should not matter. `asked` records every request; each
    /// must have been announced to `prepare` before it is asked (the daemon answers from what it
    /// prepared), or the run fails.
    func run(asked: inout [String]) throws -> SourcingPlan {
        let input = self.input
        var requests: [String] = []
        var prepared = Set<PlanRequest>()
        var unprepared: [String] = []
        let result = try SourcingPlanner.plan(input, prepare: { prepared.formUnion($0) }) { person, level in
            let key = "\(input.personIDs[person])→\(input.taxonomy.roleLevels[level])"
            requests.append(key)
            if !prepared.contains(PlanRequest(person: person, roleLevel: level)) { unprepared.append(key) }
            return plans[key] ?? UpskillPlan(cost: 99_999, hours: 0, readyBy: Self.day("2099-01-01"), hasUncoverable: true)
        }
        asked = requests
        if !unprepared.isEmpty { throw UnpreparedPlans(requests: unprepared) }
        return result
    }

    struct UnpreparedPlans: Error {
        var requests: [String]
    }

    /// A small random organisation over `standardTaxonomy()`: 2–7 people with estimates in
    /// halves, plan rows for some role levels, and plans (some late) toward most role levels.
    static func random(_ random: inout SplitMix64, taxonomy: CompiledTaxonomy) -> SourcingFixture {
        var org = SourcingFixture(taxonomy: taxonomy)
        let levels = ["analyst@1", "analyst@2", "mle@1", "mle@2", "ops@1"]
        for index in 0..<(2 + random.below(6)) {
            let estimates = ["a": Double(random.below(7)) / 2, "b": Double(random.below(7)) / 2, "c": Double(random.below(5)) / 2]
            org.person("p\(index)", at: levels[random.below(levels.count)], estimates)
        }
        for level in levels where random.chance(0.6) {
            org.want(level, random.below(4), due: "2026-06-30")
        }
        for person in org.people {
            for level in levels where random.chance(0.8) {
                org.learning(person.id, level, cost: Int64(random.below(3)) * 100, readyBy: random.chance(0.85) ? "2026-03-01" : "2026-09-01")
            }
        }
        return org
    }

    func run() throws -> SourcingPlan {
        var asked: [String] = []
        return try run(asked: &asked)
    }
}

extension SourcingPlan {
    func level(_ text: String) -> RoleLevelSourcing? {
        roleLevels.first { $0.roleLevel.description == text }
    }
}
