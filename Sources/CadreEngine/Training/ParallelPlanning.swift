import Dispatch
import Synchronization

/// Everyone's plan toward their own role level on several threads, with exactly the result of
/// one planner going through people in order.
///
/// Threads take whole role levels, largest first, each with its own planner: a problem names its
/// role level, so no two threads meet the same one, and solving is deterministic, so which thread
/// solved a problem does not show. The cores are then numbered in the order people first need
/// them, as one planner would have numbered them.
enum ParallelPlanning {
    struct Outcome: Sendable {
        var cores: [PlanCore]
        var people: [Int32]
        var localCore: [Int32]
    }

    static func solve(_ input: TrainingInput, threads: Int) -> (cores: [PlanCore], personCore: [Int32]) {
        let people = input.people
        var byRoleLevel = [[Int32]](repeating: [], count: input.taxonomy.roleLevelCount)
        for p in 0..<people.count { byRoleLevel[Int(people.roleLevel[p])].append(Int32(p)) }
        let groups = byRoleLevel.filter { !$0.isEmpty }.sorted { ($0.count, $1[0]) > ($1.count, $0[0]) }
        let next = Atomic<Int>(0)
        let outcomes = Mutex<[Outcome]>([])
        let day = input.settings.asOf.daysSinceEpoch
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, groups.count))) { _ in
            var planner = LearningPlanner(taxonomy: input.taxonomy, catalogue: input.catalogue, settings: input.settings)
            var outcome = Outcome(cores: [], people: [], localCore: [])
            var completed: [Int32] = []
            while true {
                let g = next.add(1, ordering: .relaxed).oldValue
                guard g < groups.count else { break }
                for p in groups[g] {
                    people.completed(Int(p), onOrBefore: day, into: &completed)
                    let core = planner.solve(
                        person: Int(p), estimates: input.estimates, toward: Int(people.roleLevel[Int(p)]),
                        completed: completed[...])
                    outcome.people.append(p)
                    outcome.localCore.append(Int32(core))
                }
            }
            outcome.cores = planner.cores
            let finished = outcome
            outcomes.withLock { $0.append(finished) }
        }
        let finished = outcomes.withLock { $0 }
        var owner = [Int32](repeating: -1, count: people.count)
        var local = [Int32](repeating: -1, count: people.count)
        for (t, outcome) in finished.enumerated() {
            for (i, p) in outcome.people.enumerated() {
                owner[Int(p)] = Int32(t)
                local[Int(p)] = outcome.localCore[i]
            }
        }
        var global = finished.map { [Int32](repeating: -1, count: $0.cores.count) }
        var cores: [PlanCore] = []
        var personCore = [Int32](repeating: 0, count: people.count)
        for p in 0..<people.count {
            let t = Int(owner[p]), c = Int(local[p])
            if global[t][c] < 0 {
                global[t][c] = Int32(cores.count)
                cores.append(finished[t].cores[c])
            }
            personCore[p] = global[t][c]
        }
        return (cores, personCore)
    }
}
