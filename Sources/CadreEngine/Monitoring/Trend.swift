/// One run's value in a series.
public struct TrendPoint: Codable, Hashable, Sendable {
    public var runID: Int64
    /// Epoch seconds.
    public var asOf: Int64
    /// Nil where withheld from the reader (a group under `smallTeamThreshold` people then).
    public var value: Double?
    public var headcount: Int?

    public init(runID: Int64, asOf: Int64, value: Double?, headcount: Int?) {
        self.runID = runID
        self.asOf = asOf
        self.value = value
        self.headcount = headcount
    }
}

/// A metric over runs, and how it moved: the question monitoring answers.
public struct Trend: Hashable, Sendable {
    /// How far back "over 90 days" looks.
    public static let window: Int64 = 90 * 86_400

    /// By as-of time, then run id (runs sharing an as-of keep the order they were made in).
    public var points: [TrendPoint]

    public init(points: [TrendPoint]) {
        self.points = points.sorted { ($0.asOf, $0.runID) < ($1.asOf, $1.runID) }
    }

    public var latest: TrendPoint? { points.last }

    /// The latest value minus the one before it; nil with fewer than two runs or when either is
    /// withheld.
    public var changeSincePrevious: Double? {
        guard points.count >= 2, let last = points[points.count - 1].value, let before = points[points.count - 2].value
        else { return nil }
        return last - before
    }

    /// The latest value minus the value of the latest run at least 90 days older (as-of times);
    /// nil when there is none (the history is shorter) or either value is withheld.
    public var changeOver90Days: Double? {
        guard let last = points.last, let value = last.value else { return nil }
        guard let then = points.last(where: { $0.asOf <= last.asOf - Self.window }), let old = then.value else { return nil }
        return value - old
    }
}
