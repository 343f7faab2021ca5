/// One generated piece of evidence, before it is written. Each source kind reports the way such
/// sources do: coding evaluations as percentages, managers in whole levels, self-ratings a little
/// generous, credentials with an expiry date (some already past).
struct SyntheticEvidence {
    var skill: Int
    var valueTenths: Int
    var scale: String
    var source: SourceKind
    var day: Int64
    /// Written as an RFC 3339 timestamp when set, otherwise as a date.
    var secondsOfDay: Int?
    var offsetHours = 0
    var assessor: (person: Int?, name: String)?
    var reference: String?
    var validUntilDay: Int64?

    /// Relative frequency of each kind, in `SourceKind.allCases` order.
    private static let kindWeights = [12, 12, 10, 6, 18, 16, 12, 14]

    static func make(
        for index: Int, in organisation: SyntheticOrganisation, skillCount: Int,
        random: inout SplitMix64, into rows: inout [SyntheticEvidence]
    ) {
        guard skillCount > 0 else { return }
        let person = organisation.people[index]
        let taxonomy = organisation.taxonomy
        let requirements = organisation.requirements(of: person)
        // About one required skill in twenty has no evidence at all: unassessed, not zero.
        let assessed = requirements.filter { _ in !random.chance(0.05) }
        let asOf = organisation.asOf.daysSinceEpoch
        let earliest = max(asOf - 1095, person.hireDay - 180)
        let team = organisation.teams[person.team]
        let count = max(assessed.count, 15 + random.below(31))
        for n in 0..<count {
            let skill: Int
            var truth: Double
            if n < assessed.count || (!assessed.isEmpty && random.chance(0.85)) {
                // Every assessed requirement gets at least one observation; the rest fall at random.
                let requirement = n < assessed.count ? assessed[n] : assessed[random.below(assessed.count)]
                skill = requirement.skill
                // People mostly hold the rung they were promoted to; ability and noise spread them.
                truth = Double(requirement.level) + 0.35 + person.ability + random.bell(0.45)
            } else {
                skill = random.below(skillCount)
                // A skill the role does not ask for; if it happens to be one it does, the person
                // has it at about their rung all the same.
                let level = requirements.first { $0.skill == skill }.map { Double($0.level) + 0.35 } ?? 1.2
                truth = level + person.ability + random.bell(0.9)
            }
            truth = min(5, max(0, truth))
            let source = SourceKind.allCases[random.weighted(kindWeights)]
            let day = earliest + Int64(random.below(Int(max(1, asOf - earliest + 1))))
            var row = SyntheticEvidence(skill: skill, valueTenths: 0, scale: "level", source: source, day: day)
            if random.chance(0.3) {
                row.secondsOfDay = 7 * 3600 + random.below(12 * 3600)
                row.offsetHours = random.chance(0.3) ? 1 + random.below(2) : 0
            }
            let skillID = taxonomy.skills[skill].id
            switch source {
            case .assessment:
                row.valueTenths = halves(truth + random.bell(0.4))
                row.assessor = (nil, "Assessment Centre")
                row.reference = "ASMT-\(CalendarDay(daysSinceEpoch: day).year)-\(1000 + random.below(9000))"
            case .coding:
                row.scale = "percent"
                row.valueTenths = 10 * min(100, max(0, Int((truth * 20 + random.bell(8)).rounded())))
                row.assessor = (nil, "coding-evaluation")
            case .thirdParty:
                if random.chance(0.5) {
                    row.scale = "onet-level"
                    row.valueTenths = min(70, max(0, Int(((truth * 7 / 5 + random.bell(0.4)) * 10).rounded())))
                } else {
                    row.scale = "percent"
                    row.valueTenths = 10 * min(100, max(0, Int((truth * 20 + random.bell(8)).rounded())))
                }
                row.assessor = (nil, "External Test Provider \(1 + random.below(4))")
            case .credential:
                row.valueTenths = 10 * max(1, min(5, Int(truth.rounded())))
                row.validUntilDay = day + Int64(365 * (1 + random.below(3)))
                row.reference = "CRED-\(skillID)-\(100_000 + random.below(900_000))"
            case .manager:
                row.valueTenths = 10 * min(5, max(0, Int((truth + random.bell(0.5)).rounded())))
                if let manager = person.manager { row.assessor = (manager, "") }
            case .peer:
                row.valueTenths = halves(truth + random.bell(0.6))
                if team.count > 1 {
                    var peer = team.start + random.below(team.count - 1)
                    if peer >= index { peer += 1 }
                    row.assessor = (peer, "")
                }
            case .training:
                row.valueTenths = 10 * max(1, min(4, Int(truth.rounded())))
                row.reference = "course:\(skillID)-\(1 + random.below(3))"
            case .selfRating:
                row.valueTenths = 10 * min(5, max(0, Int((truth + 0.5 + random.bell(0.5)).rounded())))
                row.assessor = (index, "")
            }
            rows.append(row)
        }
        rows.sort { ($0.day, $0.secondsOfDay ?? 0) < ($1.day, $1.secondsOfDay ?? 0) }
    }

    /// A 0–5 level rounded to the nearest half, in tenths.
    private static func halves(_ level: Double) -> Int { 5 * Int((min(5, max(0, level)) * 2).rounded()) }
}
