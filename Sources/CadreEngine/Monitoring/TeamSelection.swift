/// The teams a report shows when an organisation has more than a page can hold: those with the
/// largest Σ importance × gap over the organisation's top skill gaps (a withheld figure counts as
/// none), ties by team id. cadred limits a snapshot to them on request, and the HTML report picks
/// them the same way from a whole snapshot.
public enum TeamSelection {
    /// Every team of the snapshot's points, by id.
    public static func teams(in points: [MetricPoint]) -> [String] {
        var teams: [String] = []
        for point in points where point.metric == AssessmentMetrics.headcount.name {
            if case ("team", let id)? = MetricScope.parse(point.scope) { teams.append(id) }
        }
        return teams.sorted()
    }

    /// The `limit` teams with the largest gaps, by id; every team when there are no more.
    public static func largestGaps(in points: [MetricPoint], limit: Int) -> [String] {
        let teams = teams(in: points)
        guard teams.count > limit else { return teams }
        let topSkills = Set(points.filter { $0.metric == AssessmentMetrics.gap.name && $0.scope == MetricScope.organisation }
            .compactMap(\.skill))
        var gap: [String: Double] = [:]
        for point in points where point.metric == AssessmentMetrics.gap.name {
            guard let skill = point.skill, topSkills.contains(skill), case ("team", let id)? = MetricScope.parse(point.scope) else { continue }
            gap[id, default: 0] += point.value ?? 0
        }
        return teams.map { (team: $0, gap: gap[$0] ?? 0) }
            .sorted { $0.gap != $1.gap ? $0.gap > $1.gap : Array($0.team.utf8).lexicographicallyPrecedes(Array($1.team.utf8)) }
            .prefix(max(0, limit)).map(\.team).sorted()
    }

    /// The points of the organisation, role levels and the chosen teams only.
    public static func limited(_ points: [MetricPoint], toTeams limit: Int) -> [MetricPoint] {
        let kept = Set(largestGaps(in: points, limit: limit))
        return points.filter { point in
            guard case ("team", let id)? = MetricScope.parse(point.scope) else { return true }
            return kept.contains(id)
        }
    }
}
