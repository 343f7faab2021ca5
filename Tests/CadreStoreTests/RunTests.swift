import CadreEngine
import Foundation
import Testing
@testable import CadreStore

@Suite struct RunTests {
    @Test func runNeedsATaxonomy() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let code = await storeErrorCode { _ = try await store.createRun(asOf: 0, trigger: "cadrectl", requestedBy: 1000, policy: []) }
        #expect(code == .noTaxonomy)
    }

    @Test func runPinsTheVersionsCurrentWhenItWasCreated() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory, clock: TickingClock(start: 7_000))
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")           // data version 1
        try await importPeople(store, [person("p1")])                                     // data version 2
        let policy: [UInt8] = Array(#"{"meetThreshold":0.25}"#.utf8)
        let first = try await store.createRun(asOf: 1_700_000_000, trigger: "cadrectl", requestedBy: 1000, policy: policy)
        _ = try store.saveTaxonomy(sampleTaxonomy(evaluationLevel: 5), source: "t.yaml")  // data version 3
        let second = try await store.createRun(asOf: 1_700_000_100, trigger: "timer", requestedBy: 0, policy: [])

        #expect((first.dataVersion, first.taxonomyVersion) == (2, 1))
        #expect((second.dataVersion, second.taxonomyVersion) == (3, 2))
        let stored = try #require(try await store.run(id: first.id))
        #expect(stored == first)
        #expect(stored.state == .queued)
        #expect(stored.policy == policy)
        #expect(stored.asOf == 1_700_000_000)
        #expect(stored.requestedBy == 1000)
        #expect(stored.trigger == "cadrectl")
        #expect(try await store.run(id: second.id)?.policy == [])
        #expect(try await store.run(id: 99) == nil)
    }

    @Test func stateChangesStampStartAndFinishOnceAndFinishedRunsAreFinal() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory, clock: TickingClock(start: 100))
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")   // clock 100
        let run = try await store.createRun(asOf: 0, trigger: "cadrectl", requestedBy: 0, policy: [])  // 101
        try await store.updateRun(id: run.id, state: .running, error: nil)    // 102
        try await store.updateRun(id: run.id, state: .running, error: nil)    // 103: a resume keeps the first start
        try await store.updateRun(id: run.id, state: .failed, error: "worker assessment exited 3 times")  // 104
        let stored = try #require(try await store.run(id: run.id))
        #expect(stored.createdAt == 101)
        #expect(stored.startedAt == 102)
        #expect(stored.finishedAt == 104)
        #expect(stored.state == .failed)
        #expect(stored.error == "worker assessment exited 3 times")
        #expect(await storeErrorCode { try await store.updateRun(id: run.id, state: .running, error: nil) } == .conflict)
        #expect(await storeErrorCode { try await store.updateRun(id: 42, state: .running, error: nil) } == .notFound)
    }

    @Test func phaseResultPayloadRoundTripsByteForByte() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        let run = try await store.createRun(asOf: 0, trigger: "cadrectl", requestedBy: 0, policy: [])
        // 24 MiB of a pattern no run of zeros or repeats could fake.
        var generator = SplitMix64(seed: 0xCADE)
        let payload = (0..<(24 << 20) / 8).flatMap { _ -> [UInt8] in
            withUnsafeBytes(of: generator.next()) { Array($0) }
        }
        try await store.updatePhase(runID: run.id, phase: "assessment", state: .running, attempts: 1, error: nil)
        try await store.savePhaseResult(runID: run.id, phase: "assessment", summary: #"{"people":3}"#, payload: payload)

        let result = try #require(try await store.phaseResult(runID: run.id, phase: "assessment"))
        #expect(result.summary == #"{"people":3}"#)
        #expect(result.payload.count == payload.count)
        #expect(result.payload == payload)
        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.phaseResult(runID: run.id, phase: "assessment")?.payload == payload)

        let phase = try #require(try await store.run(id: run.id)?.phases.first)
        #expect(phase.state == .succeeded)
        #expect(phase.attempts == 1)
        #expect(phase.payloadSize == 24 << 20)
        #expect(phase.summary == #"{"people":3}"#)
    }

    /// Artifacts come and go with their phase's result: saved with it, replaced by a later
    /// attempt's, hidden while the phase runs again, never another phase's or run's.
    @Test func phaseArtifactsAreSavedAndReplacedWithTheResult() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        let run = try await store.createRun(asOf: 0, trigger: "cadrectl", requestedBy: 0, policy: [])
        let other = try await store.createRun(asOf: 0, trigger: "cadrectl", requestedBy: 0, policy: [])
        let estimates = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try await store.savePhaseResult(
            runID: run.id, phase: "assessment", summary: "{}", payload: [1, 2, 3],
            artifacts: [PhaseArtifact(name: "estimates", content: estimates), PhaseArtifact(name: "empty", content: [])])
        try await store.savePhaseResult(runID: other.id, phase: "assessment", summary: "{}", payload: [4])
        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.phaseArtifact(runID: run.id, phase: "assessment", name: "estimates") == estimates)
        #expect(try reader.phaseArtifact(runID: run.id, phase: "assessment", name: "empty") == [])
        #expect(try reader.phaseArtifact(runID: run.id, phase: "assessment", name: "nothing") == nil)
        #expect(try reader.phaseArtifact(runID: run.id, phase: "training", name: "estimates") == nil)
        #expect(try reader.phaseArtifact(runID: other.id, phase: "assessment", name: "estimates") == nil)
        #expect(try await store.phaseResult(runID: run.id, phase: "assessment")?.payload == [1, 2, 3])

        // A second attempt: while it runs nothing of the first is read; its result brings its own.
        try await store.updatePhase(runID: run.id, phase: "assessment", state: .running, attempts: 2, error: nil)
        #expect(try reader.phaseArtifact(runID: run.id, phase: "assessment", name: "estimates") == nil)
        try await store.savePhaseResult(
            runID: run.id, phase: "assessment", summary: "{}", payload: [1, 2, 3],
            artifacts: [PhaseArtifact(name: "estimates", content: [9])])
        #expect(try reader.phaseArtifact(runID: run.id, phase: "assessment", name: "estimates") == [9])
        #expect(try reader.phaseArtifact(runID: run.id, phase: "assessment", name: "empty") == nil)

        // Two artifacts of one name are refused with the result: nothing of the attempt is stored.
        #expect(await storeErrorCode {
            try await store.savePhaseResult(
                runID: run.id, phase: "assessment", summary: #"{"again":1}"#, payload: [7],
                artifacts: [PhaseArtifact(name: "x", content: [1]), PhaseArtifact(name: "x", content: [2])])
        } != nil)
        #expect(try await store.phaseResult(runID: run.id, phase: "assessment")?.payload == [1, 2, 3])
        #expect(try reader.phaseArtifact(runID: run.id, phase: "assessment", name: "estimates") == [9])
    }

    @Test func phaseWithoutResultHasNone() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        let run = try await store.createRun(asOf: 0, trigger: "cadrectl", requestedBy: 0, policy: [])
        try await store.updatePhase(runID: run.id, phase: "taxonomy", state: .running, attempts: 1, error: nil)
        #expect(try await store.phaseResult(runID: run.id, phase: "taxonomy") == nil)
        try await store.savePhaseResult(runID: run.id, phase: "sourcing", summary: "{}", payload: [])
        #expect(try await store.phaseResult(runID: run.id, phase: "sourcing") == PhaseResult(summary: "{}", payload: []))
        #expect(await storeErrorCode {
            try await store.updatePhase(runID: 77, phase: "taxonomy", state: .running, attempts: 1, error: nil)
        } == .notFound)
    }

    @Test func phaseAttemptsAreRecordedInPipelineOrder() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory, clock: TickingClock(start: 10))
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")                      // 10
        let run = try await store.createRun(asOf: 0, trigger: "timer", requestedBy: 0, policy: [])  // 11
        try await store.updatePhase(runID: run.id, phase: "taxonomy", state: .pending, attempts: 0, error: nil)     // 12
        try await store.updatePhase(runID: run.id, phase: "assessment", state: .pending, attempts: 0, error: nil)   // 13
        try await store.updatePhase(runID: run.id, phase: "assessment", state: .running, attempts: 1, error: nil)   // 14
        try await store.updatePhase(runID: run.id, phase: "assessment", state: .failed, attempts: 1, error: "worker died")  // 15
        try await store.updatePhase(runID: run.id, phase: "assessment", state: .running, attempts: 2, error: nil)   // 16

        let phases = try #require(try await store.run(id: run.id)).phases
        #expect(phases.map(\.phase) == ["taxonomy", "assessment"])
        let assessment = phases[1]
        #expect(assessment.state == .running)
        #expect(assessment.attempts == 2)
        #expect(assessment.startedAt == 16)
        #expect(assessment.finishedAt == nil)
        #expect(assessment.error == nil)
        #expect(phases[0].startedAt == nil)
    }

    @Test func unfinishedRunsAreQueuedOrRunningOldestFirst() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        var ids: [Int64] = []
        for _ in 0..<5 { ids.append(try await store.createRun(asOf: 0, trigger: "timer", requestedBy: 0, policy: []).id) }
        try await store.updateRun(id: ids[0], state: .running, error: nil)
        try await store.updateRun(id: ids[0], state: .succeeded, error: nil)
        try await store.updateRun(id: ids[1], state: .running, error: nil)
        try await store.updateRun(id: ids[2], state: .failed, error: "cancelled")
        try await store.updatePhase(runID: ids[1], phase: "taxonomy", state: .succeeded, attempts: 1, error: nil)

        let unfinished = try await store.unfinishedRuns()
        #expect(unfinished.map(\.id) == [ids[1], ids[3], ids[4]])
        #expect(unfinished.map(\.state) == [.running, .queued, .queued])
        #expect(unfinished[0].phases.map(\.phase) == ["taxonomy"])
        #expect(try await store.runs(limit: 2).map(\.id) == [ids[4], ids[3]])
        #expect(try await store.runs(limit: 10).map(\.id) == ids.reversed())
    }
}

@Suite struct LatestRunTests {
    @Test func latestRunWithASucceededPhaseByIdOrByAsOf() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        func run(asOf: Int64, assessed: Bool) async throws -> Int64 {
            let id = try await store.createRun(asOf: asOf, trigger: "t", requestedBy: 0, policy: []).id
            if assessed { try await store.savePhaseResult(runID: id, phase: "assessment", summary: "{}", payload: [1]) }
            return id
        }
        #expect(try await store.latestRun(withSucceeded: "assessment") == nil)
        let early = try await run(asOf: 100, assessed: true)
        let ahead = try await run(asOf: 900, assessed: true)
        let newest = try await run(asOf: 100, assessed: true)
        _ = try await run(asOf: 50, assessed: false)
        #expect(try await store.latestRun(withSucceeded: "assessment")?.id == newest)
        #expect(try await store.latestRun(withSucceeded: "assessment", asOfAtMost: 1000)?.id == ahead)
        #expect(try await store.latestRun(withSucceeded: "assessment", asOfAtMost: 899)?.id == newest)
        #expect(try await store.latestRun(withSucceeded: "assessment", asOfAtMost: 99) == nil)
        #expect(early < newest)
    }
}
