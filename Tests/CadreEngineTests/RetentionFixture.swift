import Testing
@testable import CadreEngine

/// A two-role ladder: data-scientist rungs 1–3 (12, 24 and no expected months), ml-engineer
/// rungs 1–2 (18 and none). Skills: python (0), stats (1). Each rung requires python at its
/// rung + 1; ml-engineer@2 also stats 2.
enum RetentionFixture {
    static func ladder() throws -> RetentionLadder {
        let levels = [
            RoleLevelRef(role: "data-scientist", rung: 1), RoleLevelRef(role: "data-scientist", rung: 2),
            RoleLevelRef(role: "data-scientist", rung: 3), RoleLevelRef(role: "ml-engineer", rung: 1),
            RoleLevelRef(role: "ml-engineer", rung: 2),
        ]
        let taxonomy = try CompiledTaxonomy(
            skillIDs: ["python", "stats"], roleLevels: levels, requirementOffsets: [0, 1, 2, 3, 4, 6],
            requirementSkill: [0, 0, 0, 0, 0, 1], requirementLevel: [2, 3, 4, 2, 3, 2],
            requirementImportance: [1, 1, 1, 1, 1, 1])
        return try RetentionLadder(taxonomy: taxonomy, expectedMonths: [12, 24, nil, 18, nil])
    }

    static func day(_ text: String) -> CalendarDay {
        var text = text
        return text.withUTF8 { FieldScanning.day($0) } ?? CalendarDay(daysSinceEpoch: 0)
    }

    static func person(
        _ id: String, team: String = "t1", manager: String? = "M", _ role: String = "data-scientist", _ rung: Int = 1,
        hired: String = "2020-01-01"
    ) -> ImportedPerson {
        ImportedPerson(externalID: id, name: id, team: team, manager: manager, role: role, rung: rung,
                       hireDate: day(hired), location: nil)
    }

    static func event(_ person: String, _ date: String, _ detail: HREvent.Detail) -> HREvent {
        HREvent(person: person, date: day(date), detail: detail)
    }

    static func noEstimates(_ count: Int) -> SkillEstimates {
        SkillEstimates(skillCount: 2, perPerson: Array(repeating: [], count: count))
    }

    /// The signals of the only (or first) person on `asOf`.
    static func signals(
        _ person: ImportedPerson, _ events: [HREvent] = [], on asOf: String,
        python: Double? = nil, policy: RetentionPolicy = .standard
    ) throws -> RetentionSignals {
        let history = try RetentionHistory(people: [person], events: events, ladder: ladder())
        let estimates = SkillEstimates(skillCount: 2, perPerson: [python.map { [(skill: 0, estimate: $0)] } ?? []])
        return history.signals(of: 0, on: day(asOf), estimates: estimates, policy: policy)
    }
}
