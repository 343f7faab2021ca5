/// A deterministic made-up HR history for a set of people: promotions back to each person's
/// hire (consistent with the level the people file gives), research-time shares, conferences,
/// manager changes and departures over the last `years` years, written as the HR-events CSV a
/// user would import.
///
/// Departures are drawn month by month from a known model, so a fit on the result can be checked
/// against it: people with no next rung, overdue promotions, research time below policy, no
/// recent conference or a recent manager change leave more often (`plantedCoefficients`).
public struct SyntheticHistory: Sendable {
    public let events: [HREvent]
    public let asOf: CalendarDay

    /// The annual-risk model departures are drawn from: β0 then one per `RetentionSignal`.
    /// `readyNotPromoted` plays no part (the history knows no skills).
    public static let plantedCoefficients: [Double] = [-2.6, 0.9, 0, 1.2, 0.8, 0.7, 1.0]
    /// The research-time share (percent) the planted model compares against.
    public static let researchPolicyPercent = 10.0
    static let conferences = ["NeurIPS", "ICML", "ICLR", "KDD", "PyData", "MLOps World", "ACL"]

    /// - Parameters:
    ///   - people: the people file's records; each keeps the role level it states on `asOf`.
    ///   - ladder: role levels, ladders and expected months (24 where a rung has none).
    public init(people: [ImportedPerson], ladder: RetentionLadder, seed: UInt64, asOf: CalendarDay, years: Int = 3) {
        self.asOf = asOf
        var events: [HREvent] = []
        for (index, person) in people.enumerated() {
            guard let level = ladder.taxonomy.roleLevelIndex(person.roleLevel) else { continue }
            var random = SplitMix64(seed: seed ^ 0x4852_4556_454E_5453, stream: UInt64(index) + 1)
            let personEvents = Self.history(of: index, person, level: level, among: people, ladder: ladder,
                                             asOf: asOf, years: years, random: &random)
            events.append(contentsOf: personEvents)
        }
        self.events = events
    }

    /// The people of a synthetic organisation as its people file states them.
    public static func people(of organisation: SyntheticOrganisation) -> [ImportedPerson] {
        organisation.people.enumerated().map { index, person in
            ImportedPerson(
                externalID: organisation.externalID(index),
                name: SyntheticNames.name(first: person.first, last: person.last, style: person.nameStyle),
                team: SyntheticNames.team(person.team), manager: person.manager.map(organisation.externalID),
                role: organisation.taxonomy.roles.indices.contains(person.role) ? organisation.taxonomy.roles[person.role].id : "",
                rung: organisation.roleLevel(of: person)?.rung ?? 1,
                hireDate: CalendarDay(daysSinceEpoch: person.hireDay),
                location: person.location.map { SyntheticNames.locations[$0] })
        }
    }

    private static func history(
        of index: Int, _ person: ImportedPerson, level: Int, among people: [ImportedPerson], ladder: RetentionLadder,
        asOf: CalendarDay, years: Int, random: inout SplitMix64
    ) -> [HREvent] {
        let today = asOf.daysSinceEpoch, hire = person.hireDate.daysSinceEpoch
        guard hire <= today else { return [] }
        let start = max(hire, today - 365 * Int64(years))
        var events: [HREvent] = []
        func add(_ day: Int64, _ detail: HREvent.Detail) {
            events.append(HREvent(person: person.externalID, date: CalendarDay(daysSinceEpoch: day), detail: detail))
        }
        func expected(_ r: Int) -> Int { ladder.expectedMonths[r] ?? 24 }

        // Promotions, walking down the ladder from today's level until the hire; `chain` holds
        // each level held and the day it was reached, oldest first.
        var current = level
        var reached = today - Int64(random.unit() * 2.2 * Double(expected(current)) * 30.44)
        var chain: [(level: Int, reached: Int64)] = []
        while reached > hire, let previous = ladder.previousRung(current) {
            let ref = ladder.taxonomy.roleLevels[current]
            add(reached, .promotion(role: ref.role, rung: ref.rung))
            chain.insert((current, reached), at: 0)
            current = previous
            reached -= Int64((0.6 + 0.8 * random.unit()) * Double(expected(current)) * 30.44)
        }
        chain.insert((current, hire), at: 0)

        // Research time: most people have a share on record; some change it once.
        var shares: [(day: Int64, share: Double)] = []
        func drawShare() -> Double { random.chance(0.35) ? Double(5 * random.below(2)) : Double([10, 15, 20, 30][random.below(4)]) }
        if random.chance(0.85) {
            shares.append((start, drawShare()))
            if random.chance(0.3), today > start {
                shares.append((start + 1 + Int64(random.below(Int(today - start))), drawShare()))
            }
        }
        for entry in shares { add(entry.day, .researchTime(sharePercent: entry.share)) }

        // Conferences, a chance per half-year.
        var conferenceDays: [Int64] = []
        let keen = random.chance(0.5) ? 0.6 : 0.15
        var slot = start
        while slot + 182 <= today {
            if random.chance(keen) {
                let day = slot + Int64(random.below(182))
                conferenceDays.append(day)
                add(day, .conference(name: conferences[random.below(conferences.count)],
                                     participation: random.chance(0.8) ? .attended : .funded))
            }
            slot += 182
        }

        // Manager changes, about one in three years, each to someone new.
        var changeDays: [Int64] = []
        var manager = person.manager
        var step = start + 30
        while step <= today, people.count > 2 {
            if random.chance(1.0 / 36) {
                var other = random.below(people.count)
                while other == index || people[other].externalID == manager { other = random.below(people.count) }
                if step > hire && manager != nil { changeDays.append(step) }
                manager = people[other].externalID
                add(step, .managerChange(manager: people[other].externalID))
            }
            step += 30
        }

        // Departures, month by month, from the planted model. A departure before a promotion
        // takes the promotion (and everything else after it) out of the history.
        var day = start + 30
        while day <= today {
            let held = chain.last { $0.reached <= day } ?? chain[0]
            let months = CalendarMonths.whole(from: CalendarDay(daysSinceEpoch: held.reached), to: CalendarDay(daysSinceEpoch: day))
            let overdue = ladder.expectedMonths[held.level].map { min(2, max(0, Double(months) / Double($0) - 1)) } ?? 0
            let next = ladder.nextRung[held.level]
            let share = shares.last { $0.day <= day }?.share
            let x: [Double] = [
                overdue, 0, next < 0 ? 1 : 0, share.map { $0 < researchPolicyPercent ? 1 : 0 } ?? 0,
                conferenceDays.contains { $0 > day - 365 && $0 <= day } ? 0 : 1,
                changeDays.contains { $0 > day - 182 && $0 <= day } ? 1 : 0,
            ]
            var z = plantedCoefficients[0]
            for j in x.indices { z += plantedCoefficients[j + 1] * x[j] }
            let leaves = random.chance(RetentionFit.logistic(z) / 12)
            let dismissed = !leaves && random.chance(0.002)
            if leaves || dismissed {
                let left = max(hire + 1, day - Int64(random.below(30)))
                events.removeAll { $0.date.daysSinceEpoch >= left }
                add(left, .departure(voluntary: leaves))
                break
            }
            day += 30
        }
        return events.sorted { a, b in
            a.date != b.date ? a.date < b.date : a.kind.rank < b.kind.rank
        }
    }

    /// The HR-events CSV, in chunks of about `chunkSize` bytes.
    public func writeEvents<Failure: Error>(
        chunkSize: Int = 1 << 20, to sink: @escaping ([UInt8]) throws(Failure) -> Void
    ) throws(Failure) {
        var csv = CSVWriter(flushAt: chunkSize, sink: sink)
        for header in ImportSchema.hrEvents.columns.map(\.name) { csv.field(header) }
        try csv.endRow()
        for event in events {
            csv.field(event.person)
            csv.field(event.kind.rawValue)
            csv.date(event.date)
            var cells: [Int: String] = [:]
            switch event.detail {
            case .promotion(let role, let rung): cells = [HREventColumn.role: role, HREventColumn.rung: String(rung)]
            case .departure(let voluntary): cells = [HREventColumn.voluntary: voluntary ? "yes" : "no"]
            case .managerChange(let manager): cells = [HREventColumn.manager: manager]
            case .researchTime(let share): cells = [HREventColumn.share: String(Int(share))]
            case .conference(let name, let participation):
                cells = [HREventColumn.conference: name, HREventColumn.participation: participation.rawValue]
            }
            for column in HREventColumn.allDetails {
                if let cell = cells[column] { csv.field(cell) } else { csv.empty() }
            }
            try csv.endRow()
        }
        try csv.flush()
    }
}
