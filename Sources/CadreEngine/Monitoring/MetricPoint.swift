/// One headline figure of one run: a metric, the group it describes, and — for gap metrics — the
/// skill. Snapshots, trends, alert rules and both reports speak in these, so a figure has one
/// name everywhere from the store to the Prometheus file.
public struct MetricPoint: Codable, Hashable, Sendable {
    /// A name from `MetricCatalogue` (`readiness`, `plan-cost`, …).
    public var metric: String
    /// `org`, `team:ID` or `role-level:ROLE@RUNG` (see `MetricScope`).
    public var scope: String
    /// The skill a `gap` figure is about; nil for every other metric.
    public var skill: String?
    /// Nil only in a view, where the group is too small for the reader to see its figures.
    public var value: Double?
    /// People in the group, which decides whether a reader may see `value`; nil for figures that
    /// describe no group of people.
    public var headcount: Int?

    public init(metric: String, scope: String, skill: String? = nil, value: Double?, headcount: Int?) {
        self.metric = metric
        self.scope = scope
        self.skill = skill
        self.value = value
        self.headcount = headcount
    }

    /// What identifies the series a point belongs to.
    public var key: MetricKey { MetricKey(metric: metric, scope: scope, skill: skill) }

    /// The point as a reader without operator rights may see it: a group under `threshold`
    /// people keeps its headcount and loses its figure, as every other view does (DESIGN.md §1).
    public func visible(threshold: Int, seesEverything: Bool) -> MetricPoint {
        guard !seesEverything, let headcount, headcount < threshold else { return self }
        var withheld = self
        withheld.value = nil
        return withheld
    }
}

/// A series: the same metric of the same group (and skill) over runs.
public struct MetricKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var metric: String
    public var scope: String
    public var skill: String?

    public init(metric: String, scope: String, skill: String? = nil) {
        self.metric = metric
        self.scope = scope
        self.skill = skill
    }

    public var description: String { skill.map { "\(metric){\(scope), \($0)}" } ?? "\(metric){\(scope)}" }

    public static func < (a: Self, b: Self) -> Bool {
        (a.metric, a.scope, a.skill ?? "") < (b.metric, b.scope, b.skill ?? "")
    }
}

/// The groups a metric can describe, written as one string so a series is three plain columns.
public enum MetricScope {
    public static let organisation = "org"

    public static func team(_ id: String) -> String { "team:" + id }
    public static func roleLevel(_ ref: RoleLevelRef) -> String { "role-level:" + ref.description }

    /// Reads `org`, `team:ID` or `role-level:ROLE@RUNG`; nil for anything else.
    public static func parse(_ text: String) -> (kind: String, id: String)? {
        if text == organisation { return ("org", "") }
        for kind in ["team", "role-level"] where text.hasPrefix(kind + ":") {
            let id = String(text.dropFirst(kind.count + 1))
            guard !id.isEmpty else { return nil }
            if kind == "role-level", RoleLevelRef(parsing: id) == nil { return nil }
            return (kind, id)
        }
        return nil
    }
}

/// The headline figures of one successful run, as stored: computed once from the run's persisted
/// phase results, by `SnapshotBuilder` version `version`.
public struct RunSnapshot: Hashable, Sendable {
    public var runID: Int64
    /// The run's as-of time, epoch seconds: trends are ordered by it, then by run id.
    public var asOf: Int64
    /// `SnapshotBuilder.version` when it was computed; older snapshots are recomputed.
    public var version: Int
    public var points: [MetricPoint]

    public init(runID: Int64, asOf: Int64, version: Int, points: [MetricPoint]) {
        self.runID = runID
        self.asOf = asOf
        self.version = version
        self.points = points
    }

    public func value(of key: MetricKey) -> Double? {
        points.first { $0.key == key }?.value
    }
}
