/// The credentialing, retention and sourcing phases' figures in every snapshot: credentials
/// expiring and the renewal worklist; mean attrition risk (organisation and team); the sourcing
/// plan's seats, hires and unfilled seats, build and buy cost.
public enum CredentialMetrics {
    public static let credentialsExpiring = MetricDefinition(
        name: "credentials-expiring", help: "Valid credential holdings expiring within the renewal lead days.", unit: .count,
        prometheusName: "cadre_credentials_expiring", higherIsBetter: false)
    public static let credentialsExpired = MetricDefinition(
        name: "credentials-expired", help: "Credential holdings expired by the as-of date.", unit: .count,
        prometheusName: "cadre_credentials_expired", higherIsBetter: false)
    public static let renewalCost = MetricDefinition(
        name: "renewal-cost", help: "Cost of the renewal worklist, in minor units.", unit: .money,
        prometheusName: "cadre_credentials_renewal_cost_minor_units", higherIsBetter: false)

    public static let contributor = MetricContributor(
        phase: "credentialing", definitions: [credentialsExpiring, credentialsExpired, renewalCost],
        points: { payload in
            guard !payload.isEmpty else { return [] }
            let result = try CredentialingResult(decoding: payload)
            let people = Set(result.holdings.map(\.holding.person)).count
            return [
                MetricPoint(
                    metric: credentialsExpiring.name, scope: MetricScope.organisation,
                    value: Double(result.byCredential.reduce(0) { $0 + $1.expiring }), headcount: people),
                MetricPoint(
                    metric: credentialsExpired.name, scope: MetricScope.organisation,
                    value: Double(result.byCredential.reduce(0) { $0 + $1.expired }), headcount: people),
                MetricPoint(metric: renewalCost.name, scope: MetricScope.organisation, value: Double(result.worklistCost), headcount: people),
            ]
        })
}

public enum RetentionMetrics {
    public static let meanRisk = MetricDefinition(
        name: "mean-risk", help: "Mean attrition risk of the people employed on the as-of date.", unit: .ratio,
        prometheusName: "cadre_retention_mean_risk_ratio", higherIsBetter: false)

    public static let contributor = MetricContributor(
        phase: "retention", definitions: [meanRisk],
        points: { payload in
            guard !payload.isEmpty else { return [] }
            let result = try RetentionResult(decoding: payload)
            var points = [
                MetricPoint(
                    metric: meanRisk.name, scope: MetricScope.organisation, value: result.distribution.mean,
                    headcount: result.people.count)
            ]
            var byTeam: [String: (sum: Double, count: Int)] = [:]
            for person in result.people { byTeam[person.team, default: (0, 0)].sum += person.risk; byTeam[person.team, default: (0, 0)].count += 1 }
            for team in byTeam.keys.sorted() {
                guard let (sum, count) = byTeam[team], count > 0 else { continue }
                points.append(MetricPoint(metric: meanRisk.name, scope: MetricScope.team(team), value: sum / Double(count), headcount: count))
            }
            return points
        })
}

public enum SourcingMetrics {
    public static let openSeats = MetricDefinition(
        name: "planned-seats", help: "Seats the workforce plan asks for.", unit: .count,
        prometheusName: "cadre_sourcing_planned_seats", higherIsBetter: false)
    public static let unfilledSeats = MetricDefinition(
        name: "unfilled-seats", help: "Planned seats no track fills.", unit: .count,
        prometheusName: "cadre_sourcing_unfilled_seats", higherIsBetter: false)
    public static let buildCost = MetricDefinition(
        name: "build-cost", help: "Learning plans of the upskilled and transferred, in minor units.", unit: .money,
        prometheusName: "cadre_sourcing_build_cost_minor_units", higherIsBetter: false)
    public static let buyCost = MetricDefinition(
        name: "buy-cost", help: "Hires, in minor units.", unit: .money,
        prometheusName: "cadre_sourcing_buy_cost_minor_units", higherIsBetter: false)

    public static let contributor = MetricContributor(
        phase: "sourcing", definitions: [openSeats, unfilledSeats, buildCost, buyCost],
        points: { payload in
            guard !payload.isEmpty else { return [] }
            let plan = try SourcingPlan(decoding: payload)
            let totals = plan.totals
            let seats = totals.target
            return [
                MetricPoint(metric: openSeats.name, scope: MetricScope.organisation, value: Double(seats), headcount: seats),
                MetricPoint(metric: unfilledSeats.name, scope: MetricScope.organisation, value: Double(totals.unfilled), headcount: seats),
                MetricPoint(metric: buildCost.name, scope: MetricScope.organisation, value: Double(totals.buildCost), headcount: seats),
                MetricPoint(metric: buyCost.name, scope: MetricScope.organisation, value: Double(totals.buyCost), headcount: seats),
            ]
        })
}
