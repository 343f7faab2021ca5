/// What a metric means, how it is written in the Prometheus file, and which way is good. The
/// catalogue of every metric is `SnapshotBuilder.definitions`: each phase's contributor brings
/// its own.
public struct MetricDefinition: Hashable, Sendable {
    public enum Unit: String, Hashable, Sendable {
        /// 0…1.
        case ratio
        /// A count of people or skills.
        case count
        /// Minor units of the configured currency (cents).
        case money
        /// Hours; Prometheus gets seconds (its base unit).
        case hours
        /// Σ importance · gap, a score with no unit.
        case score
    }

    /// The name in snapshots, trends, alert rules and `cadrectl trend` (`readiness`).
    public var name: String
    public var help: String
    public var unit: Unit
    /// `cadre_…`, with the base unit's suffix; no `_total`: every snapshot figure is a gauge.
    public var prometheusName: String
    /// Whether a rise is good news (readiness) or bad (plan cost), for reports' arrows.
    public var higherIsBetter: Bool

    public init(name: String, help: String, unit: Unit, prometheusName: String, higherIsBetter: Bool) {
        self.name = name
        self.help = help
        self.unit = unit
        self.prometheusName = prometheusName
        self.higherIsBetter = higherIsBetter
    }

    /// The value as the Prometheus file writes it: hours become seconds.
    public func prometheusValue(_ value: Double) -> Double {
        unit == .hours ? value * 3600 : value
    }
}

/// One phase's share of a snapshot: the metrics it defines and how to read them from the
/// phase's persisted payload. Adding a phase's metrics to every snapshot, trend, alert rule and
/// report is one contributor appended to `SnapshotBuilder.contributors`.
public struct MetricContributor: Sendable {
    /// The phase whose succeeded result is read; a run without it contributes nothing.
    public var phase: String
    public var definitions: [MetricDefinition]
    /// The figures of one run from the phase's payload (an empty payload means the phase had
    /// nothing to compute, e.g. no course catalogue: return no points).
    public var points: @Sendable (_ payload: [UInt8]) throws -> [MetricPoint]

    public init(
        phase: String, definitions: [MetricDefinition], points: @escaping @Sendable (_ payload: [UInt8]) throws -> [MetricPoint]
    ) {
        self.phase = phase
        self.definitions = definitions
        self.points = points
    }
}

/// A payload that could not be read into figures, located by run and phase.
public struct SnapshotError: Error, CustomStringConvertible, Sendable {
    public var runID: Int64
    public var phase: String
    public var message: String

    public var description: String { "run #\(runID): the \(phase) result can't be read for its snapshot: \(message)" }
}
