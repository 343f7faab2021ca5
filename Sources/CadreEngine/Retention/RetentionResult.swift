/// What the retention phase computes for one as-of day: each employed person's signals, risk
/// and reasons; the model that scored them; attrition by segment; and the shape of the risk.
///
/// Per-person entries are for operators; readers see segments of at least the privacy
/// threshold, which the counts here let the caller enforce.
public struct RetentionResult: Hashable, Sendable, Codable {
    public var asOf: CalendarDay
    public var policy: RetentionPolicy
    public var model: RetentionModel
    /// People employed on the as-of day, in the history's person order.
    public var people: [PersonRisk]
    /// Organisation first, then next rung, research time, teams and roles; keys ascending by bytes
    /// within each dimension.
    public var segments: [AttritionSegment]
    public var distribution: RiskDistribution
    public var coverage: RetentionCoverage
}

/// The coefficients that scored the people and where they came from.
public struct RetentionModel: Hashable, Sendable, Codable {
    public enum Source: String, Hashable, Sendable, Codable {
        /// Fitted on the organisation's own history.
        case fitted
        /// The configured (illustrative) coefficients.
        case defaults
    }

    public var source: Source
    /// β0 then one per `RetentionSignal`.
    public var coefficients: [Double]
    /// Why the defaults were used; empty for a fitted model.
    public var reason: String
    /// Newton steps of the fit; 0 when no fit was attempted.
    public var iterations: Int
    /// The snapshot at D − 365 with labels in (D − 365, D]; its AUC is in-sample for a fitted model.
    public var fitting: SnapshotSummary
    /// The snapshot at D − 730 with labels in (D − 730, D − 365], scored by the same model.
    public var outOfTime: SnapshotSummary

    public func coefficient(_ signal: RetentionSignal) -> Double { coefficients[signal.rawValue + 1] }
}

/// One year's snapshot: who was employed on `day`, and who of them left voluntarily in the year
/// after it (involuntary leavers are left out).
public struct SnapshotSummary: Hashable, Sendable, Codable {
    public var day: CalendarDay
    public var people: Int
    public var voluntaryLeavers: Int
    /// Mann–Whitney AUC of the model's scores; nil unless both leavers and stayers are present.
    public var auc: Double?

    public var stayers: Int { people - voluntaryLeavers }
}

public struct PersonRisk: Hashable, Sendable, Codable {
    public var person: String
    public var team: String
    public var roleLevel: RoleLevelRef
    public var signals: RetentionSignals
    /// σ(β0 + Σ βi·xi).
    public var risk: Double
    /// Up to three signals with βi·xi > 0, largest first, ties by signal name.
    public var reasons: [RetentionReason]
}

public struct RetentionReason: Hashable, Sendable, Codable {
    public var signal: RetentionSignal
    /// βi·xi.
    public var contribution: Double
}

public enum AttritionDimension: String, Hashable, Sendable, Codable, CaseIterable {
    /// Everyone; key `all`.
    case organisation
    /// Keys `exists` and `none`: whether the person's rung has a rung above it.
    case nextRung = "next-rung"
    /// Keys `at-or-above`, `below` and `no-data`: the research-time share against the policy.
    case research
    /// Key: the team id.
    case team
    /// Key: the role id.
    case role
}

/// Voluntary attrition of one segment over `(D − 365, D]`.
public struct AttritionSegment: Hashable, Sendable, Codable {
    public var dimension: AttritionDimension
    public var key: String
    /// Employed on D − 365, in the segment that day.
    public var headcountStart: Int
    /// Employed on D, in the segment that day.
    public var headcountEnd: Int
    /// Left voluntarily in the window, in the segment on their last day.
    public var voluntaryDepartures: Int
    public var involuntaryDepartures: Int
    /// Voluntary departures / mean of the two headcounts; nil when both are 0.
    public var rate: Double?
}

/// How risk spreads over the people scored.
public struct RiskDistribution: Hashable, Sendable, Codable {
    public var count: Int
    /// 0 when no one was scored.
    public var mean: Double
    /// Ten bins of width 0.1: `[0, 0.1)`, …, `[0.9, 1]`.
    public var histogram: [Int]
    /// The 10th, 20th, …, 90th percentiles by nearest rank (the ⌈k·n/10⌉-th smallest risk);
    /// empty when no one was scored.
    public var deciles: [Double]
}

/// How much of the organisation the signals could see, on D.
public struct RetentionCoverage: Hashable, Sendable, Codable {
    public var people: Int
    /// People whose rung has a rung above it.
    public var withNextRung: Int
    /// People whose rung has expected months.
    public var withLadderData: Int
    /// People with no research-time share on record (`researchBelowPolicy` reads 0 for them).
    public var researchNoData: Int
    /// Per `RetentionSignal`: people for whom it is set (above 0).
    public var signalCounts: [Int]
}
