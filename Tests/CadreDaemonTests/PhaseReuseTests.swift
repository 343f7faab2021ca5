@testable import CadreDaemon
import CadreEngine
import CadreStore
import CadreWire
import Testing

/// The later phases of a run take what its earlier phases kept — the estimates at T the
/// assessment stores beside its gap map, the plans training stored toward everyone's own role
/// level — instead of computing them again. These tests hold them to the bits the recomputation
/// gives, on the sample organisation.
@Suite("Later phases reuse what earlier phases kept")
struct PhaseReuseTests {
    typealias F = PipelineFixture

    @Test("the estimates the assessment keeps decode to the recomputed ones, bit for bit")
    func keptEstimatesAreTheRecomputedOnes() async throws {
        let fixture = try await F()
        let run = try await fixture.run(phases: [TaxonomyPhase.self, AssessmentPhase.self])
        let bytes = try #require(try fixture.reader.phaseArtifact(runID: run, phase: AssessmentPhase.name, name: RunEstimates.name))
        let kept = try SkillEstimates(decoding: bytes)

        let job = try await fixture.job(run, phase: TrainingPhase.name)
        let taxonomy = try CompiledTaxonomy(try RunInputs.taxonomy(of: run, from: fixture.reader))
        let loader = AssessmentInputLoader(reader: fixture.reader, taxonomy: taxonomy, policy: .standard)
        let full = try loader.load(dataVersion: job.dataVersion, reading: .evidenceAndCompletions)
        let recomputed = try SkillEstimates(assessing: full.input, asOf: job.asOf, policy: .standard)
        #expect(kept == recomputed)
        #expect(kept.estimates.map(\.bitPattern) == recomputed.estimates.map(\.bitPattern))
        #expect(kept.confidences.map(\.bitPattern) == recomputed.confidences.map(\.bitPattern))
        #expect(kept.personCount == 200 && kept.skills.count > 2_000, "\(kept.personCount) people, \(kept.skills.count) entries")
        #expect(try RunEstimates.kept(runID: run, reader: fixture.reader) == recomputed)
        #expect(RunEstimates.fit(kept, full.input))
        #expect(try RunEstimates.kept(runID: run + 1, reader: fixture.reader) == nil)

        // Reading only the completions gives the full scan's people and completions, in order.
        let completions = try loader.load(dataVersion: job.dataVersion, reading: .completionsOnly)
        #expect(completions.input.evidenceCount == 0)
        #expect(completions.input.personIDs == full.input.personIDs && completions.input.teamIDs == full.input.teamIDs)
        #expect(completions.input.personTeam == full.input.personTeam && completions.input.personRoleLevel == full.input.personRoleLevel)
        func listed(_ loaded: AssessmentInputLoader.Loaded) -> [String] {
            loaded.trainingReferences.map { "\($0.person) \($0.reference) \($0.observedAt)" }
        }
        #expect(listed(completions) == listed(full))
        #expect(full.trainingReferences.contains { $0.reference == "int-probability-statistics-2" })
    }

    /// The same pins twice: once as this build runs them, once as a run of an older build (no
    /// estimates kept by its assessment, and a training result that names another catalogue, so
    /// sourcing must solve every plan itself). Every byte of training and sourcing agrees.
    @Test("training and sourcing give the same bytes whether they reuse or recompute")
    func reuseChangesNoByte() async throws {
        let fixture = try await F()
        let phases: [any Phase.Type] = [TaxonomyPhase.self, AssessmentPhase.self, TrainingPhase.self, SourcingPhase.self]
        let reusing = try await fixture.run(phases: phases)
        let recomputing = try await fixture.run(phases: phases) { phase, output in
            var output = output
            if phase == AssessmentPhase.name { output.artifacts = [] }
            if phase == TrainingPhase.name, case .object(var summary) = output.summary {
                summary["catalogueDigest"] = .string("a catalogue loaded since")
                output.summary = .object(summary)
            }
            return output
        }

        for phase in [AssessmentPhase.name, TrainingPhase.name, SourcingPhase.name] {
            let a = try #require(try fixture.reader.phaseResult(runID: reusing, phase: phase))
            let b = try #require(try fixture.reader.phaseResult(runID: recomputing, phase: phase))
            #expect(!a.payload.isEmpty)
            #expect(a.payload == b.payload, "\(phase): \(a.payload.count) bytes reusing, \(b.payload.count) recomputing")
        }

        let trainingReusing = try fixture.summary(reusing, phase: TrainingPhase.name)
        let trainingRecomputing = try fixture.summary(recomputing, phase: TrainingPhase.name)
        #expect(trainingReusing["estimates"] == .string("assessment"))
        #expect(trainingRecomputing["estimates"] == .string("evidence"))

        let sourcingReusing = try fixture.summary(reusing, phase: SourcingPhase.name)
        let sourcingRecomputing = try fixture.summary(recomputing, phase: SourcingPhase.name)
        #expect(sourcingReusing["estimates"] == .string("assessment") && sourcingRecomputing["estimates"] == .string("evidence"))
        let reused = sourcingReusing["plansFromTraining"]?.intValue ?? 0, solved = sourcingReusing["plansSolved"]?.intValue ?? 0
        // Everyone at a planned level who doesn't meet it has a plan from training (34 people);
        // transfer candidates toward other role levels are solved (13 plans).
        #expect(reused > 0 && solved > 0, "\(reused) plans from training, \(solved) solved")
        #expect(sourcingRecomputing["plansFromTraining"]?.intValue == 0)
        #expect(sourcingRecomputing["plansSolved"]?.intValue == reused + solved)
        #expect((sourcingReusing["transfers"]?.intValue ?? 0) > 0 && (sourcingReusing["upskill"]?.intValue ?? 0) > 0)
    }
}
