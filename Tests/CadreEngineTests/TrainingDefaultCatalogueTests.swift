import Foundation
import Testing
@testable import CadreEngine

/// Config/catalogue/courses.yaml against Config/taxonomy/.
@Suite struct TrainingDefaultCatalogueTests {
    static func load() throws -> (Taxonomy, CourseCatalogue) {
        let taxonomy = try TaxonomyParser.parse(try TaxonomyTestFiles.defaultTaxonomySources())
        let url = TaxonomyTestFiles.repositoryRoot.appendingPathComponent("Config/catalogue/courses.yaml")
        let text = String(decoding: try TaxonomyTestFiles.read(url), as: UTF8.self)
        let catalogue = try CatalogueParser.parse(
            [CatalogueSource(name: "Config/catalogue/courses.yaml", contents: text)], skills: taxonomy.skills.map(\.id))
        return (taxonomy, catalogue)
    }

    @Test func everySkillIsTaughtByTwoKinds() throws {
        let (taxonomy, catalogue) = try Self.load()
        for skill in taxonomy.skills {
            let kinds = Set(catalogue.courses.filter { $0.teaches.contains { $0.skill == skill.id } }.map(\.kind))
            #expect(kinds.count >= 2, "\(skill.id)")
        }
        #expect(catalogue.course("ven-deep-learning-3")?.prerequisites.contains(SkillLevel(skill: "linear-algebra-calculus", level: 2)) == true)
    }

    @Test func onlyResearchMethodologyAtFiveIsUncoverable() throws {
        let (taxonomy, catalogue) = try Self.load()
        let compiled = try CompiledTaxonomy(taxonomy)
        var planner = LearningPlanner(
            taxonomy: compiled, catalogue: try CompiledCatalogue(catalogue, taxonomy: compiled),
            settings: PlanningSettings(asOf: CalendarDay(year: 2025, month: 3, day: 31)!, searchBudget: 2_000))
        for r in 0..<compiled.roleLevelCount {
            // Someone with no evidence at all: every requirement is a target.
            let core = planner.solve(estimate: { _ in 0 }, toward: r)
            let plan = planner.plan(core: planner.cores[core]) { _ in 0 }
            let blocked = plan.uncoverable.map { "\($0.skill)@\($0.requiredLevel)" }
            if compiled.roleLevels[r] == RoleLevelRef(role: "ml-research-scientist", rung: 4) {
                #expect(blocked == ["research-methodology@5"])
            } else {
                #expect(blocked.isEmpty, "\(compiled.roleLevels[r])")
            }
            // Someone with no evidence toward a top rung is the hardest case (every requirement a
            // target); a small budget keeps the test quick, and a bounded plan's bound is valid.
            #expect(plan.lowerBound <= plan.cost, "\(compiled.roleLevels[r])")
            if compiled.roleLevels[r].rung == 1 { #expect(plan.status == .optimal, "\(compiled.roleLevels[r])") }
            #expect(!plan.steps.isEmpty)
        }
    }
}
