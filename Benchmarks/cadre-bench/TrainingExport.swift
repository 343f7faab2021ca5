import CadreEngine
import Foundation

/// The sampled planning problems `cadre-bench training` hands to Benchmarks/highs/learning_plans.py,
/// and Cadre's plan for each, as JSON. Skills are taxonomy numbers, courses catalogue numbers (id
/// order), levels whole numbers, estimates the person's `e_s` where assessed (0 elsewhere), costs
/// in minor units, hours in hundredths:
///
///     {"tolerance": 0.25, "courses": [{"id", "cost", "hours", "teaches": [[skill, level]],
///      "prerequisites": [[skill, level]]}], "people": [{"id", "estimates": [[skill, e]],
///      "targets": [[skill, level]], "plan": [course], "cost", "hours", "status"}]}
struct TrainingExport: Encodable {
    struct CourseRow: Encodable {
        var id: String
        var cost: Int64
        var hours: Int64
        var teaches: [[Int]]
        var prerequisites: [[Int]]
    }

    struct PersonRow: Encodable {
        var id: String
        var estimates: [[Double]]
        var targets: [[Int]]
        var plan: [Int32]
        var cost: Int64
        var hours: Int64
        var status: String
    }

    var tolerance: Double
    var courses: [CourseRow]
    var people: [PersonRow]

    init(catalogue: CompiledCatalogue, tolerance: Double) {
        self.tolerance = tolerance
        var courses: [CourseRow] = []
        for c in 0..<catalogue.courseCount {
            let taught = Int(catalogue.teachOffsets[c])..<Int(catalogue.teachOffsets[c + 1])
            let needs = Int(catalogue.prerequisiteOffsets[c])..<Int(catalogue.prerequisiteOffsets[c + 1])
            courses.append(CourseRow(
                id: catalogue.courseIDs[c], cost: catalogue.courseCost[c], hours: catalogue.courseHours[c],
                teaches: taught.map { [Int(catalogue.teachSkill[$0]), Int(catalogue.teachLevel[$0])] },
                // need = skill · 5 + level − 1
                prerequisites: needs.map { [Int(catalogue.prerequisiteNeed[$0]) / 5, Int(catalogue.prerequisiteNeed[$0]) % 5 + 1] }))
        }
        self.courses = courses
        people = []
    }

    /// Adds person `p`'s problem toward their own role level and Cadre's answer to it.
    mutating func add(person p: Int, id: String, roleLevel r: Int, taxonomy: CompiledTaxonomy, estimates: SkillEstimates, core: PlanCore) {
        let entries = estimates.entries(of: p)
        var targets: [[Int]] = []
        for k in Int(taxonomy.requirementOffsets[r])..<Int(taxonomy.requirementOffsets[r + 1]) {
            let skill = Int(taxonomy.requirementSkill[k])
            let level = taxonomy.requirementLevel[k]
            if max(0, level - estimates.estimate(person: p, skill: skill)) > tolerance { targets.append([skill, Int(level)]) }
        }
        people.append(PersonRow(
            id: id, estimates: entries.map { [Double(estimates.skills[$0]), estimates.estimates[$0]] }, targets: targets,
            plan: core.courses, cost: core.cost, hours: core.hours, status: core.status.rawValue))
    }
}
