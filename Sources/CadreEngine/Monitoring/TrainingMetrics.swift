/// The training phase's figures: what the learning plans toward everyone's own role level cost
/// and take, how many people have one, and how many skills no course can close — for the
/// organisation, and cost and people with plans per team.
public enum TrainingMetrics {
    public static let phase = "training"

    public static let planCost = MetricDefinition(
        name: "plan-cost", help: "Total cost of the learning plans, in minor units of the catalogue's currency.", unit: .money,
        prometheusName: "cadre_training_plan_cost_minor_units", higherIsBetter: false)
    public static let planHours = MetricDefinition(
        name: "plan-hours", help: "Total learning time of the plans.", unit: .hours,
        prometheusName: "cadre_training_plan_duration_seconds", higherIsBetter: false)
    public static let peopleWithPlans = MetricDefinition(
        name: "people-with-plans", help: "People whose plan has at least one course.", unit: .count,
        prometheusName: "cadre_training_people_with_plans", higherIsBetter: false)
    public static let peopleBlocked = MetricDefinition(
        name: "people-blocked", help: "People with a target no course can close.", unit: .count,
        prometheusName: "cadre_training_people_blocked", higherIsBetter: false)
    public static let uncoverableSkills = MetricDefinition(
        name: "uncoverable-skills", help: "Skills with a target no chain of catalogue courses can close.", unit: .count,
        prometheusName: "cadre_training_uncoverable_skills", higherIsBetter: false)

    public static let contributor = MetricContributor(
        phase: phase, definitions: [planCost, planHours, peopleWithPlans, peopleBlocked, uncoverableSkills],
        points: { payload in
            // A run without a course catalogue stores no training payload: no figures, not zeros.
            payload.isEmpty ? [] : points(try TrainingResult(decoding: payload))
        })

    public static func points(_ result: TrainingResult) -> [MetricPoint] {
        let org = result.organisation
        let people = org.people
        var points = [
            MetricPoint(metric: planCost.name, scope: MetricScope.organisation, value: Double(org.cost), headcount: people),
            MetricPoint(metric: planHours.name, scope: MetricScope.organisation, value: Double(org.hours) / 100, headcount: people),
            MetricPoint(
                metric: peopleWithPlans.name, scope: MetricScope.organisation, value: Double(org.peopleWithPlans), headcount: people),
            MetricPoint(metric: peopleBlocked.name, scope: MetricScope.organisation, value: Double(org.peopleBlocked), headcount: people),
            MetricPoint(
                metric: uncoverableSkills.name, scope: MetricScope.organisation, value: Double(result.uncoverableSkills.count),
                headcount: people),
        ]
        for (t, rollup) in result.byTeam.enumerated() where rollup.people > 0 {
            let scope = MetricScope.team(result.teamIDs[t])
            points.append(MetricPoint(metric: planCost.name, scope: scope, value: Double(rollup.cost), headcount: rollup.people))
            points.append(MetricPoint(
                metric: peopleWithPlans.name, scope: scope, value: Double(rollup.peopleWithPlans), headcount: rollup.people))
        }
        return points
    }
}
