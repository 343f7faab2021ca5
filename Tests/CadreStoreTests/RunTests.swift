import CadreEngine
import Foundation
import Testing
@testable import CadreStore

@Suite struct RunTests {
    @Test func runNeedsATaxonomy() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let code = storeErrorCode { _ = try store.createRun(asOf: 0, trigger: "cadrectl", requestedBy: 1000, policy: []) }
        #expect(code == .noTaxonomy)
    }

    @Test func runPinsTheVersionsCurrentWhenItWasCreated() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory, clock: TickingClock(start: 7_000))
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")           // data version 1
        try importPeople(store, [person("p1")])                                     // data version 2
        let policy: [UInt8] = Array(#"{"meetThreshold":0.25}"#.utf8)
        let first = try store.createRun(asOf: 1_700_000_000, trigger: "cadrectl", requestedBy: 1000, policy: policy)
        _ = try store.saveTaxonomy(sampleTaxonomy(evaluationLevel: 5), source: "t.yaml")  // data version 3
        let second = try store.createRun(asOf: 1_700_000_100, trigger: "timer", requestedBy: 0, policy: [])

        #expect((first.dataVersion, first.taxonomyVersion) == (2, 1))
        #expect((second.dataVersion, second.taxonomyVersion) == (3, 2))
        let stored = try #require(try store.run(id: first.id))
        #expect(stored == first)
        #expect(stored.state == .queued)
        #expect(stored.policy == policy)
        #expect(stored.asOf == 1_700_000_000)
        #expect(stored.requestedBy == 1000)
        #expect(stored.trigger == "cadrectl")
        #expect(try store.run(id: second.id)?.policy == [])
        #expect(try store.run(id: 99) == nil)
    }

    @Test func stateChangesStampStartAndFinishOnceAndFinishedRunsAreFinal() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory, clock: TickingClock(start: 100))
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")   // clock 100
        let run = try store.createRun(asOf: 0, trigger: "cadrectl", requestedBy: 0, policy: [])  // 101
        try store.updateRun(id: run.id, state: .running, error: nil)    // 102
        try store.updateRun(id: run.id, state: .running, error: nil)    // 103: a resume keeps the first start
        try store.updateRun(id: run.id, state: .failed, error: "worker assessment exited 3 times")  // 104
        let stored = try #require(try store.run(id: run.id))
        #expect(stored.createdAt == 101)
        #expect(stored.startedAt == 102)
        #expect(stored.finishedAt == 104)
        #expect(stored.state == .failed)
        #expect(stored.error == "worker assessment exited 3 times")
        #expect(storeErrorCode { try store.updateRun(id: run.id, state: .running, error: nil) } == .conflict)
        #expect(storeErrorCode { try store.updateRun(id: 42, state: .running, error: nil) } == .notFound)
    }

    @Test func phaseResultPayloadRoundTripsByteForByte() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        let run = try store.createRun(asOf: 0, trigger: "cadrectl", requestedBy: 0, policy: [])
        // 24 MiB of a pattern no run of zeros or repeats could fake.
        var generator = SplitMix64(seed: 0xCADE)
        let payload = (0..<(24 << 20) / 8).flatMap { _ -> [UInt8] in
            withUnsafeBytes(of: generator.next()) { Array($0) }
        }
        try store.updatePhase(runID: run.id, phase: "assessment", state: .running, attempts: 1, error: nil)
        try store.savePhaseResult(runID: run.id, phase: "assessment", summary: #"{"people":3}"#, payload: payload)

        let result = try #require(try store.phaseResult(runID: run.id, phase: "assessment"))
        #expect(result.summary == #"{"people":3}"#)
        #expect(result.payload.count == payload.count)
        #expect(result.payload == payload)
        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.phaseResult(runID: run.id, phase: "assessment")?.payload == payload)

        let phase = try #require(try store.run(id: run.id)?.phases.first)
        #expect(phase.state == .succeeded)
        #expect(phase.attempts == 1)
        #expect(phase.payloadSize == 24 << 20)
        #expect(phase.summary == #"{"people":3}"#)
    }

    @Test func phaseWithoutResultHasNone() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        let run = try store.createRun(asOf: 0, trigger: "cadrectl", requestedBy: 0, policy: [])
        try store.updatePhase(runID: run.id, phase: "taxonomy", state: .running, attempts: 1, error: nil)
        #expect(try store.phaseResult(runID: run.id, phase: "taxonomy") == nil)
        try store.savePhaseResult(runID: run.id, phase: "sourcing", summary: "{}", payload: [])
        #expect(try store.phaseResult(runID: run.id, phase: "sourcing") == PhaseResult(summary: "{}", payload: []))
        #expect(storeErrorCode {
            try store.updatePhase(runID: 77, phase: "taxonomy", state: .running, attempts: 1, error: nil)
        } == .notFound)
    }

    @Test func phaseAttemptsAreRecordedInPipelineOrder() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory, clock: TickingClock(start: 10))
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")                      // 10
        let run = try store.createRun(asOf: 0, trigger: "timer", requestedBy: 0, policy: [])  // 11
        try store.updatePhase(runID: run.id, phase: "taxonomy", state: .pending, attempts: 0, error: nil)     // 12
        try store.updatePhase(runID: run.id, phase: "assessment", state: .pending, attempts: 0, error: nil)   // 13
        try store.updatePhase(runID: run.id, phase: "assessment", state: .running, attempts: 1, error: nil)   // 14
        try store.updatePhase(runID: run.id, phase: "assessment", state: .failed, attempts: 1, error: "worker died")  // 15
        try store.updatePhase(runID: run.id, phase: "assessment", state: .running, attempts: 2, error: nil)   // 16

        let phases = try #require(try store.run(id: run.id)).phases
        #expect(phases.map(\.phase) == ["taxonomy", "assessment"])
        let assessment = phases[1]
        #expect(assessment.state == .running)
        #expect(assessment.attempts == 2)
        #expect(assessment.startedAt == 16)
        #expect(assessment.finishedAt == nil)
        #expect(assessment.error == nil)
        #expect(phases[0].startedAt == nil)
    }

    @Test func unfinishedRunsAreQueuedOrRunningOldestFirst() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        let ids = try (0..<5).map { _ in try store.createRun(asOf: 0, trigger: "timer", requestedBy: 0, policy: []).id }
        try store.updateRun(id: ids[0], state: .running, error: nil)
        try store.updateRun(id: ids[0], state: .succeeded, error: nil)
        try store.updateRun(id: ids[1], state: .running, error: nil)
        try store.updateRun(id: ids[2], state: .failed, error: "cancelled")
        try store.updatePhase(runID: ids[1], phase: "taxonomy", state: .succeeded, attempts: 1, error: nil)

        let unfinished = try store.unfinishedRuns()
        #expect(unfinished.map(\.id) == [ids[1], ids[3], ids[4]])
        #expect(unfinished.map(\.state) == [.running, .queued, .queued])
        #expect(unfinished[0].phases.map(\.phase) == ["taxonomy"])
        #expect(try store.runs(limit: 2).map(\.id) == [ids[4], ids[3]])
        #expect(try store.runs(limit: 10).map(\.id) == ids.reversed())
    }
}

@Suite struct LatestRunTests {
    @Test func latestRunWithASucceededPhaseByIdOrByAsOf() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        func run(asOf: Int64, assessed: Bool) throws -> Int64 {
            let id = try store.createRun(asOf: asOf, trigger: "t", requestedBy: 0, policy: []).id
            if assessed { try store.savePhaseResult(runID: id, phase: "assessment", summary: "{}", payload: [1]) }
            return id
        }
        #expect(try store.latestRun(withSucceeded: "assessment") == nil)
        let early = try run(asOf: 100, assessed: true)
        let ahead = try run(asOf: 900, assessed: true)
        let newest = try run(asOf: 100, assessed: true)
        _ = try run(asOf: 50, assessed: false)
        #expect(try store.latestRun(withSucceeded: "assessment")?.id == newest)
        #expect(try store.latestRun(withSucceeded: "assessment", asOfAtMost: 1000)?.id == ahead)
        #expect(try store.latestRun(withSucceeded: "assessment", asOfAtMost: 899)?.id == newest)
        #expect(try store.latestRun(withSucceeded: "assessment", asOfAtMost: 99) == nil)
        #expect(early < newest)
    }
}
