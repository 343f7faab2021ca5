import CadreEngine
import CadreStore

/// Everyone's estimates at T for a run. The assessment phase computes them once, from every
/// evidence row, and keeps them beside its gap map (the artifact `estimates`, the engine's binary
/// `SkillEstimates`); training and sourcing decode them instead of reading all evidence again. A
/// run assessed by an older build kept none: its later phases compute them from the evidence
/// through the same loader and kernel, which gives the same bits.
enum RunEstimates {
    /// The artifact's name.
    static let name = "estimates"

    static func artifact(_ estimates: SkillEstimates) -> PhaseArtifact {
        PhaseArtifact(name: name, content: estimates.encoded())
    }

    /// The estimates the run's assessment kept; nil when it kept none, or none this build can
    /// read (a format from a later build): recomputing gives the same bits, so that costs time,
    /// never a wrong figure.
    static func kept(runID: Int64, reader: StoreReader) throws -> SkillEstimates? {
        guard let bytes = try reader.phaseArtifact(runID: runID, phase: AssessmentPhase.name, name: name) else { return nil }
        return try? SkillEstimates(decoding: bytes)
    }

    /// Whether `estimates` number people and skills as `input` does: kept ones always do, as the
    /// run's people and taxonomy are pinned; a caller that finds otherwise recomputes.
    static func fit(_ estimates: SkillEstimates, _ input: AssessmentInput) -> Bool {
        estimates.personCount == input.personCount && estimates.skillCount == input.taxonomy.skillCount
    }
}
