import CadreEngine
import CadreStore
import CadreWire
import Foundation
import Synchronization

/// The gap map of a run as people read it: the organisation, a team, a role level, a person. Reads
/// the assessment phase's persisted result (decoded once per run and kept), the run's taxonomy and
/// its roster; the person view recomputes that one person's estimates from the pinned evidence to
/// show the why, which equals the stored figures to the bit.
final class GapViews: Sendable {
    private let store: any WorkforceStore
    private let cache = Mutex<[Int64: LoadedRun]>([:])
    /// The one read-only pool every view shares.
    private let results: PhaseResults

    init(store: any WorkforceStore, results: PhaseResults) {
        self.store = store
        self.results = results
    }

    private func reader() throws -> StoreReader { try results.reader() }

    struct LoadedRun: Sendable {
        let run: RunRecord
        let gapMap: GapMap
        let taxonomy: Taxonomy
        let policy: AssessmentPolicy
        let people: [String: StoredPerson]
        let skillNames: [String]
    }

    func view(_ parameters: Workforce.GetGapsParameters, access: Workforce.Access, uid: UInt32) async throws -> Workforce.GapView {
        let scopes = [parameters.team, parameters.roleLevel, parameters.person].compactMap { $0 }
        guard scopes.count <= 1 else {
            throw ControlFailure.invalidParameter("team", "give at most one of team, roleLevel and person")
        }
        let loaded = try load(try await selectRun(parameters))
        let top = min(max(parameters.top ?? 10, 1), 1000)
        let disclosure = Disclosure(policy: loaded.policy, seesPeople: access >= .operator)
        let builder = GapViewBuilder(loaded: loaded, top: top, disclosure: disclosure)
        if let team = parameters.team { return try builder.team(team) }
        if let text = parameters.roleLevel {
            guard let level = RoleLevelRef(parsing: text) else {
                throw ControlFailure.invalidParameter("roleLevel", "'\(text)' is not ROLE or ROLE@RUNG")
            }
            return try builder.role(level)
        }
        if let person = parameters.person {
            try disclosure.requirePeople(.getGaps, uid: Int(uid), what: "a person's gaps")
            return try builder.person(person, explain: try explainer(loaded))
        }
        return builder.org()
    }

    private func selectRun(_ parameters: Workforce.GetGapsParameters) async throws -> RunRecord {
        if let id = parameters.run {
            guard let run = try await store.run(id: id) else {
                throw ControlFailure(Workforce.ErrorName.runNotFound, Workforce.RunNotFoundError(id: id))
            }
            guard run.phases.contains(where: { $0.phase == AssessmentPhase.name && $0.state == .succeeded }) else {
                throw ControlFailure(
                    Workforce.ErrorName.noAssessment,
                    Workforce.HintError(hint: "run \(id) has no finished assessment (\(run.state.rawValue))"))
            }
            return run
        }
        var limit: Int64?
        if let text = parameters.asOf {
            guard let asOf = Timestamp.parseAsOf(text) else {
                throw ControlFailure.invalidParameter("asOf", "'\(text)' is not a date (YYYY-MM-DD) or RFC 3339 time")
            }
            limit = asOf
        }
        guard let run = try await store.latestRun(withSucceeded: AssessmentPhase.name, asOfAtMost: limit) else {
            throw ControlFailure(
                Workforce.ErrorName.noAssessment,
                Workforce.HintError(
                    hint: parameters.asOf == nil
                        ? "no run has finished its assessment yet: cadrectl run --wait"
                        : "no assessed run as of \(parameters.asOf ?? ""): cadrectl run --as-of \(parameters.asOf ?? "") --wait"))
        }
        return run
    }

    private func load(_ run: RunRecord) throws -> LoadedRun {
        if let cached = cache.withLock({ $0[run.id] }) { return cached }
        let reader = try reader()
        guard let result = try reader.phaseResult(runID: run.id, phase: AssessmentPhase.name) else {
            throw ControlFailure(Workforce.ErrorName.noAssessment, Workforce.HintError(hint: "run \(run.id) has no assessment"))
        }
        let gapMap = try GapMap(decoding: result.payload)
        let taxonomy = try RunInputs.taxonomy(of: run.id, from: reader)
        let policy = try RunInputs.policy(try WireJSON.decode(JSONValue.self, from: run.policy))
        let people = Dictionary(
            try reader.people(atDataVersion: run.dataVersion).map { ($0.externalID, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(taxonomy.skills.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let loaded = LoadedRun(
            run: run, gapMap: gapMap, taxonomy: taxonomy, policy: policy, people: people,
            skillNames: gapMap.taxonomy.skillIDs.map { names[$0] ?? $0 })
        cache.withLock { cache in
            if cache.count >= 4 { cache.removeAll() }
            cache[run.id] = loaded
        }
        return loaded
    }

    /// The one-person input behind the person view's "why".
    private func explainer(_ loaded: LoadedRun) throws -> (String) throws -> AssessmentInputLoader.Loaded {
        let reader = try reader()
        return { person in
            try AssessmentInputLoader(
                reader: reader, taxonomy: loaded.gapMap.taxonomy,
                policy: loaded.policy
            ).load(dataVersion: loaded.run.dataVersion, personFilter: person)
        }
    }
}
