@testable import CadreEngine

/// A small world for planner tests: skills, one role level `r@1` with the given requirements
/// (importance given or 1), courses, and people given as estimates by skill id.
struct TrainingWorld {
    var skills: [String]
    var requirements: [(skill: String, level: Int, importance: Int)]
    var courses: [Course]
    var asOf = CalendarDay(year: 2025, month: 3, day: 31)!
    var tolerance = 0.25
    var budget = PlanningSettings.defaultSearchBudget

    var taxonomy: CompiledTaxonomy {
        let ids = skills.sorted()
        let rows = requirements.map { (Int32(ids.firstIndex(of: $0.skill)!), Double($0.level), Double($0.importance)) }
            .sorted { $0.0 < $1.0 }
        // swiftlint-free: the fixture builds valid arrays, so the throwing init cannot fail.
        return (try? CompiledTaxonomy(
            skillIDs: ids, roleLevels: [RoleLevelRef(role: "r", rung: 1)], requirementOffsets: [0, Int32(rows.count)],
            requirementSkill: rows.map(\.0), requirementLevel: rows.map(\.1), requirementImportance: rows.map(\.2)))!
    }

    func catalogue() throws -> CompiledCatalogue {
        try CompiledCatalogue(CourseCatalogue(courses: courses, skills: skills), taxonomy: taxonomy)
    }

    var settings: PlanningSettings { PlanningSettings(tolerance: tolerance, asOf: asOf, searchBudget: budget) }

    func planner() throws -> LearningPlanner {
        LearningPlanner(taxonomy: taxonomy, catalogue: try catalogue(), settings: settings)
    }

    func estimates(_ people: [[String: Double]]) -> SkillEstimates {
        let ids = skills.sorted()
        return SkillEstimates(skillCount: ids.count, perPerson: people.map { person in
            person.map { (skill: ids.firstIndex(of: $0.key)!, estimate: $0.value) }
        })
    }

    /// One person's plan toward `r@1`.
    func plan(_ estimates: [String: Double] = [:], completed: [String] = []) throws -> LearningPlan {
        var planner = try planner()
        let done = completed.compactMap { planner.catalogue.courseIndex($0) }.map(Int32.init).sorted()
        return planner.plan(person: 0, estimates: self.estimates([estimates]), toward: 0, completed: done[...])
    }

    /// The courses of one person's problem toward `r@1` once it is narrowed (each component's),
    /// before the search, in id order.
    func problemCourses(_ estimates: [String: Double] = [:], completed: [String] = []) throws -> [String] {
        let catalogue = try catalogue(), taxonomy = taxonomy
        let done = completed.compactMap { catalogue.courseIndex($0) }.map(Int32.init).sorted()
        var walker = PlanningWalker(catalogue: catalogue, taxonomy: taxonomy, tolerance: tolerance)
        walker.walk(person: 0, estimates: self.estimates([estimates]), roleLevel: 0, completed: done[...])
        var scratch = ProblemScratch(catalogue: catalogue)
        let walked = WalkedProblem(walker: walker, catalogue: catalogue, taxonomy: taxonomy, scratch: &scratch)
        let courses = walked.components.flatMap { LearningProblem($0, catalogue: catalogue, scratch: &scratch).courses }
        return courses.sorted().map { catalogue.courseIDs[Int($0)] }
    }
}

func course(
    _ id: String, cost: Int64, hours: Int = 100, teaches: [(String, Int)], requires: [(String, Int)] = [],
    kind: CourseKind = .vendor
) -> Course {
    Course(id: id, title: "Course \(id)", provider: "Provider", kind: kind, cost: cost, hours: hours,
           teaches: teaches.map { SkillLevel(skill: $0.0, level: $0.1) },
           prerequisites: requires.map { SkillLevel(skill: $0.0, level: $0.1) })
}
