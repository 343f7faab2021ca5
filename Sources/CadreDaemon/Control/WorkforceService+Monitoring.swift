import CadreEngine
import CadreStore
import CadreWire

/// Trends over runs and a run's snapshot. Readers get the same small-group rule as every other
/// view: a group under the configured `smallTeamThreshold` shows its headcount, not its figures.
extension WorkforceService {
    func dispatchMonitoring(_ method: Workforce.Method, _ call: VarlinkCall, peer: PeerCredentials) async throws -> CallOutcome {
        let seesEverything = await authorizer.access(of: peer) >= .operator
        let threshold = policy().smallTeamThreshold
        switch method {
        case .getTrend:
            let parameters = try call.decodeParameters(as: Workforce.GetTrendParameters.self)
            let key = try Self.trendKey(parameters)
            let since = try parameters.since.map(Self.asOfAtLeast)
            let trend = Trend(
                points: try await store.series(key, asOfAtLeast: since).map {
                    var point = $0
                    if !seesEverything, let headcount = point.headcount, headcount < threshold { point.value = nil }
                    return point
                })
            return reply(
                Workforce.TrendReply(
                    metric: key.metric, scope: key.scope, skill: key.skill,
                    points: trend.points.map {
                        Workforce.TrendPointView(
                            run: $0.runID, asOf: Timestamp.format(epochSeconds: $0.asOf), value: $0.value, headcount: $0.headcount)
                    },
                    changeSincePrevious: trend.changeSincePrevious, changeOver90Days: trend.changeOver90Days))
        default:
            let parameters = try call.decodeParameters(as: Workforce.GetSnapshotParameters.self)
            if let teams = parameters.teams, teams < 1 {
                throw ControlFailure.invalidParameter("teams", "at least one team: \(teams) leaves none")
            }
            let alerts = await supervisor.monitoringAlerts
            guard let exposition = try await PrometheusTextFile.exposition(
                store: store, threshold: threshold, seesEverything: seesEverything, alerts: alerts, runID: parameters.run)
            else {
                throw ControlFailure(
                    Workforce.ErrorName.noSnapshot,
                    Workforce.HintError(
                        hint: parameters.run.map { "run \($0) has no snapshot: only runs that succeeded have one" }
                            ?? "no run has succeeded yet: cadrectl run --wait"))
            }
            var points = exposition.points
            var teamCount: Int?
            if let teams = parameters.teams {
                teamCount = TeamSelection.teams(in: points).count
                points = TeamSelection.limited(points, toTeams: teams)
            }
            return reply(
                Workforce.SnapshotReply(
                    run: exposition.runID, asOf: Timestamp.format(epochSeconds: exposition.asOf), metrics: points,
                    finishedRuns: exposition.finishedRuns, alerts: alerts.lines, alertsBySeverity: exposition.alertsFiring,
                    teamCount: teamCount))
        }
    }

    static func trendKey(_ parameters: Workforce.GetTrendParameters) throws -> MetricKey {
        let metric = parameters.metric ?? AssessmentMetrics.readiness.name
        guard SnapshotBuilder.definition(metric) != nil else {
            throw ControlFailure.invalidParameter(
                "metric", "'\(metric)' is not a snapshot metric; one of " + SnapshotBuilder.definitions.map(\.name).joined(separator: ", "))
        }
        let scope = parameters.scope ?? MetricScope.organisation
        guard MetricScope.parse(scope) != nil else {
            throw ControlFailure.invalidParameter("scope", "'\(scope)' is not org, team:ID or role-level:ROLE@RUNG")
        }
        if metric == AssessmentMetrics.gap.name, parameters.skill == nil {
            throw ControlFailure.invalidParameter("skill", "a gap trend is about one skill: give its id")
        }
        if metric != AssessmentMetrics.gap.name, parameters.skill != nil {
            throw ControlFailure.invalidParameter("skill", "only the gap metric is per skill")
        }
        return MetricKey(metric: metric, scope: scope, skill: parameters.skill)
    }

    /// `since` as the earliest as-of time kept. A date D keeps runs whose as-of date is D or
    /// later: as of D means T = the start of D + 1, so T > the start of D.
    static func asOfAtLeast(_ text: String) throws -> Int64 {
        guard let instant = Timestamp.parse(text) else {
            throw ControlFailure.invalidParameter("since", "'\(text)' is not a date (YYYY-MM-DD) or RFC 3339 time")
        }
        return text.count == 10 ? instant + 1 : instant
    }
}
