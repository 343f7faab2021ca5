/// The people and their HR events, numbered and sorted once, so that any person's state on any
/// day — employed or not, role level, when they reached it, research share, conferences, manager
/// changes — is a few binary searches.
///
/// People keep the order they are given in, which must be the person order of the
/// `SkillEstimates` retention is run with. Teams are numbered in byte order of their ids.
public struct RetentionHistory: Hashable, Sendable {
    /// `Int64.max` in `departureDay` when the person has not left.
    static let stillEmployed = Int64.max

    public let personIDs: [String]
    /// Ascending by UTF-8 bytes.
    public let teamIDs: [String]
    let personTeam: [Int32]
    /// Days since the epoch.
    let hireDay: [Int64]
    /// The first day without employment, or `stillEmployed`.
    let departureDay: [Int64]
    let departureVoluntary: [Bool]
    /// The role level held from the hire day until the first promotion.
    let initialRoleLevel: [Int32]
    /// Role level moved into, by day.
    let promotions: DatedColumn<Int32>
    /// Only the manager-change events that are changes (see `init`).
    let managerChanges: DatedColumn<Bool>
    /// Research-time share in percent, from each day on.
    let research: DatedColumn<Double>
    /// Conferences attended or funded.
    let conferences: DatedColumn<Bool>
    public let ladder: RetentionLadder

    public var personCount: Int { personIDs.count }

    /// Numbers the people and sorts their events.
    ///
    /// The role level a person holds on a day is the one their latest promotion on or before it
    /// moved them into. Before their first promotion they hold the rung just below it on the same
    /// ladder — the people file only states the current level — or, when it is the foot of a
    /// ladder (a move into a new role), that level itself; people without promotions hold their
    /// people-file level throughout.
    ///
    /// A manager-change event is a *change* when the person already had a manager just before
    /// it: one named by an earlier manager-change event (and then only if the new manager is
    /// someone else), or — when it is their first such event — the manager the people file names,
    /// provided the event falls after the hire day. An event on the hire day, or one for a person
    /// the people file gives no manager, is the first assignment.
    ///
    /// Contradictory events (which the HR-events import refuses) are settled so the result does
    /// not depend on event order: of same-day promotions or research shares the greatest level
    /// or share counts; of several departures the earliest (involuntary first on one day).
    ///
    /// - Throws: `InputErrors` (`retention.malformed-input`) for a person id used twice, an event
    ///   for a person not in `people`, or a role level the ladder's taxonomy lacks.
    public init(people: [ImportedPerson], events: [HREvent], ladder: RetentionLadder) throws {
        func malformed(_ field: String, _ message: String) -> InputErrors {
            InputErrors([InputError(.retentionMalformedInput, file: "<retention input>", field: field, message: message)])
        }
        let count = people.count
        guard count < Int(Int32.max) else { throw malformed("people", "more than 2³¹ − 1 people") }
        var index: [String: Int] = [:]
        index.reserveCapacity(count)
        for (p, person) in people.enumerated() {
            guard index.updateValue(p, forKey: person.externalID) == nil else {
                throw malformed("people[\(p)]", "the id `\(person.externalID)` is used twice")
            }
        }
        let teams = Array(Set(people.map(\.team))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var teamIndex: [String: Int32] = [:]
        for (t, team) in teams.enumerated() { teamIndex[team] = Int32(t) }

        var promotionEntries = Array(repeating: [(day: Int64, value: Int32)](), count: count)
        var managerEvents = Array(repeating: [(day: Int64, manager: String)](), count: count)
        var researchEntries = Array(repeating: [(day: Int64, value: Double)](), count: count)
        var conferenceEntries = Array(repeating: [(day: Int64, value: Bool)](), count: count)
        var departureDay = Array(repeating: Self.stillEmployed, count: count)
        var departureVoluntary = Array(repeating: false, count: count)
        for (e, event) in events.enumerated() {
            guard let p = index[event.person] else {
                throw malformed("events[\(e)].person", "no person has the id `\(event.person)`")
            }
            let day = event.date.daysSinceEpoch
            switch event.detail {
            case .promotion(let role, let rung):
                let ref = RoleLevelRef(role: role, rung: rung)
                guard let r = ladder.taxonomy.roleLevelIndex(ref) else {
                    throw malformed("events[\(e)]", "the taxonomy has no role level \(ref)")
                }
                promotionEntries[p].append((day, Int32(r)))
            case .departure(let voluntary):
                if day < departureDay[p] || (day == departureDay[p] && !voluntary) {
                    departureDay[p] = day
                    departureVoluntary[p] = voluntary
                }
            case .managerChange(let manager):
                managerEvents[p].append((day, manager))
            case .researchTime(let share):
                researchEntries[p].append((day, share))
            case .conference:
                conferenceEntries[p].append((day, true))
            }
        }

        var initial: [Int32] = []
        initial.reserveCapacity(count)
        var changeEntries = Array(repeating: [(day: Int64, value: Bool)](), count: count)
        for (p, person) in people.enumerated() {
            guard let own = ladder.taxonomy.roleLevelIndex(person.roleLevel) else {
                throw malformed("people[\(p)]", "the taxonomy has no role level \(person.roleLevel)")
            }
            if let first = promotionEntries[p].min(by: { ($0.day, $0.value) < ($1.day, $1.value) }) {
                initial.append(ladder.previousRung(Int(first.value)).map(Int32.init) ?? first.value)
            } else {
                initial.append(Int32(own))
            }
            let hire = person.hireDate.daysSinceEpoch
            var previous: String? = nil
            let sorted = managerEvents[p].sorted {
                $0.day != $1.day ? $0.day < $1.day : $0.manager.utf8.lexicographicallyPrecedes($1.manager.utf8)
            }
            for event in sorted {
                let isChange = if let previous { previous != event.manager } else { event.day > hire && person.manager != nil }
                if isChange { changeEntries[p].append((event.day, true)) }
                previous = event.manager
            }
        }

        personIDs = people.map(\.externalID)
        teamIDs = teams
        personTeam = people.map { teamIndex[$0.team] ?? -1 }
        hireDay = people.map { $0.hireDate.daysSinceEpoch }
        self.departureDay = departureDay
        self.departureVoluntary = departureVoluntary
        initialRoleLevel = initial
        promotions = DatedColumn(personCount: count, entries: promotionEntries, order: <)
        managerChanges = DatedColumn(personCount: count, entries: changeEntries) { _, _ in false }
        research = DatedColumn(personCount: count, entries: researchEntries, order: <)
        conferences = DatedColumn(personCount: count, entries: conferenceEntries) { _, _ in false }
        self.ladder = ladder
    }

    /// Hired on or before `day` and not yet departed: `hired ≤ day < departed`.
    public func isEmployed(_ person: Int, on day: Int64) -> Bool {
        hireDay[person] <= day && day < departureDay[person]
    }

    /// The role level held on `day` and the day it was reached (the promotion into it, or the
    /// hire day).
    func roleLevel(of person: Int, on day: Int64) -> (roleLevel: Int, reached: Int64) {
        if let entry = promotions.latest(of: person, onOrBefore: day) {
            return (Int(promotions.values[entry]), promotions.days[entry])
        }
        return (Int(initialRoleLevel[person]), hireDay[person])
    }

    /// The latest research-time share on or before `day`; nil when none is known.
    func researchShare(of person: Int, on day: Int64) -> Double? {
        research.latest(of: person, onOrBefore: day).map { research.values[$0] }
    }
}
