import CadreEngine
import CadreStore
import CadreWire
import Synchronization

/// What every view over a later phase's result needs: the run it reads (given, or the newest with
/// that phase finished), the phase's stored result, the run's taxonomy, pinned policy and the
/// people's names — read through one read-only pool, decoded results kept for a few runs.
final class PhaseResults: Sendable {
    struct Loaded<Result: Sendable>: Sendable {
        let run: RunRecord
        /// Nil when the phase stored nothing (its catalogue was not loaded).
        let result: Result?
        let taxonomy: Taxonomy
        let policy: AssessmentPolicy
        let names: [String: String]

        var asOf: String { Timestamp.format(epochSeconds: run.asOf) }

        func disclosure(seesPeople: Bool) -> Disclosure {
            Disclosure(policy: policy, seesPeople: seesPeople)
        }
    }

    let store: any WorkforceStore
    private let openReader = Mutex<StoreReader?>(nil)
    private let cache = Mutex<[String: any Sendable]>([:])

    init(store: any WorkforceStore) {
        self.store = store
    }

    func reader() throws -> StoreReader {
        try openReader.withLock { reader in
            if let reader { return reader }
            let opened = try StoreReader(databasePath: store.databasePath)
            reader = opened
            return opened
        }
    }

    /// The run `id`, or the newest whose `phase` succeeded; the `none` error (with a hint) if none.
    func run(_ id: Int64?, phase: String, none name: String = Workforce.ErrorName.noPhaseResult) async throws -> RunRecord {
        let none = { (hint: String) in ControlFailure(name, Workforce.HintError(hint: hint)) }
        if let id {
            guard let run = try await store.run(id: id) else {
                throw ControlFailure(Workforce.ErrorName.runNotFound, Workforce.RunNotFoundError(id: id))
            }
            guard run.phases.contains(where: { $0.phase == phase && $0.state == .succeeded }) else {
                throw none("run \(id) has no finished \(phase) phase (\(run.state.rawValue))")
            }
            return run
        }
        guard let run = try await store.latestRun(withSucceeded: phase) else {
            throw none("no run has finished its \(phase) phase yet: cadrectl run --wait")
        }
        return run
    }

    func load<Result: Sendable>(
        _ run: RunRecord, phase: String, decode: @Sendable ([UInt8]) throws -> Result
    ) throws -> Loaded<Result> {
        let key = "\(phase)#\(run.id)"
        if let cached = cache.withLock({ $0[key] }) as? Loaded<Result> { return cached }
        let reader = try reader()
        guard let stored = try reader.phaseResult(runID: run.id, phase: phase) else {
            throw ControlFailure(Workforce.ErrorName.noPhaseResult, Workforce.HintError(hint: "run \(run.id) has no \(phase) result"))
        }
        let names = Dictionary(
            try reader.people(atDataVersion: run.dataVersion).map { ($0.externalID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let loaded = Loaded(
            run: run, result: stored.payload.isEmpty ? nil : try decode(stored.payload),
            taxonomy: try RunInputs.taxonomy(of: run.id, from: reader),
            policy: try RunInputs.policy(try WireJSON.decode(JSONValue.self, from: run.policy)), names: names)
        cache.withLock { cache in
            if cache.count >= 8 { cache.removeAll() }
            cache[key] = loaded
        }
        return loaded
    }
}
