import CadreStore
import CadreWire

/// The run coordinator: which run is active, which of its phases may start, and what happens when
/// one finishes, fails or loses its worker. A pure state machine — it does no I/O and knows no
/// process — so the phase graph's dispatch, resume and attempt limits are tested in memory; the
/// supervisor carries out the actions it returns, in order.
///
/// Runs execute one at a time in queue order. Within a run every phase whose dependencies have
/// persisted results starts at once, each on its own worker (DESIGN.md §1). A phase's failure
/// fails the run: phases not yet started are not started, phases in flight finish (their results
/// stay persisted), then the run ends.
struct RunCoordinator: Sendable {
    /// The phases in registry order and what each depends on.
    struct Graph: Sendable {
        let phases: [String]
        let dependencies: [String: [String]]

        init(phases: [(name: String, dependencies: [String])]) {
            self.phases = phases.map(\.name)
            dependencies = Dictionary(uniqueKeysWithValues: phases.map { ($0.name, $0.dependencies) })
        }
    }

    /// What the supervisor must do next.
    enum Action: Equatable, Sendable {
        /// Read the run, mark it running, then call `begin` (or `beginFailed`).
        case load(runID: Int64)
        /// Record the phase as running, then send the job to its worker.
        case dispatch(PhaseJob)
        /// Record the phase as failed with this error.
        case failPhase(runID: Int64, phase: String, attempts: Int, error: String)
        /// Record the run's end; nil error means it succeeded.
        case finish(runID: Int64, error: String?)
    }

    struct ActiveRun: Sendable {
        var record: RunRecord
        var policy: JSONValue
        var done: Set<String>
        /// Phase → the attempt in flight.
        var inFlight: [String: Int] = [:]
        /// Phases whose worker died with the job: re-sent (attempt + 1) once the worker is back.
        var lost: Set<String> = []
        var attempts: [String: Int]
        var failure: String?
    }

    let graph: Graph
    /// The store's database, which workers open read-only.
    let databasePath: String
    var maximumAttempts: Int
    private(set) var queue: [Int64] = []
    /// The run being loaded (between `.load` and `begin`).
    private(set) var loading: Int64?
    private(set) var active: ActiveRun?
    /// Phases whose worker is registered and idle.
    private(set) var idle: Set<String> = []

    init(graph: Graph, databasePath: String, maximumAttempts: Int) {
        self.graph = graph
        self.databasePath = databasePath
        self.maximumAttempts = maximumAttempts
    }

    var isBusy: Bool { loading != nil || active != nil }

    /// The phases of the active run in flight, in registry order.
    var running: [String] {
        guard let active else { return [] }
        return graph.phases.filter { active.inFlight[$0] != nil }
    }

    // MARK: events

    mutating func enqueue(_ runID: Int64) -> [Action] {
        guard runID != loading, runID != active?.record.id, !queue.contains(runID) else { return [] }
        queue.append(runID)
        return advance()
    }

    /// The run is loaded and marked running; `policy` is its decoded pinned policy.
    mutating func begin(_ record: RunRecord, policy: JSONValue) -> [Action] {
        guard loading == record.id else { return [] }
        loading = nil
        let done = Set(record.phases.filter { $0.state == .succeeded }.map(\.phase))
        var attempts: [String: Int] = [:]
        for phase in record.phases { attempts[phase.phase] = phase.attempts }
        active = ActiveRun(record: record, policy: policy, done: done, attempts: attempts)
        return advance()
    }

    /// The run could not be loaded or marked running: it ends failed, nothing of it dispatched.
    mutating func beginFailed(_ runID: Int64, error: String) -> [Action] {
        guard loading == runID else { return [] }
        loading = nil
        return [.finish(runID: runID, error: error)] + advance()
    }

    mutating func workerReady(_ phase: String) -> [Action] {
        idle.insert(phase)
        return advance()
    }

    /// The phase's worker died. A job it held is re-sent to its replacement — unless it has taken
    /// down `maximumAttempts` workers, which says the inputs, not the worker, are the problem.
    mutating func workerLost(_ phase: String) -> [Action] {
        idle.remove(phase)
        guard var run = active, let attempt = run.inFlight[phase] else { return [] }
        if attempt >= maximumAttempts {
            run.inFlight[phase] = nil
            let error = "the \(phase) worker died \(attempt) times computing this phase"
            run.failure = run.failure ?? "phase \(phase) failed: \(error)"
            active = run
            return [.failPhase(runID: run.record.id, phase: phase, attempts: attempt, error: error)] + advance()
        }
        run.lost.insert(phase)
        active = run
        return []
    }

    /// The phase's result is persisted.
    mutating func phaseSucceeded(_ phase: String, runID: Int64, attempt: Int) -> [Action] {
        guard var run = active, run.record.id == runID, run.inFlight[phase] == attempt else { return [] }
        run.inFlight[phase] = nil
        run.lost.remove(phase)
        run.done.insert(phase)
        active = run
        idle.insert(phase)
        return advance()
    }

    mutating func phaseFailed(_ phase: String, runID: Int64, attempt: Int, error: String) -> [Action] {
        guard var run = active, run.record.id == runID, run.inFlight[phase] == attempt else { return [] }
        run.inFlight[phase] = nil
        run.lost.remove(phase)
        run.failure = run.failure ?? "phase \(phase) failed: \(error)"
        active = run
        idle.insert(phase)
        return [.failPhase(runID: runID, phase: phase, attempts: attempt, error: error)] + advance()
    }

    /// Whether a result for (run, phase, attempt) is the one awaited.
    func awaits(_ phase: String, runID: Int64, attempt: Int) -> Bool {
        active?.record.id == runID && active?.inFlight[phase] == attempt
    }

    // MARK: dispatch

    /// Starts the next queued run, or every phase of the active one that may start now.
    private mutating func advance() -> [Action] {
        if active == nil, loading == nil {
            guard !queue.isEmpty else { return [] }
            let id = queue.removeFirst()
            loading = id
            return [.load(runID: id)]
        }
        guard var run = active else { return [] }
        var actions: [Action] = []
        if run.failure != nil {
            // A failed run re-sends nothing: jobs whose worker died are given up.
            for phase in run.lost { run.inFlight[phase] = nil }
            run.lost.removeAll()
        } else {
            for phase in graph.phases where !run.done.contains(phase) && idle.contains(phase) {
                let redispatch = run.lost.contains(phase)
                guard redispatch || run.inFlight[phase] == nil else { continue }
                guard (graph.dependencies[phase] ?? []).allSatisfy(run.done.contains) else { continue }
                let attempt = (redispatch ? run.inFlight[phase] ?? 0 : run.attempts[phase] ?? 0) + 1
                if attempt > maximumAttempts {
                    // Attempts persist across supervisor restarts: a phase that keeps taking its
                    // worker (or the whole daemon) down is not tried again because the count restarted.
                    let error = "phase \(phase) was already attempted \(attempt - 1) times without finishing"
                    run.failure = error
                    actions.append(.failPhase(runID: run.record.id, phase: phase, attempts: attempt - 1, error: error))
                    break
                }
                run.lost.remove(phase)
                run.inFlight[phase] = attempt
                run.attempts[phase] = attempt
                idle.remove(phase)
                actions.append(.dispatch(job(phase, attempt: attempt, of: run)))
            }
        }
        let finished = run.failure != nil || graph.phases.allSatisfy(run.done.contains)
        if finished && run.inFlight.isEmpty {
            active = nil
            actions.append(.finish(runID: run.record.id, error: run.failure))
            return actions + advance()
        }
        active = run
        return actions
    }

    private func job(_ phase: String, attempt: Int, of run: ActiveRun) -> PhaseJob {
        let record = run.record
        return PhaseJob(
            runID: record.id, phase: phase, attempt: attempt, asOf: record.asOf, dataVersion: record.dataVersion,
            taxonomyVersion: record.taxonomyVersion, databasePath: databasePath, policy: run.policy)
    }
}
