/// The assessment's figures: readiness, share meeting and headcount of the organisation, of every
/// team and of every role level with people, and the organisation's top gaps — with each team's
/// gap at those same skills, the cells of the report's heat map.
public enum AssessmentMetrics {
    public static let phase = "assessment"
    /// How many of the organisation's largest skill gaps a snapshot keeps.
    public static let topGapCount = 10

    public static let readiness = MetricDefinition(
        name: "readiness", help: "Mean readiness for their own role level (0 to 1).", unit: .ratio,
        prometheusName: "cadre_readiness_ratio", higherIsBetter: true)
    public static let shareMeeting = MetricDefinition(
        name: "share-meeting", help: "Share of people who meet their own role level (0 to 1).", unit: .ratio,
        prometheusName: "cadre_meeting_ratio", higherIsBetter: true)
    public static let headcount = MetricDefinition(
        name: "headcount", help: "People assessed.", unit: .count, prometheusName: "cadre_people", higherIsBetter: true)
    public static let gap = MetricDefinition(
        name: "gap", help: "Sum of importance times gap over a group's requirements of one skill (a top skill gap of the organisation).",
        unit: .score, prometheusName: "cadre_skill_gap_weighted", higherIsBetter: false)

    public static let contributor = MetricContributor(
        phase: phase, definitions: [readiness, shareMeeting, headcount, gap],
        points: { payload in points(try GapMap(decoding: payload)) })

    public static func points(_ map: GapMap) -> [MetricPoint] {
        var points = group(map.org, 0, scope: MetricScope.organisation)
        for t in map.teamIDs.indices where map.teams.headcount[t] > 0 {
            points += group(map.teams, t, scope: MetricScope.team(map.teamIDs[t]))
        }
        for r in 0..<map.taxonomy.roleLevelCount where r < map.roleLevels.count && map.roleLevels.headcount[r] > 0 {
            points += group(map.roleLevels, r, scope: MetricScope.roleLevel(map.taxonomy.roleLevels[r]))
        }
        guard map.org.count > 0 else { return points }
        let orgHeadcount = Int(map.org.headcount[0])
        let top = map.org.topSkills(of: 0, count: topGapCount)
        for gap in top {
            points.append(MetricPoint(
                metric: Self.gap.name, scope: MetricScope.organisation, skill: map.taxonomy.skillIDs[gap.skill],
                value: gap.weightedGap, headcount: orgHeadcount))
        }
        // Each team at the organisation's top skills, zero where nobody in it falls short (or no
        // member's role level asks for the skill), so the heat map has every cell.
        for t in map.teamIDs.indices where map.teams.headcount[t] > 0 {
            let sums = Dictionary(map.teams.skillGaps(of: t).map { ($0.skill, $0.weightedGap) }, uniquingKeysWith: +)
            for gap in top {
                points.append(MetricPoint(
                    metric: Self.gap.name, scope: MetricScope.team(map.teamIDs[t]), skill: map.taxonomy.skillIDs[gap.skill],
                    value: sums[gap.skill] ?? 0, headcount: Int(map.teams.headcount[t])))
            }
        }
        return points
    }

    private static func group(_ aggregates: GroupAggregates, _ g: Int, scope: String) -> [MetricPoint] {
        guard g < aggregates.count else { return [] }
        let people = Int(aggregates.headcount[g])
        let share = people > 0 ? Double(aggregates.meetingCount[g]) / Double(people) : 0
        return [
            MetricPoint(metric: readiness.name, scope: scope, value: aggregates.meanReadiness[g], headcount: people),
            MetricPoint(metric: shareMeeting.name, scope: scope, value: share, headcount: people),
            MetricPoint(metric: headcount.name, scope: scope, value: Double(people), headcount: people),
        ]
    }
}
