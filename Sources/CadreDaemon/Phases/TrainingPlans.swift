import CadreEngine
import CadreStore
import CadreWire

/// The learning plans the training phase of a run persisted toward each person's own role level,
/// for the sourcing phase of the same run, which would otherwise solve the very same problems
/// again (the same estimates, completions, catalogue and settings give the same plan).
///
/// Taken only when training planned over what sourcing plans with: the catalogue in force (its
/// data version and digest, as the training summary records them), the taxonomy, the people and
/// their role levels, and the settings. Estimates and completions are the run's, read the same way
/// by both phases. Anything else — no training result, one from a build that recorded no
/// catalogue, one that does not decode — and sourcing solves every plan itself.
enum TrainingPlans {
    /// The fields of the training summary that say which catalogue the plans were made over.
    private struct Catalogue: Decodable {
        var catalogueDataVersion: Int64?
        var catalogueDigest: String?
    }

    /// The run's training result when it was planned over `catalogue`, before it is checked
    /// against the planning inputs (`matching`): the two halves let it decode while they are read.
    static func stored(for job: PhaseJob, reader: StoreReader, catalogue: StoredDocument?) throws -> TrainingResult? {
        guard let catalogue, let stored = try reader.phaseResult(runID: job.runID, phase: TrainingPhase.name),
            !stored.payload.isEmpty,
            let planned = try? WireJSON.decode(Catalogue.self, from: Array(stored.summary.utf8)),
            planned.catalogueDataVersion == catalogue.dataVersion, planned.catalogueDigest == catalogue.digest
        else { return nil }
        return try? TrainingResult(decoding: stored.payload)
    }

    /// `result` when it was planned over the same settings, taxonomy, courses and people as `inputs`.
    static func matching(_ result: TrainingResult, _ inputs: PlanningInputs) -> TrainingResult? {
        guard result.settings == inputs.settings, result.taxonomy == inputs.taxonomy,
            result.courseIDs == inputs.catalogue.courseIDs, result.personIDs == inputs.people.ids,
            result.personRoleLevel == inputs.people.roleLevel
        else { return nil }
        return result
    }
}
