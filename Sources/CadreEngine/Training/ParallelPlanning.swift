import Dispatch
import Synchronization

/// A learning plan asked for: person `person` toward role level `roleLevel`.
public struct PlanRequest: Hashable, Sendable {
    public var person: Int32
    public var roleLevel: Int32

    public init(person: Int, roleLevel: Int) {
        self.person = Int32(person)
        self.roleLevel = Int32(roleLevel)
    }
}

/// Many plans on several threads, with exactly the result of one planner going through the
/// requests in order.
///
/// Threads take whole role levels, largest first, each with its own planner: a problem names its
/// role level, so no two threads meet the same one, and solving is deterministic, so which thread
/// solved a problem does not show. The cores are then numbered in the order requests first need
/// them, as one planner would have numbered them.
public enum ParallelPlanning {
    struct Outcome: Sendable {
        var cores: [PlanCore]
        var requests: [Int32]
        var localCore: [Int32]
    }

    /// Everyone's plan toward their own role level.
    static func solve(_ input: TrainingInput, threads: Int) -> (cores: [PlanCore], personCore: [Int32]) {
        let people = input.people
        let requests = (0..<people.count).map { PlanRequest(person: $0, roleLevel: Int(people.roleLevel[$0])) }
        let (cores, requestCore) = solve(
            requests, estimates: input.estimates, people: people, taxonomy: input.taxonomy, catalogue: input.catalogue,
            settings: input.settings, threads: threads)
        return (cores, requestCore)
    }

    /// The plans for `requests`: the distinct cores, and for each request the index of its core.
    /// Each person's completions on or before the as-of day come from `people`.
    public static func solve(
        _ requests: [PlanRequest], estimates: SkillEstimates, people: TrainingPeople, taxonomy: CompiledTaxonomy,
        catalogue: CompiledCatalogue, settings: PlanningSettings, threads: Int
    ) -> (cores: [PlanCore], requestCore: [Int32]) {
        var byRoleLevel = [[Int32]](repeating: [], count: taxonomy.roleLevelCount)
        for (r, request) in requests.enumerated() { byRoleLevel[Int(request.roleLevel)].append(Int32(r)) }
        let groups = byRoleLevel.filter { !$0.isEmpty }.sorted { ($0.count, $1[0]) > ($1.count, $0[0]) }
        let next = Atomic<Int>(0)
        let outcomes = Mutex<[Outcome]>([])
        let day = settings.asOf.daysSinceEpoch
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, groups.count))) { _ in
            var planner = LearningPlanner(taxonomy: taxonomy, catalogue: catalogue, settings: settings)
            var outcome = Outcome(cores: [], requests: [], localCore: [])
            var completed: [Int32] = []
            while true {
                let g = next.add(1, ordering: .relaxed).oldValue
                guard g < groups.count else { break }
                for r in groups[g] {
                    let request = requests[Int(r)]
                    people.completed(Int(request.person), onOrBefore: day, into: &completed)
                    let core = planner.solve(
                        person: Int(request.person), estimates: estimates, toward: Int(request.roleLevel),
                        completed: completed[...])
                    outcome.requests.append(r)
                    outcome.localCore.append(Int32(core))
                }
            }
            outcome.cores = planner.cores
            let finished = outcome
            outcomes.withLock { $0.append(finished) }
        }
        let finished = outcomes.withLock { $0 }
        var owner = [Int32](repeating: -1, count: requests.count)
        var local = [Int32](repeating: -1, count: requests.count)
        for (t, outcome) in finished.enumerated() {
            for (i, r) in outcome.requests.enumerated() {
                owner[Int(r)] = Int32(t)
                local[Int(r)] = outcome.localCore[i]
            }
        }
        var global = finished.map { [Int32](repeating: -1, count: $0.cores.count) }
        var cores: [PlanCore] = []
        var requestCore = [Int32](repeating: 0, count: requests.count)
        for r in requests.indices {
            let t = Int(owner[r]), c = Int(local[r])
            if global[t][c] < 0 {
                global[t][c] = Int32(cores.count)
                cores.append(finished[t].cores[c])
            }
            requestCore[r] = global[t][c]
        }
        return (cores, requestCore)
    }
}
