/// The internal-transfer choice as a flow network: source → group (a source role level, capacity
/// its surplus, or unlimited when unplanned) → person (capacity 1) → target role level (capacity
/// its shortfall) → sink. A person's arc to a target costs `(−round(readiness·10⁹), plan cost)`;
/// a maximum flow of least cost is then exactly DESIGN.md's optimum: most transfers, then most
/// total readiness, then least plan cost.
///
/// People are many and role levels few, so the solver never walks people: every person belongs to
/// one group, and a residual path through a person is a two-step move between role levels — a
/// free person of group g placed at t (g → t), a person at t sent back to their group (t → g), or
/// a person at t moved on to t′ (t → t′). The best person for each such move sits on a heap, so
/// each augmentation runs Bellman–Ford on a graph of role levels only (negative costs appear on
/// the reverse moves, hence Bellman–Ford). Successive shortest paths of one unit each keep the
/// flow of least cost at every size, so the last one is the optimum.
struct TransferNetwork: Sendable {
    /// Per group; `Int.max` for a group without a limit.
    let groupCapacity: [Int]
    /// Per target.
    let seatCapacity: [Int]
    private(set) var candidateGroup: [Int32] = []
    /// Candidate `c`'s arcs are `arcOffsets[c] ..< arcOffsets[c + 1]`.
    private(set) var arcOffsets: [Int32] = [0]
    private(set) var arcTarget: [Int32] = []
    private(set) var arcCost: [TransferCost] = []

    init(groupCapacity: [Int], seatCapacity: [Int]) {
        self.groupCapacity = groupCapacity
        self.seatCapacity = seatCapacity
    }

    var candidateCount: Int { candidateGroup.count }

    func arcs(of candidate: Int) -> Range<Int> { Int(arcOffsets[candidate])..<Int(arcOffsets[candidate + 1]) }

    /// Adds a person of `group` with arcs to distinct targets; returns the candidate's number.
    @discardableResult
    mutating func addCandidate(group: Int, arcs: [(target: Int, cost: TransferCost)]) -> Int {
        candidateGroup.append(Int32(group))
        for arc in arcs {
            arcTarget.append(Int32(arc.target))
            arcCost.append(arc.cost)
        }
        arcOffsets.append(Int32(arcTarget.count))
        return candidateGroup.count - 1
    }

    /// The target each candidate is placed at, or −1.
    func solve() -> [Int32] {
        var state = TransferFlowState(self)
        while let path = state.shortestPath() { state.apply(path) }
        return state.assigned
    }
}

/// One step of a residual path between role-level nodes, with the person it moves.
struct TransferStep: Sendable {
    enum Kind: UInt8, Sendable { case enter, place, withdraw, move, fill }
    var from: Int32
    var to: Int32
    var cost: TransferCost
    var person: Int32
    var kind: Kind
}

/// The flow while it grows: who is placed where, and the heaps of the best person for each move.
struct TransferFlowState {
    let network: TransferNetwork
    let groups: Int
    let targets: Int
    private(set) var assigned: [Int32]
    private var groupUsed: [Int]
    private var seatsUsed: [Int]
    /// `[g · targets + t]`: free people of group g with an arc to t, by arc cost.
    private var free: [PersonHeap]
    /// `[t · groups + g]`: people of group g placed at t, by the negated cost of their arc to t.
    private var held: [PersonHeap]
    /// `[t · targets + t′]`: people placed at t with an arc to t′, by the change of cost.
    private var movable: [PersonHeap]
    private var steps: [TransferStep] = []

    init(_ network: TransferNetwork) {
        self.network = network
        groups = network.groupCapacity.count
        targets = network.seatCapacity.count
        let count = network.candidateCount
        assigned = Array(repeating: -1, count: count)
        groupUsed = Array(repeating: 0, count: groups)
        seatsUsed = Array(repeating: 0, count: targets)
        free = Array(repeating: PersonHeap(), count: groups * targets)
        held = Array(repeating: PersonHeap(), count: targets * groups)
        movable = Array(repeating: PersonHeap(), count: targets * targets)
        for candidate in 0..<count { release(candidate) }
    }

    private var source: Int32 { 0 }
    private var sink: Int32 { Int32(1 + groups + targets) }
    private func groupNode(_ g: Int) -> Int32 { Int32(1 + g) }
    private func targetNode(_ t: Int) -> Int32 { Int32(1 + groups + t) }

    /// The cheapest augmenting path from source to sink, as steps from source to sink; nil when the
    /// flow is maximum.
    mutating func shortestPath() -> [TransferStep]? {
        collectSteps()
        let nodeCount = 2 + groups + targets
        var distance = [TransferCost?](repeating: nil, count: nodeCount)
        var via = [Int32](repeating: -1, count: nodeCount)
        distance[0] = .zero
        for _ in 0..<nodeCount {
            var changed = false
            for (index, step) in steps.enumerated() {
                guard let start = distance[Int(step.from)] else { continue }
                let reached = start + step.cost
                if let known = distance[Int(step.to)], !(reached < known) { continue }
                distance[Int(step.to)] = reached
                via[Int(step.to)] = Int32(index)
                changed = true
            }
            if !changed { break }
        }
        guard distance[Int(sink)] != nil else { return nil }
        var path: [TransferStep] = []
        var node = sink
        while node != source, path.count <= nodeCount {
            let step = steps[Int(via[Int(node)])]
            path.append(step)
            node = step.from
        }
        return path.reversed()
    }

    mutating func apply(_ path: [TransferStep]) {
        for step in path {
            switch step.kind {
            case .enter: groupUsed[Int(step.to) - 1] += 1
            case .place, .move: assign(Int(step.person), to: Int(step.to) - 1 - groups)
            case .withdraw: release(Int(step.person))
            case .fill: seatsUsed[Int(step.from) - 1 - groups] += 1
            }
        }
    }

    /// Every residual move between role-level nodes, each with the best person for it, in a fixed
    /// order (so ties between equal paths fall the same way on every run).
    private mutating func collectSteps() {
        steps.removeAll(keepingCapacity: true)
        for g in 0..<groups where groupUsed[g] < network.groupCapacity[g] {
            steps.append(TransferStep(from: source, to: groupNode(g), cost: .zero, person: -1, kind: .enter))
        }
        for g in 0..<groups {
            for t in 0..<targets {
                if let (key, person) = Self.cleanTop(&free[g * targets + t], assigned, where: -1) {
                    steps.append(TransferStep(from: groupNode(g), to: targetNode(t), cost: key, person: person, kind: .place))
                }
            }
        }
        for t in 0..<targets {
            for g in 0..<groups {
                if let (key, person) = Self.cleanTop(&held[t * groups + g], assigned, where: Int32(t)) {
                    steps.append(TransferStep(from: targetNode(t), to: groupNode(g), cost: key, person: person, kind: .withdraw))
                }
            }
            for other in 0..<targets where other != t {
                if let (key, person) = Self.cleanTop(&movable[t * targets + other], assigned, where: Int32(t)) {
                    steps.append(TransferStep(from: targetNode(t), to: targetNode(other), cost: key, person: person, kind: .move))
                }
            }
            if seatsUsed[t] < network.seatCapacity[t] {
                steps.append(TransferStep(from: targetNode(t), to: sink, cost: .zero, person: -1, kind: .fill))
            }
        }
    }

    /// The heap's best entry whose person is still placed at `place` (−1: free); entries made stale
    /// by later moves are dropped on the way.
    private static func cleanTop(_ heap: inout PersonHeap, _ assigned: [Int32], where place: Int32) -> (TransferCost, Int32)? {
        while let top = heap.top {
            if assigned[Int(top.person)] == place { return (top.key, top.person) }
            heap.pop()
        }
        return nil
    }

    private mutating func assign(_ candidate: Int, to target: Int) {
        let arcs = network.arcs(of: candidate)
        guard let arc = arcs.first(where: { Int(network.arcTarget[$0]) == target }) else { return }
        let cost = network.arcCost[arc]
        let person = Int32(candidate)
        assigned[candidate] = Int32(target)
        held[target * groups + Int(network.candidateGroup[candidate])].push(-cost, person)
        for other in arcs where other != arc {
            movable[target * targets + Int(network.arcTarget[other])].push(network.arcCost[other] - cost, person)
        }
    }

    private mutating func release(_ candidate: Int) {
        assigned[candidate] = -1
        let group = Int(network.candidateGroup[candidate])
        for arc in network.arcs(of: candidate) {
            free[group * targets + Int(network.arcTarget[arc])].push(network.arcCost[arc], Int32(candidate))
        }
    }
}
