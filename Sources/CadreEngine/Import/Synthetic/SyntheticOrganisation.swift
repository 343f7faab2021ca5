/// A deterministic made-up organisation over a taxonomy: people in teams under a management
/// hierarchy, and about 30 pieces of evidence each, written as the people and evidence CSV files a
/// user would import. The same taxonomy, size, seed and as-of date give the same bytes.
///
/// Only the roster is held in memory (a few small numbers per person); evidence is generated per
/// person from its own random stream and written as it is made.
public struct SyntheticOrganisation: Sendable {
    struct Person: Sendable {
        var team: Int
        var manager: Int?
        var role: Int
        var rungIndex: Int
        var hireDay: Int64
        var first: Int
        var last: Int
        var nameStyle: Int
        var location: Int?
        /// How far this person sits above or below what their rung asks, in levels.
        var ability: Double
    }

    public let taxonomy: Taxonomy
    public let seed: UInt64
    /// Evidence is observed in the three years up to this day; hire dates fall before it.
    public let asOf: CalendarDay
    let people: [Person]
    /// Per team: the index of its first member (its lead) and its size.
    let teams: [(start: Int, count: Int)]
    private let idWidth: Int
    /// Per role, per rung index: the requirements with skills as indices into `taxonomy.skills`.
    private let ladders: [[[(skill: Int, level: Int)]]]

    /// How many of each default-taxonomy role an ML organisation has, relative to the others;
    /// roles not named here count 3.
    static let commonness = [
        "ml-engineer": 6, "data-scientist": 5, "mlops-engineer": 3, "ml-research-scientist": 2,
        "ai-product-manager": 2, "ai-governance-lead": 1,
    ]

    /// About 16 people per team: a lead and the people they manage.
    public static let teamSize = 16

    public init(taxonomy: Taxonomy, people count: Int, seed: UInt64, asOf: CalendarDay) {
        self.taxonomy = taxonomy
        self.seed = seed
        self.asOf = asOf
        idWidth = max(6, String(count).count)
        var skillIndex: [String: Int] = [:]
        for (index, skill) in taxonomy.skills.enumerated() where skillIndex[skill.id] == nil { skillIndex[skill.id] = index }
        ladders = taxonomy.roles.map { role in
            role.levels.map { level in
                level.requirements.compactMap { requirement in
                    skillIndex[requirement.skill].map { (skill: $0, level: requirement.level) }
                }
            }
        }
        var random = SplitMix64(seed: seed, stream: 0x9E09_1E)
        let teamCount = max(1, (count + Self.teamSize / 2) / Self.teamSize)
        var teams: [(start: Int, count: Int)] = []
        for team in 0..<teamCount {
            let start = team * count / teamCount
            teams.append((start, (team + 1) * count / teamCount - start))
        }
        var people: [Person] = []
        people.reserveCapacity(count)
        // Teams take their main role from a deck dealt in proportion to how common each role
        // is, so even 12 teams get a realistic mix; 30 % of members hold some other role.
        let weights = taxonomy.roles.map { Self.commonness[$0.id] ?? 3 }
        var deck = weights.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
        for index in deck.indices.reversed() where index > 0 { deck.swapAt(index, random.below(index + 1)) }
        for (team, members) in teams.enumerated() {
            let primaryRole = deck.isEmpty ? 0 : deck[team % deck.count]
            for member in 0..<members.count {
                let isLead = member == 0
                // Leads report to their department's first lead (six teams a department), who
                // reports to the organisation's head, person 0.
                let departmentLead = teams[team / 6 * 6].start
                let manager: Int? =
                    if !isLead { members.start }
                    else if team == 0 { nil }
                    else if team % 6 == 0 { 0 }
                    else { departmentLead }
                let role = random.chance(0.7) || weights.isEmpty ? primaryRole : random.weighted(weights)
                let rungs = taxonomy.roles.isEmpty ? 1 : taxonomy.roles[role].levels.count
                let rungIndex = isLead
                    ? max(0, rungs - 1 - random.below(2))
                    : min(rungs - 1, random.weighted([35, 35, 20, 10]))
                people.append(Person(
                    team: team, manager: manager, role: role, rungIndex: max(0, rungIndex),
                    // Leads have been here at least a year; others joined up to nine years ago.
                    hireDay: asOf.daysSinceEpoch - (isLead ? 365 : 30) - Int64(random.below(365 * (isLead ? 8 : 9))),
                    first: random.below(SyntheticNames.first.count), last: random.below(SyntheticNames.last.count),
                    nameStyle: random.chance(0.03) ? 0 : (random.chance(0.01) ? 1 : 2),
                    location: random.chance(0.1) ? nil : random.below(SyntheticNames.locations.count),
                    ability: random.bell(0.6)))
            }
        }
        self.people = people
        self.teams = teams
    }

    public var personCount: Int { people.count }

    func externalID(_ person: Int) -> String {
        let digits = String(person + 1)
        return "E" + String(repeating: "0", count: max(0, idWidth - digits.count)) + digits
    }

    func roleLevel(of person: Person) -> RoleLevel? {
        guard taxonomy.roles.indices.contains(person.role) else { return nil }
        let levels = taxonomy.roles[person.role].levels
        return levels.indices.contains(person.rungIndex) ? levels[person.rungIndex] : nil
    }

    func requirements(of person: Person) -> [(skill: Int, level: Int)] {
        guard ladders.indices.contains(person.role), ladders[person.role].indices.contains(person.rungIndex) else { return [] }
        return ladders[person.role][person.rungIndex]
    }

    /// `people.csv`, in chunks of about `chunkSize` bytes.
    public func writePeople<Failure: Error>(
        chunkSize: Int = 1 << 20, to sink: @escaping ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        var csv = CSVWriter(flushAt: chunkSize, sink: sink)
        for header in ImportSchema.people.columns.map(\.name) { csv.field(header) }
        try csv.endRow()
        for (index, person) in people.enumerated() {
            csv.field(externalID(index))
            csv.field(SyntheticNames.name(first: person.first, last: person.last, style: person.nameStyle))
            csv.field(SyntheticNames.team(person.team))
            if let manager = person.manager { csv.field(externalID(manager)) } else { csv.empty() }
            csv.field(taxonomy.roles.indices.contains(person.role) ? taxonomy.roles[person.role].id : "")
            csv.integer(roleLevel(of: person)?.rung ?? 1)
            csv.date(CalendarDay(daysSinceEpoch: person.hireDay))
            if let location = person.location { csv.field(SyntheticNames.locations[location]) } else { csv.empty() }
            try csv.endRow()
        }
        try csv.flush()
    }

    /// `evidence.csv`, in chunks of about `chunkSize` bytes.
    public func writeEvidence<Failure: Error>(
        chunkSize: Int = 1 << 20, to sink: @escaping ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        var csv = CSVWriter(flushAt: chunkSize, sink: sink)
        for header in ImportSchema.evidence.columns.map(\.name) { csv.field(header) }
        try csv.endRow()
        let skillIDs = taxonomy.skills.map(\.id)
        var rows: [SyntheticEvidence] = []
        for index in people.indices {
            rows.removeAll(keepingCapacity: true)
            var random = SplitMix64(seed: seed, stream: UInt64(index) + 1)
            SyntheticEvidence.make(for: index, in: self, skillCount: skillIDs.count, random: &random, into: &rows)
            let person = externalID(index)
            for row in rows {
                csv.field(person)
                csv.field(skillIDs[row.skill])
                csv.tenths(row.valueTenths)
                csv.field(row.scale)
                csv.field(row.source.rawValue)
                csv.date(CalendarDay(daysSinceEpoch: row.day), secondsOfDay: row.secondsOfDay, offsetHours: row.offsetHours)
                if let assessor = row.assessor { csv.field(assessor.person.map(externalID) ?? assessor.name) } else { csv.empty() }
                if let reference = row.reference { csv.field(reference) } else { csv.empty() }
                if let validUntil = row.validUntilDay { csv.date(CalendarDay(daysSinceEpoch: validUntil)) } else { csv.empty() }
                try csv.endRow()
            }
        }
        try csv.flush()
    }
}
