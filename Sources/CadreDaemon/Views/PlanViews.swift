import CadreEngine
import CadreStore
import CadreWire
import Synchronization

/// Learning plans of a run as people read them: the organisation's roll-up (cost, hours, by team,
/// by role level, by provider kind, funded or not, uncoverable skills), a team, a role level, a
/// person's plan course by course — and, on demand, a person's plan toward another role level,
/// computed by the same engine from the run's pinned inputs.
///
/// Readers see no per-person plan, and a group's figures only when it has `smallTeamThreshold`
/// people or more (`Disclosure`, the rule of every view).
final class PlanViews: Sendable {
    private let store: any WorkforceStore
    private let cache = Mutex<[Int64: LoadedPlans]>([:])
    /// Run selection and the one read-only pool every view shares.
    private let results: PhaseResults

    init(store: any WorkforceStore, results: PhaseResults) {
        self.store = store
        self.results = results
    }

    struct LoadedPlans: Sendable {
        let run: RunRecord
        let result: TrainingResult?
        let taxonomy: Taxonomy
        let policy: AssessmentPolicy
        let catalogue: CourseCatalogue?
        let names: [String: String]
    }

    private func reader() throws -> StoreReader { try results.reader() }

    func view(_ parameters: Workforce.GetPlansParameters, seesPeople: Bool) async throws -> Workforce.PlansView {
        let scopes = [parameters.team, parameters.roleLevel, parameters.person].compactMap { $0 }
        guard scopes.count <= 1 else {
            throw ControlFailure.invalidParameter("team", "give at most one of team, roleLevel and person")
        }
        if parameters.toward != nil, parameters.person == nil {
            throw ControlFailure.invalidParameter("toward", "toward goes with person")
        }
        let loaded = try load(try await selectRun(parameters.run))
        guard let result = loaded.result else { return PlanViewBuilder.withoutCatalogue(loaded) }
        let disclosure = Disclosure(policy: loaded.policy, seesPeople: seesPeople)
        let builder = PlanViewBuilder(loaded: loaded, result: result, disclosure: disclosure, top: min(max(parameters.top ?? 10, 1), 1000))
        if let team = parameters.team { return try builder.team(team) }
        if let text = parameters.roleLevel {
            guard let level = RoleLevelRef(parsing: text) else {
                throw ControlFailure.invalidParameter("roleLevel", "'\(text)' is not ROLE@RUNG")
            }
            return try builder.roleLevel(level)
        }
        if let person = parameters.person {
            try disclosure.requirePeople(.getPlans, uid: -1, what: "a person's learning plan")
            if let toward = parameters.toward {
                guard let level = RoleLevelRef(parsing: toward) else {
                    throw ControlFailure.invalidParameter("toward", "'\(toward)' is not ROLE@RUNG")
                }
                return try builder.person(person, plan: try planToward(level, person: person, loaded: loaded), own: false)
            }
            return try builder.person(person)
        }
        return builder.organisation()
    }

    private func selectRun(_ id: Int64?) async throws -> RunRecord {
        try await results.run(id, phase: TrainingPhase.name, none: Workforce.ErrorName.noPlans)
    }

    private func load(_ run: RunRecord) throws -> LoadedPlans {
        if let cached = cache.withLock({ $0[run.id] }) { return cached }
        let reader = try reader()
        guard let stored = try reader.phaseResult(runID: run.id, phase: TrainingPhase.name) else {
            throw ControlFailure(Workforce.ErrorName.noPlans, Workforce.HintError(hint: "run \(run.id) has no training result"))
        }
        let taxonomy = try RunInputs.taxonomy(of: run.id, from: reader)
        let policy = try RunInputs.policy(try WireJSON.decode(JSONValue.self, from: run.policy))
        var result: TrainingResult?
        var catalogue: CourseCatalogue?
        if !stored.payload.isEmpty {
            result = try TrainingResult(decoding: stored.payload)
            if let document = try reader.document(.courseCatalogue, atDataVersion: run.dataVersion) {
                catalogue = try WireJSON.decode(CourseCatalogue.self, from: document.content)
            }
        }
        let names = Dictionary(
            try reader.people(atDataVersion: run.dataVersion).map { ($0.externalID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let loaded = LoadedPlans(run: run, result: result, taxonomy: taxonomy, policy: policy, catalogue: catalogue, names: names)
        cache.withLock { cache in
            if cache.count >= 4 { cache.removeAll() }
            cache[run.id] = loaded
        }
        return loaded
    }

    /// The person's plan toward `level`, from the run's pinned inputs (their evidence only).
    private func planToward(_ level: RoleLevelRef, person: String, loaded: LoadedPlans) throws -> LearningPlan {
        let reader = try reader()
        guard let document = try reader.document(.courseCatalogue, atDataVersion: loaded.run.dataVersion) else {
            throw ControlFailure(Workforce.ErrorName.noCatalogue, Workforce.HintError(hint: "the run has no course catalogue"))
        }
        let job = PhaseJob(
            runID: loaded.run.id, phase: TrainingPhase.name, attempt: 1, asOf: loaded.run.asOf,
            dataVersion: loaded.run.dataVersion, taxonomyVersion: loaded.run.taxonomyVersion, databasePath: store.databasePath,
            policy: try WireJSON.decode(JSONValue.self, from: loaded.run.policy))
        let inputs = try PlanningInputs.load(
            job, reader: reader, catalogue: try WireJSON.decode(CourseCatalogue.self, from: document.content), personFilter: person)
        guard let p = inputs.people.ids.firstIndex(of: person) else {
            throw ControlFailure(Workforce.ErrorName.personNotFound, Workforce.IDError(id: person))
        }
        guard let r = inputs.taxonomy.roleLevelIndex(level) else {
            throw ControlFailure(
                Workforce.ErrorName.roleNotFound, Workforce.RoleNotFoundError(id: level.description, version: loaded.run.taxonomyVersion))
        }
        let people = inputs.people
        let day = inputs.settings.asOf.daysSinceEpoch
        let completed = (Int(people.completionOffsets[p])..<Int(people.completionOffsets[p + 1]))
            .filter { people.completionDay[$0] <= day }.map { people.completionCourse[$0] }
        var planner = LearningPlanner(taxonomy: inputs.taxonomy, catalogue: inputs.catalogue, settings: inputs.settings)
        return planner.plan(
            person: p, estimates: inputs.estimates, toward: r, completed: ArraySlice(Array(Set(completed)).sorted()))
    }
}
