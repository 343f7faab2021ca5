/// Voluntary attrition by segment over the year `(D − 365, D]`: each segment's headcount on both
/// ends of the year and the departures in it, each counted in the segment the person was in on
/// their last day.
extension RetentionHistory {
    public static let research = (atOrAbove: "at-or-above", below: "below", noData: "no-data")

    func attrition(endingOn day: CalendarDay, policy: RetentionPolicy) -> [AttritionSegment] {
        let end = day.daysSinceEpoch, start = end - 365
        let roles = Array(Set(ladder.taxonomy.roleLevels.map(\.role))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var roleIndex: [String: Int] = [:]
        for (index, role) in roles.enumerated() { roleIndex[role] = index }
        let roleOfLevel = ladder.taxonomy.roleLevels.map { roleIndex[$0.role] ?? 0 }
        let teamBase = 6, roleBase = 6 + teamIDs.count
        let slotCount = roleBase + roles.count
        var headStart = Array(repeating: 0, count: slotCount)
        var headEnd = Array(repeating: 0, count: slotCount)
        var voluntary = Array(repeating: 0, count: slotCount)
        var involuntary = Array(repeating: 0, count: slotCount)

        /// The slots `person` counts in on `day`: organisation, next rung, research, team, role.
        func slots(_ person: Int, _ day: Int64) -> [Int] {
            let level = roleLevel(of: person, on: day).roleLevel
            let research = researchShare(of: person, on: day).map { $0 < policy.researchSharePercent ? 4 : 3 } ?? 5
            return [0, ladder.nextRung[level] >= 0 ? 1 : 2, research,
                    teamBase + Int(personTeam[person]), roleBase + roleOfLevel[level]]
        }

        for person in 0..<personCount {
            if isEmployed(person, on: start) { for slot in slots(person, start) { headStart[slot] += 1 } }
            if isEmployed(person, on: end) { for slot in slots(person, end) { headEnd[slot] += 1 } }
            let left = departureDay[person]
            if left > start, left <= end, left > hireDay[person] {
                for slot in slots(person, left - 1) {
                    if departureVoluntary[person] { voluntary[slot] += 1 } else { involuntary[slot] += 1 }
                }
            }
        }

        let names: [(AttritionDimension, String)] =
            [(.organisation, "all"), (.nextRung, "exists"), (.nextRung, "none"),
             (.research, Self.research.atOrAbove), (.research, Self.research.below), (.research, Self.research.noData)]
            + teamIDs.map { (.team, $0) } + roles.map { (.role, $0) }
        return names.enumerated().map { slot, name in
            let both = headStart[slot] + headEnd[slot]
            return AttritionSegment(
                dimension: name.0, key: name.1, headcountStart: headStart[slot], headcountEnd: headEnd[slot],
                voluntaryDepartures: voluntary[slot], involuntaryDepartures: involuntary[slot],
                rate: both == 0 ? nil : Double(2 * voluntary[slot]) / Double(both))
        }
    }
}
