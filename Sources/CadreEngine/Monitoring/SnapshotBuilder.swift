/// Computes a run's snapshot from its persisted phase results — the one place that knows which
/// figures a snapshot holds. Pure: the daemon hands it payloads and stores what it returns.
public enum SnapshotBuilder {
    /// Raised when a contributor is added or changes what it computes: snapshots of an older
    /// version are recomputed from their runs' results (the backfill), so every series is made
    /// the same way.
    public static let version = 2

    /// Every phase's metrics, in the order a snapshot lists them. A later phase (credentialing:
    /// credentials expiring; retention: mean risk) appends its contributor here.
    public static let contributors: [MetricContributor] = [
        AssessmentMetrics.contributor,
        TrainingMetrics.contributor,
        CredentialMetrics.contributor,
        RetentionMetrics.contributor,
        SourcingMetrics.contributor,
    ]

    public static var definitions: [MetricDefinition] { contributors.flatMap(\.definitions) }

    public static func definition(_ name: String) -> MetricDefinition? {
        for contributor in contributors {
            if let found = contributor.definitions.first(where: { $0.name == name }) { return found }
        }
        return nil
    }

    /// The phases whose payloads a snapshot reads.
    public static var phases: [String] { contributors.map(\.phase) }

    /// - Parameter payloads: phase name → the payload of that phase's succeeded result; phases
    ///   missing from it contribute nothing.
    /// - Throws: `SnapshotError` naming the run and phase whose payload cannot be decoded.
    public static func snapshot(runID: Int64, asOf: Int64, payloads: [String: [UInt8]]) throws(SnapshotError) -> RunSnapshot {
        var points: [MetricPoint] = []
        for contributor in contributors {
            guard let payload = payloads[contributor.phase] else { continue }
            do {
                points += try contributor.points(payload)
            } catch {
                throw SnapshotError(runID: runID, phase: contributor.phase, message: "\(error)")
            }
        }
        return RunSnapshot(runID: runID, asOf: asOf, version: version, points: points)
    }
}
