import CadreEngine

/// Monitoring: trends over runs (`GetTrend`) and a run's snapshot (`GetSnapshot`). A snapshot's
/// figures travel as the engine's `MetricPoint`, whose fields are the wire's.
extension Workforce {
    public struct GetTrendParameters: Codable, Hashable, Sendable {
        public var metric: String?
        public var scope: String?
        public var skill: String?
        public var since: String?

        public init(metric: String? = nil, scope: String? = nil, skill: String? = nil, since: String? = nil) {
            self.metric = metric
            self.scope = scope
            self.skill = skill
            self.since = since
        }
    }

    public struct TrendPointView: Codable, Hashable, Sendable {
        public var run: Int64
        public var asOf: String
        public var value: Double?
        public var headcount: Int?

        public init(run: Int64, asOf: String, value: Double?, headcount: Int?) {
            self.run = run
            self.asOf = asOf
            self.value = value
            self.headcount = headcount
        }
    }

    public struct TrendReply: Codable, Hashable, Sendable {
        public var metric: String
        public var scope: String
        public var skill: String?
        public var points: [TrendPointView]
        public var changeSincePrevious: Double?
        public var changeOver90Days: Double?

        public init(
            metric: String, scope: String, skill: String?, points: [TrendPointView], changeSincePrevious: Double?,
            changeOver90Days: Double?
        ) {
            self.metric = metric
            self.scope = scope
            self.skill = skill
            self.points = points
            self.changeSincePrevious = changeSincePrevious
            self.changeOver90Days = changeOver90Days
        }
    }

    public struct GetSnapshotParameters: Codable, Hashable, Sendable {
        public var run: Int64?
        /// At most this many teams' points: those with the largest gaps (`TeamSelection`).
        public var teams: Int?
        public init(run: Int64? = nil, teams: Int? = nil) {
            self.run = run
            self.teams = teams
        }
    }

    public struct SnapshotReply: Codable, Hashable, Sendable {
        public var run: Int64
        public var asOf: String
        public var metrics: [MetricPoint]
        public var finishedRuns: [String: Int]
        public var alerts: [String]
        public var alertsBySeverity: [String: Int]
        /// How many teams the snapshot has, when `teams` limited those sent.
        public var teamCount: Int?

        public init(
            run: Int64, asOf: String, metrics: [MetricPoint], finishedRuns: [String: Int], alerts: [String],
            alertsBySeverity: [String: Int], teamCount: Int? = nil
        ) {
            self.teamCount = teamCount
            self.run = run
            self.asOf = asOf
            self.metrics = metrics
            self.finishedRuns = finishedRuns
            self.alerts = alerts
            self.alertsBySeverity = alertsBySeverity
        }

        /// The Prometheus text of this snapshot: the same renderer cadred's own file uses.
        public func prometheusText() -> String {
            PrometheusExposition(
                runID: run, asOf: Timestamp.parse(asOf) ?? 0, points: metrics, finishedRuns: finishedRuns,
                alertsFiring: alertsBySeverity
            ).text()
        }
    }
}
