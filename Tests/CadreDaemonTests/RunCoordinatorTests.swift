@testable import CadreDaemon
import CadreStore
import CadreWire
import Testing

/// The run coordinator in memory: the phase graph of DESIGN.md §1 dispatched without processes.
@Suite("Run coordinator")
struct RunCoordinatorTests {
    /// taxonomy → assessment → {training, credentialing, retention}; sourcing after assessment and training.
    static let graph = RunCoordinator.Graph(phases: [
        ("taxonomy", []), ("assessment", ["taxonomy"]), ("training", ["assessment"]),
        ("sourcing", ["assessment", "training"]), ("credentialing", ["assessment"]), ("retention", ["assessment"]),
    ])

    static func record(_ id: Int64, phases: [PhaseRunRecord] = []) -> RunRecord {
        RunRecord(
            id: id, state: .queued, trigger: "test", requestedBy: 0, asOf: 1_000, dataVersion: 3, taxonomyVersion: 2,
            policy: [], createdAt: 0, phases: phases)
    }

    static func coordinator(maximumAttempts: Int = 3) -> RunCoordinator {
        var coordinator = RunCoordinator(graph: graph, databasePath: "/db", maximumAttempts: maximumAttempts)
        for phase in graph.phases { #expect(coordinator.workerReady(phase).isEmpty) }
        return coordinator
    }

    static func dispatched(_ actions: [RunCoordinator.Action]) -> [String] {
        actions.compactMap { if case .dispatch(let job) = $0 { job.phase } else { nil } }
    }

    @Test("phases whose dependencies are done start together, each once, and the run finishes after the last")
    func parallelDispatch() {
        var c = Self.coordinator()
        #expect(c.enqueue(1) == [.load(runID: 1)])
        #expect(Self.dispatched(c.begin(Self.record(1), policy: .object([:]))) == ["taxonomy"])
        #expect(Self.dispatched(c.phaseSucceeded("taxonomy", runID: 1, attempt: 1)) == ["assessment"])
        // Assessment done: training, credentialing and retention at once; sourcing waits for training.
        #expect(Self.dispatched(c.phaseSucceeded("assessment", runID: 1, attempt: 1)) == ["training", "credentialing", "retention"])
        #expect(c.running == ["training", "credentialing", "retention"])
        #expect(c.phaseSucceeded("retention", runID: 1, attempt: 1).isEmpty)
        #expect(Self.dispatched(c.phaseSucceeded("training", runID: 1, attempt: 1)) == ["sourcing"])
        #expect(c.phaseSucceeded("sourcing", runID: 1, attempt: 1).isEmpty)
        #expect(c.phaseSucceeded("credentialing", runID: 1, attempt: 1) == [.finish(runID: 1, error: nil)])
        #expect(!c.isBusy)
    }

    @Test("a job carries the run's pinned versions, policy and the attempt")
    func jobContents() throws {
        var c = Self.coordinator()
        _ = c.enqueue(7)
        let actions = c.begin(Self.record(7), policy: .object(["meetsTolerance": .number(0.5)]))
        guard case .dispatch(let job)? = actions.first else { Issue.record("no dispatch"); return }
        #expect(job == PhaseJob(
            runID: 7, phase: "taxonomy", attempt: 1, asOf: 1_000, dataVersion: 3, taxonomyVersion: 2,
            databasePath: "/db", policy: .object(["meetsTolerance": .number(0.5)])))
    }

    @Test("a failed phase fails the run: nothing new starts, phases in flight finish first")
    func failureCancelsPhasesNotStarted() {
        var c = Self.coordinator()
        _ = c.enqueue(1)
        _ = c.begin(Self.record(1, phases: [
            PhaseRunRecord(runID: 1, phase: "taxonomy", state: .succeeded, attempts: 1),
            PhaseRunRecord(runID: 1, phase: "assessment", state: .succeeded, attempts: 1),
        ]), policy: .object([:]))
        #expect(c.running == ["training", "credentialing", "retention"])
        let failed = c.phaseFailed("training", runID: 1, attempt: 1, error: "x: boom")
        #expect(failed == [.failPhase(runID: 1, phase: "training", attempts: 1, error: "x: boom")])
        #expect(c.phaseSucceeded("credentialing", runID: 1, attempt: 1).isEmpty, "sourcing is not started")
        #expect(c.phaseSucceeded("retention", runID: 1, attempt: 1) == [.finish(runID: 1, error: "phase training failed: x: boom")])
    }

    @Test("a resumed run starts at the phases without persisted results, counting earlier attempts")
    func resume() {
        var c = Self.coordinator()
        _ = c.enqueue(4)
        let actions = c.begin(Self.record(4, phases: [
            PhaseRunRecord(runID: 4, phase: "taxonomy", state: .succeeded, attempts: 1),
            PhaseRunRecord(runID: 4, phase: "assessment", state: .running, attempts: 2),
        ]), policy: .object([:]))
        guard case .dispatch(let job)? = actions.first else { Issue.record("no dispatch"); return }
        #expect(job.phase == "assessment" && job.attempt == 3)
    }

    @Test("a phase that already took maximumAttempts workers down is failed, not tried again")
    func attemptsPersistAcrossRestarts() {
        var c = Self.coordinator()
        _ = c.enqueue(4)
        let actions = c.begin(Self.record(4, phases: [
            PhaseRunRecord(runID: 4, phase: "taxonomy", state: .running, attempts: 3)
        ]), policy: .object([:]))
        #expect(actions == [
            .failPhase(runID: 4, phase: "taxonomy", attempts: 3, error: "phase taxonomy was already attempted 3 times without finishing"),
            .finish(runID: 4, error: "phase taxonomy was already attempted 3 times without finishing"),
        ])
    }

    @Test("a worker that dies mid-phase gets the job again when its replacement registers, up to the limit")
    func workerCrash() {
        var c = Self.coordinator(maximumAttempts: 2)
        _ = c.enqueue(1)
        _ = c.begin(Self.record(1), policy: .object([:]))
        #expect(c.workerLost("taxonomy").isEmpty)
        let again = c.workerReady("taxonomy")
        guard case .dispatch(let job)? = again.first else { Issue.record("no redispatch"); return }
        #expect(job.attempt == 2)
        // A late answer of the first attempt is not taken for the second.
        #expect(!c.awaits("taxonomy", runID: 1, attempt: 1) && c.awaits("taxonomy", runID: 1, attempt: 2))
        #expect(c.workerLost("taxonomy") == [
            .failPhase(runID: 1, phase: "taxonomy", attempts: 2, error: "the taxonomy worker died 2 times computing this phase"),
            .finish(runID: 1, error: "phase taxonomy failed: the taxonomy worker died 2 times computing this phase"),
        ])
    }

    @Test("runs go one at a time in queue order; a run that cannot begin fails without dispatching")
    func queueOrder() {
        var c = Self.coordinator()
        #expect(c.enqueue(1) == [.load(runID: 1)])
        #expect(c.enqueue(2).isEmpty)
        #expect(c.enqueue(1).isEmpty, "a run is queued once")
        #expect(c.beginFailed(1, error: "policy unreadable") == [.finish(runID: 1, error: "policy unreadable"), .load(runID: 2)])
        #expect(Self.dispatched(c.begin(Self.record(2), policy: .object([:]))) == ["taxonomy"])
    }

    @Test("a phase waits for its worker: dispatched when it registers")
    func waitsForWorker() {
        var c = RunCoordinator(graph: Self.graph, databasePath: "/db", maximumAttempts: 3)
        _ = c.enqueue(1)
        #expect(c.begin(Self.record(1), policy: .object([:])).isEmpty)
        #expect(Self.dispatched(c.workerReady("assessment")).isEmpty)
        #expect(Self.dispatched(c.workerReady("taxonomy")) == ["taxonomy"])
    }
}
