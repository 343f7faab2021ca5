@testable import CadreEngine
import Testing

/// A small organisation whose every number is worked out by hand in the tests.
///
/// Skills are listed out of id order on purpose, so the tests also check that skill numbers follow
/// ids: data-engineering 0, deep-learning 1, mlops 2, statistics 3.
/// Role levels in `(role, rung)` order: data-scientist@1 = 0, ml-engineer@1 = 1, ml-engineer@2 = 2.
enum AssessmentFixture {
    /// 2023-11-14T22:13:20Z.
    static let asOf: Int64 = 1_700_000_000
    static let day: Int64 = 86_400

    static let taxonomy = Taxonomy(
        skills: [
            Skill(id: "statistics", name: "Statistics", discipline: .mathStats),
            Skill(id: "mlops", name: "MLOps", discipline: .softwareEngineering),
            Skill(id: "deep-learning", name: "Deep learning", discipline: .domain),
            Skill(id: "data-engineering", name: "Data engineering", discipline: .softwareEngineering),
        ],
        roles: [
            Role(id: "ml-engineer", name: "ML engineer", levels: [
                RoleLevel(rung: 2, title: "ML engineer II", requirements: [
                    Requirement(skill: "statistics", level: 3, importance: 2),
                    Requirement(skill: "mlops", level: 4, importance: 5),
                    Requirement(skill: "deep-learning", level: 3, importance: 3),
                ]),
                RoleLevel(rung: 1, title: "ML engineer I", requirements: [
                    Requirement(skill: "mlops", level: 3, importance: 5),
                    Requirement(skill: "statistics", level: 2, importance: 2),
                ]),
            ]),
            Role(id: "data-scientist", name: "Data scientist", levels: [
                RoleLevel(rung: 1, title: "Data scientist I", requirements: [
                    Requirement(skill: "statistics", level: 4, importance: 5),
                    Requirement(skill: "data-engineering", level: 2, importance: 1),
                ]),
            ]),
        ])

    static let mlEngineer1 = RoleLevelRef(role: "ml-engineer", rung: 1)
    static let mlEngineer2 = RoleLevelRef(role: "ml-engineer", rung: 2)
    static let dataScientist1 = RoleLevelRef(role: "data-scientist", rung: 1)

    /// ana (ml-engineer@1, alpha): mlops 2.75, statistics 2 → gaps 0.25, 0; meets.
    /// ben (ml-engineer@1, alpha): mlops 2.5, statistics 1 → gaps 0.5, 1.
    /// cai (ml-engineer@2, beta): mlops 4, statistics 1, deep-learning unassessed → gaps 0, 2, 3.
    /// dee (data-scientist@1, beta): statistics 70 % = 3.5, data-engineering unassessed → gaps 0.5, 2.
    static let people = [
        PersonRecord(id: "dee", roleLevel: dataScientist1, team: "beta"),
        PersonRecord(id: "cai", roleLevel: mlEngineer2, team: "beta"),
        PersonRecord(id: "ben", roleLevel: mlEngineer1, team: "alpha"),
        PersonRecord(id: "ana", roleLevel: mlEngineer1, team: "alpha"),
    ]

    static let evidence = [
        manager("ana", "mlops", 2.75),
        manager("ana", "statistics", 2),
        manager("ben", "mlops", 2.5),
        manager("ben", "statistics", 1),
        manager("cai", "mlops", 4),
        manager("cai", "statistics", 1),
        EvidenceRecord(person: "dee", skill: "statistics", value: 70, scale: "percent", source: "third-party", observedAt: asOf),
    ]

    static func manager(_ person: String, _ skill: String, _ level: Double, daysBefore: Int64 = 0) -> EvidenceRecord {
        EvidenceRecord(
            person: person, skill: skill, value: level, scale: "level", source: "manager",
            observedAt: asOf - daysBefore * day)
    }

    static func input(
        people: [PersonRecord] = people, evidence: [EvidenceRecord] = evidence,
        policy: AssessmentPolicy = .standard
    ) throws -> AssessmentInput {
        try AssessmentInputBuilder.build(taxonomy: taxonomy, people: people, evidence: evidence, policy: policy)
    }

    static func gapMap(
        people: [PersonRecord] = people, evidence: [EvidenceRecord] = evidence,
        policy: AssessmentPolicy = .standard, asOf: Int64 = asOf
    ) throws -> GapMap {
        try GapMap(assessing: try input(people: people, evidence: evidence, policy: policy), asOf: asOf, policy: policy)
    }

    /// The estimate and confidence of `person`'s evidence for `skill`, through the explanation.
    static func estimate(
        _ evidence: [EvidenceRecord], skill: String = "mlops", asOf: Int64 = asOf,
        policy: AssessmentPolicy = .standard
    ) throws -> EstimateExplanation {
        let people = [PersonRecord(id: "ana", roleLevel: mlEngineer1, team: "alpha")]
        let input = try input(people: people, evidence: evidence, policy: policy)
        return try input.explain(person: 0, skill: try #require(input.taxonomy.skillIndex(skill)), asOf: asOf, policy: policy)
    }
}
