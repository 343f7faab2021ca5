import Testing
@testable import CadreEngine

/// The transfer optimisation against hand-worked cases and against exhaustive search.
@Suite struct SourcingTransferTests {
    static func cost(_ readiness: Int64, _ money: Int64 = 0) -> TransferCost {
        TransferCost(readinessNanos: readiness, planCost: money)
    }

    /// P → X 0.95, P → Y 0.90, Q → X 0.85, one seat each: greedy by readiness puts P at X and
    /// leaves Y empty; the optimum is P at Y and Q at X.
    @Test func moreTransfersBeatMoreReadiness() {
        var network = TransferNetwork(groupCapacity: [Int.max], seatCapacity: [1, 1])
        network.addCandidate(group: 0, arcs: [(0, Self.cost(950_000_000)), (1, Self.cost(900_000_000))])
        network.addCandidate(group: 0, arcs: [(0, Self.cost(850_000_000))])
        #expect(network.solve() == [1, 0])
    }

    /// Two candidates for one seat with equal readiness: the cheaper plan; the group's capacity of
    /// one stops a second transfer out of it even with a second seat free.
    @Test func cheaperPlanBreaksReadinessTiesAndGroupCapacityHolds() {
        var network = TransferNetwork(groupCapacity: [1, Int.max], seatCapacity: [2])
        network.addCandidate(group: 0, arcs: [(0, Self.cost(900_000_000, 300))])
        network.addCandidate(group: 0, arcs: [(0, Self.cost(900_000_000, 100))])
        network.addCandidate(group: 1, arcs: [(0, Self.cost(800_000_000, 0))])
        #expect(network.solve() == [-1, 0, 0])
    }

    /// A later path must move a placed person on: A (group 0) is best at X; B (group 1) fits
    /// only X; the flow ends with A at Y and B at X.
    @Test func augmentingPathsReassignPeople() {
        var network = TransferNetwork(groupCapacity: [1, 1], seatCapacity: [1, 1])
        network.addCandidate(group: 0, arcs: [(0, Self.cost(990_000_000)), (1, Self.cost(810_000_000))])
        network.addCandidate(group: 1, arcs: [(0, Self.cost(820_000_000))])
        #expect(network.solve() == [1, 0])
    }

    /// Three cases worked from DESIGN.md's transfer rule alone (each has a single optimum).
    /// 1: Y takes only A's people and A gives two, so X must come from B though a1 is readier for
    /// X and a2 free. 2: A gives one, so one from A and one from B (readiness), the cheaper of
    /// each. 3: a1 must go to Z, its weaker arc, or only two transfer; X and Y then take c1, c2.
    @Test func casesWorkedFromTheRule() {
        var first = TransferNetwork(groupCapacity: [2, Int.max], seatCapacity: [1, 3])
        first.addCandidate(group: 0, arcs: [(0, Self.cost(950_000_000, 100)), (1, Self.cost(900_000_000, 50))])
        first.addCandidate(group: 0, arcs: [(0, Self.cost(850_000_000, 0))])
        first.addCandidate(group: 0, arcs: [(1, Self.cost(820_000_000, 10))])
        first.addCandidate(group: 1, arcs: [(0, Self.cost(990_000_000, 300))])
        #expect(first.solve() == [1, -1, 1, 0])

        var second = TransferNetwork(groupCapacity: [1, Int.max], seatCapacity: [2])
        second.addCandidate(group: 0, arcs: [(0, Self.cost(900_000_000, 300))])
        second.addCandidate(group: 0, arcs: [(0, Self.cost(900_000_000, 100))])
        second.addCandidate(group: 1, arcs: [(0, Self.cost(800_000_000, 0))])
        second.addCandidate(group: 1, arcs: [(0, Self.cost(800_000_000, 5))])
        #expect(second.solve() == [-1, 0, 0, -1])

        var third = TransferNetwork(groupCapacity: [1, 1, Int.max], seatCapacity: [1, 1, 5])
        third.addCandidate(group: 0, arcs: [(0, Self.cost(990_000_000)), (2, Self.cost(810_000_000))])
        third.addCandidate(group: 1, arcs: [(0, Self.cost(820_000_000)), (1, Self.cost(800_000_000))])
        third.addCandidate(group: 2, arcs: [(0, Self.cost(970_000_000))])
        third.addCandidate(group: 2, arcs: [(1, Self.cost(950_000_000))])
        #expect(third.solve() == [2, -1, 0, 1])
    }

    struct Instance: CustomStringConvertible {
        var groupCapacity: [Int]
        var seats: [Int]
        var group: [Int]
        var arcs: [[(target: Int, readiness: Int64, money: Int64)]]
        var description: String { "groups \(groupCapacity) seats \(seats) group \(group) arcs \(arcs)" }

        var network: TransferNetwork {
            var network = TransferNetwork(groupCapacity: groupCapacity, seatCapacity: seats)
            for (person, list) in arcs.enumerated() {
                network.addCandidate(group: group[person], arcs: list.map { ($0.target, TransferCost(readinessNanos: $0.readiness, planCost: $0.money)) })
            }
            return network
        }

        /// (count, Σ readiness, Σ money) of an assignment, or nil when it breaks a limit.
        func score(_ assigned: [Int]) -> (Int, Int64, Int64)? {
            var perGroup = Array(repeating: 0, count: groupCapacity.count)
            var perSeat = Array(repeating: 0, count: seats.count)
            var score = (0, Int64(0), Int64(0))
            for (person, target) in assigned.enumerated() where target >= 0 {
                guard let arc = arcs[person].first(where: { $0.target == target }) else { return nil }
                perGroup[group[person]] += 1
                perSeat[target] += 1
                score = (score.0 + 1, score.1 + arc.readiness, score.2 + arc.money)
            }
            guard zip(perGroup, groupCapacity).allSatisfy({ $0 <= $1 }), zip(perSeat, seats).allSatisfy({ $0 <= $1 }) else { return nil }
            return score
        }

        /// Every assignment, written out plainly: each person stays or takes one of their arcs.
        func best() -> (Int, Int64, Int64) {
            var best = (0, Int64(0), Int64(0))
            var assigned = Array(repeating: -1, count: arcs.count)
            func visit(_ person: Int) {
                if person == arcs.count {
                    if let s = score(assigned), s.0 > best.0 || (s.0 == best.0 && (s.1 > best.1 || (s.1 == best.1 && s.2 < best.2))) {
                        best = s
                    }
                    return
                }
                assigned[person] = -1
                visit(person + 1)
                for arc in arcs[person] {
                    assigned[person] = arc.target
                    visit(person + 1)
                }
                assigned[person] = -1
            }
            visit(0)
            return best
        }
    }

    static func randomInstance(_ random: inout SplitMix64) -> Instance {
        let groups = 1 + random.below(3), targets = 1 + random.below(3), people = random.below(8)
        let groupCapacity = (0..<groups).map { _ in random.chance(0.3) ? Int.max : random.below(4) }
        let seats = (0..<targets).map { _ in random.below(4) }
        var group: [Int] = [], arcs: [[(target: Int, readiness: Int64, money: Int64)]] = []
        for _ in 0..<people {
            group.append(random.below(groups))
            var list: [(target: Int, readiness: Int64, money: Int64)] = []
            for target in 0..<targets where random.chance(0.6) {
                // Few distinct values, so ties in readiness and cost are common.
                list.append((target, 800_000_000 + Int64(random.below(5)) * 50_000_000, Int64(random.below(4)) * 100))
            }
            arcs.append(list)
        }
        return Instance(groupCapacity: groupCapacity, seats: seats, group: group, arcs: arcs)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func matchesExhaustiveSearch(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<150 {
            let instance = Self.randomInstance(&random)
            let assigned = instance.network.solve().map(Int.init)
            let score = instance.score(assigned)
            #expect(score != nil, "limits broken: \(instance) → \(assigned)")
            guard let score else { continue }
            let best = instance.best()
            #expect(score == best, "\(instance) → \(assigned)")
        }
    }

    /// Larger networks than exhaustive search can check — up to 60 people with one to three arcs,
    /// seat limits that bind and that cannot, unlimited groups — against a plain min-cost flow on
    /// the full person-level graph (Bellman–Ford successive shortest paths, `ReferenceFlow`).
    @Test(arguments: [UInt64(11), 12, 13])
    func matchesAPlainMinCostFlowOnLargerNetworks(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<40 {
            let groups = 1 + random.below(5), targets = 1 + random.below(6), people = random.below(61)
            var instance = Instance(
                groupCapacity: (0..<groups).map { _ in random.chance(0.25) ? Int.max : random.below(12) },
                seats: (0..<targets).map { _ in random.below(random.chance(0.5) ? 6 : 40) }, group: [], arcs: [])
            for _ in 0..<people {
                instance.group.append(random.below(groups))
                var list: [(target: Int, readiness: Int64, money: Int64)] = []
                for target in 0..<targets where list.count < 3 && random.chance(0.4) {
                    list.append((target, 800_000_000 + Int64(random.below(8)) * 25_000_000, Int64(random.below(5)) * 100))
                }
                instance.arcs.append(list)
            }
            let assigned = instance.network.solve().map(Int.init)
            let score = instance.score(assigned)
            #expect(score != nil, "limits broken: \(instance) → \(assigned)")
            guard let score else { continue }
            #expect(score == ReferenceFlow.optimum(instance), "\(instance) → \(assigned)")
        }
    }

    /// Min-cost maximum flow on source → group → person → target → sink, every person a node:
    /// successive shortest paths by Bellman–Ford on lexicographic (−readiness, money) costs.
    enum ReferenceFlow {
        struct Arc {
            var to: Int
            var capacity: Int
            var cost: (Int64, Int64)
            var reverse: Int
        }

        static func optimum(_ instance: Instance) -> (Int, Int64, Int64) {
            let groups = instance.groupCapacity.count, people = instance.arcs.count, targets = instance.seats.count
            let source = 0, sink = 1 + groups + people + targets
            var graph = [[Arc]](repeating: [], count: sink + 1)
            func add(_ from: Int, _ to: Int, _ capacity: Int, _ cost: (Int64, Int64)) {
                graph[from].append(Arc(to: to, capacity: capacity, cost: cost, reverse: graph[to].count))
                graph[to].append(Arc(to: from, capacity: 0, cost: (-cost.0, -cost.1), reverse: graph[from].count - 1))
            }
            for g in 0..<groups { add(source, 1 + g, min(instance.groupCapacity[g], people), (0, 0)) }
            for p in 0..<people {
                add(1 + instance.group[p], 1 + groups + p, 1, (0, 0))
                for arc in instance.arcs[p] { add(1 + groups + p, 1 + groups + people + arc.target, 1, (-arc.readiness, arc.money)) }
            }
            for t in 0..<targets { add(1 + groups + people + t, sink, instance.seats[t], (0, 0)) }
            var total = (0, Int64(0), Int64(0))
            while true {
                var distance = [(Int64, Int64)?](repeating: nil, count: graph.count)
                var via = [(node: Int, arc: Int)?](repeating: nil, count: graph.count)
                distance[source] = (0, 0)
                for _ in 0..<graph.count {
                    var changed = false
                    for u in graph.indices {
                        guard let du = distance[u] else { continue }
                        for (index, arc) in graph[u].enumerated() where arc.capacity > 0 {
                            let reached = (du.0 + arc.cost.0, du.1 + arc.cost.1)
                            if let known = distance[arc.to], !(reached < known) { continue }
                            distance[arc.to] = reached
                            via[arc.to] = (u, index)
                            changed = true
                        }
                    }
                    if !changed { break }
                }
                guard let reached = distance[sink] else { return total }
                var node = sink
                while let step = via[node] {
                    graph[step.node][step.arc].capacity -= 1
                    graph[node][graph[step.node][step.arc].reverse].capacity += 1
                    node = step.node
                }
                total = (total.0 + 1, total.1 - reached.0, total.2 + reached.1)
            }
        }
    }

    /// The same check end to end: random small organisations through the planner, where nobody is
    /// placed twice, no seat or surplus limit is exceeded, and the transfer count and readiness
    /// equal the exhaustive optimum over the eligible (person, role level) pairs.
    @Test func plannerTransfersAreOptimalOnRandomOrganisations() throws {
        let taxonomy = try SourcingFixture.standardTaxonomy()
        var random = SplitMix64(seed: 42)
        var transfersSeen = 0
        for _ in 0..<120 {
            let org = SourcingFixture.random(&random, taxonomy: taxonomy)
            let plan = try org.run()
            let transferred = plan.roleLevels.flatMap { $0.transfers.map(\.person) }
            let upskilled = plan.roleLevels.flatMap { $0.upskill.map(\.person) }
            #expect(Set(transferred).count == transferred.count)
            #expect(Set(transferred).isDisjoint(with: upskilled))
            for level in plan.roleLevels {
                #expect(level.transfers.count <= level.shortfall)
                #expect(level.transfersOut <= level.surplus)
                #expect(level.transfers.count + level.hires.count + level.unfilled == level.shortfall)
                #expect(level.upskill.count + level.capable.count <= max(level.target, level.capable.count))
            }
            let count = transferred.count
            transfersSeen += count
            let readiness = plan.roleLevels.reduce(Int64(0)) { $0 + $1.transfers.reduce(0) { $0 + $1.readinessNanos } }
            let best = Self.exhaustiveTransfers(org: org, plan: plan)
            #expect(count == best.0 && readiness == best.1, "\(org.people.map { "\($0.id)@\($0.at) \($0.estimates)" }) \(org.plan)")
        }
        // The instances exercise transfers, not only empty plans.
        #expect(transfersSeen > 30)
    }

    /// Eligibility written out from DESIGN.md's words, then every assignment tried.
    static func exhaustiveTransfers(org: SourcingFixture, plan: SourcingPlan) -> (Int, Int64, Int64) {
        let input = org.input
        let byLevel = Dictionary(uniqueKeysWithValues: plan.roleLevels.map { ($0.roleLevel, $0) })
        let targets = plan.roleLevels.filter { $0.shortfall > 0 }
        var groupOfLevel: [RoleLevelRef: Int] = [:]
        var groupCapacity: [Int] = []
        var group: [Int] = [], arcs: [[(target: Int, readiness: Int64, money: Int64)]] = []
        for (p, person) in org.people.enumerated() {
            guard let own = RoleLevelRef(parsing: person.at) else { continue }
            let ownPlanned = byLevel[own]
            if let ownPlanned, ownPlanned.surplus == 0 { continue }
            var list: [(target: Int, readiness: Int64, money: Int64)] = []
            for (t, target) in targets.enumerated() {
                let ref = target.roleLevel
                if ref == own || (ref.role == own.role && ref.rung < own.rung) { continue }
                guard let r = input.taxonomy.roleLevelIndex(ref) else { continue }
                let readiness = input.estimates.readiness(person: p, roleLevel: r, taxonomy: input.taxonomy, tolerance: 0.25).readiness
                guard readiness >= 0.8, let learning = org.plans["\(person.id)→\(ref)"],
                      !learning.hasUncoverable, learning.readyBy <= target.due else { continue }
                list.append((t, Int64((readiness * 1e9).rounded()), learning.cost))
            }
            guard !list.isEmpty else { continue }
            if groupOfLevel[own] == nil {
                groupOfLevel[own] = groupCapacity.count
                groupCapacity.append(ownPlanned?.surplus ?? Int.max)
            }
            group.append(groupOfLevel[own] ?? 0)
            arcs.append(list)
        }
        return Instance(groupCapacity: groupCapacity, seats: targets.map(\.shortfall), group: group, arcs: arcs).best()
    }
}
