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
/// each augmentation searches a graph of role levels only. Costs are negative (more readiness is
/// cheaper), and node potentials make every reduced cost non-negative, so each search is
/// Dijkstra's. Successive shortest paths of one unit each keep the flow of least cost at every
/// size, so the last one is the optimum.
///
/// A target with at least as many seats as people with an arc to it never fills: it is *open*,
/// and is merged into the sink. A shortest path never leaves an open target except to the sink —
/// a detour t → … → sink taken instead of t → sink closes, with the sink's reverse arc into t (t
/// holds someone, the person sent on), a residual cycle, and a flow of least cost has none of
/// negative cost — so placing someone at an open target is one move g → sink, and moving someone
/// from t on to an open target one move t → sink. When shortfalls are larger than the candidate
/// lists, as they usually are, the search is over the groups alone.
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
        while state.augment() {}
        return state.assigned
    }
}

/// One step of a residual path between role-level nodes, with the person it moves.
struct TransferStep: Sendable {
    enum Kind: UInt8, Sendable {
        /// source → group.
        case enter
        /// group → target: a free person placed at a target that can fill.
        case place
        /// group → sink: a free person placed at an open target (`target`).
        case placeOpen
        /// target → group: a person sent back to their group.
        case withdraw
        /// target → target: a placed person moved on to a target that can fill.
        case move
        /// target → sink: a placed person moved on to an open target (`target`).
        case moveOpen
        /// target → sink: a seat taken.
        case fill
    }
    var from: Int32
    var to: Int32
    var cost: TransferCost
    var person: Int32
    var kind: Kind
    /// The open target of `placeOpen` and `moveOpen`.
    var target: Int32 = -1
}

/// The flow while it grows: who is placed where, the heaps of the best person for each move, and
/// node potentials that keep every residual move's reduced cost non-negative — so each shortest
/// path is found by Dijkstra's algorithm on the role-level nodes (dense: there are few), stopped as
/// soon as the sink is settled.
struct TransferFlowState {
    let network: TransferNetwork
    let groups: Int
    let targets: Int
    private(set) var assigned: [Int32]
    private var groupUsed: [Int]
    private var seatsUsed: [Int]
    /// Per target: open (never fills, merged into the sink).
    private var open: [Bool]
    /// Per arc, its candidate.
    private var arcCandidate: [Int32]
    /// `[g · targets + t]`, t not open: free people of group g with an arc to t, by arc cost.
    private var free: [PersonHeap]
    /// Per group: arcs of its free people to open targets, by cost.
    private var freeOpen: [PersonHeap]
    /// `[t · groups + g]`, t not open: people of group g placed at t, by the negated arc cost.
    private var held: [PersonHeap]
    /// `[t · targets + t′]`, neither open: people placed at t with an arc to t′, by the change of cost.
    private var movable: [PersonHeap]
    /// Per target not open: arcs to open targets of the people placed there, by the change of cost.
    private var movableOpen: [PersonHeap]
    /// Per target: whether any `movable` heap out of it was ever filled (none while nobody placed
    /// there has a second arc), so the common case skips the target-to-target scan.
    private var anyMovable: [Bool]
    /// Source, groups, targets that can fill, sink: the nodes a search can reach.
    private let searchNodes: [Int]
    /// The targets that can fill (not open), ascending.
    private let fillable: [Int]
    /// Reached and not yet settled nodes of the current search.
    private var frontier: [Int] = []
    private var potential: [TransferCost]
    private var distance: [TransferCost]
    private var settled: [Bool]
    private var via: [TransferStep]

    init(_ network: TransferNetwork) {
        self.network = network
        groups = network.groupCapacity.count
        targets = network.seatCapacity.count
        let count = network.candidateCount
        let nodes = 2 + groups + targets
        var arcsInto = Array(repeating: 0, count: targets)
        for target in network.arcTarget { arcsInto[Int(target)] += 1 }
        open = (0..<targets).map { network.seatCapacity[$0] >= arcsInto[$0] }
        arcCandidate = []
        arcCandidate.reserveCapacity(network.arcTarget.count)
        for candidate in 0..<count { for _ in network.arcs(of: candidate) { arcCandidate.append(Int32(candidate)) } }
        assigned = Array(repeating: -1, count: count)
        groupUsed = Array(repeating: 0, count: groups)
        seatsUsed = Array(repeating: 0, count: targets)
        free = Array(repeating: PersonHeap(), count: groups * targets)
        freeOpen = Array(repeating: PersonHeap(), count: groups)
        held = Array(repeating: PersonHeap(), count: targets * groups)
        movable = Array(repeating: PersonHeap(), count: targets * targets)
        movableOpen = Array(repeating: PersonHeap(), count: targets)
        anyMovable = Array(repeating: false, count: targets)
        let open = open, firstTarget = 1 + groups
        fillable = (0..<targets).filter { !open[$0] }
        searchNodes = Array(0..<firstTarget) + fillable.map { firstTarget + $0 } + [nodes - 1]
        potential = Array(repeating: .zero, count: nodes)
        distance = Array(repeating: .infinity, count: nodes)
        settled = Array(repeating: false, count: nodes)
        via = Array(repeating: TransferStep(from: -1, to: -1, cost: .zero, person: -1, kind: .enter), count: nodes)
        for candidate in 0..<count { release(candidate) }
        // Nobody is placed yet, so the only moves with a cost leave groups; a target's potential at
        // its cheapest incoming move, and the sink's at the least of those and of the moves
        // straight to it, make every reduced cost non-negative from the start.
        var least = TransferCost.zero
        for t in 0..<targets where !open[t] {
            var best = TransferCost.zero
            for g in 0..<groups { if let top = free[g * targets + t].top, top.key < best { best = top.key } }
            potential[Int(targetNode(t))] = best
            if best < least { least = best }
        }
        for g in 0..<groups { if let top = freeOpen[g].top, top.key < least { least = top.key } }
        potential[Int(sink)] = least
    }

    private var source: Int32 { 0 }
    private var sink: Int32 { Int32(1 + groups + targets) }
    private func groupNode(_ g: Int) -> Int32 { Int32(1 + g) }
    private func targetNode(_ t: Int) -> Int32 { Int32(1 + groups + t) }

    /// Finds the cheapest augmenting path and applies it; false when the flow is maximum. The
    /// potentials are moved by the distances found (capped at the sink's), which keeps reduced
    /// costs non-negative once the path is applied.
    mutating func augment() -> Bool {
        guard searchShortestPath() else { return false }
        // The path's steps touch different groups, targets and people, so their order of
        // application does not matter: walk it back from the sink.
        var node = sink
        var steps = 0
        while node != source, steps <= searchNodes.count {
            let step = via[Int(node)]
            apply(step)
            node = step.from
            steps += 1
        }
        return true
    }

    /// Dijkstra from the source until the sink is settled; `via` then holds the path. False when
    /// the sink cannot be reached.
    private mutating func searchShortestPath() -> Bool {
        for v in searchNodes {
            distance[v] = .infinity
            settled[v] = false
        }
        distance[0] = .zero
        frontier.removeAll(keepingCapacity: true)
        frontier.append(0)
        let sinkNode = Int(sink)
        while true {
            // The frontier's nearest node, the lowest-numbered among equals (a fixed order).
            guard !frontier.isEmpty else { return false }
            var at = 0
            for i in 1..<frontier.count {
                let v = frontier[i], w = frontier[at]
                if distance[v] < distance[w] || (distance[v] == distance[w] && v < w) { at = i }
            }
            let u = frontier[at]
            frontier.swapAt(at, frontier.count - 1)
            frontier.removeLast()
            settled[u] = true
            if u == sinkNode { break }
            if u == 0 {
                for g in 0..<groups where groupUsed[g] < network.groupCapacity[g] {
                    relax(from: u, TransferStep(from: source, to: groupNode(g), cost: .zero, person: -1, kind: .enter))
                }
            } else if u <= groups {
                let g = u - 1
                for t in fillable where !settled[Int(targetNode(t))] {
                    guard let (key, person) = Self.best(&free, g * targets + t, assigned, where: -1) else { continue }
                    relax(from: u, TransferStep(from: Int32(u), to: targetNode(t), cost: key, person: person, kind: .place))
                }
                if let (key, arc) = Self.best(&freeOpen, g, assigned, where: -1, arcs: arcCandidate) {
                    relax(from: u, TransferStep(
                        from: Int32(u), to: sink, cost: key, person: arcCandidate[Int(arc)], kind: .placeOpen,
                        target: network.arcTarget[Int(arc)]))
                }
            } else {
                let t = u - 1 - groups
                for g in 0..<groups where !settled[Int(groupNode(g))] {
                    guard let (key, person) = Self.best(&held, t * groups + g, assigned, where: Int32(t)) else { continue }
                    relax(from: u, TransferStep(from: Int32(u), to: groupNode(g), cost: key, person: person, kind: .withdraw))
                }
                if anyMovable[t] {
                    for other in fillable where other != t && !settled[Int(targetNode(other))] {
                        guard let (key, person) = Self.best(&movable, t * targets + other, assigned, where: Int32(t)) else { continue }
                        relax(from: u, TransferStep(from: Int32(u), to: targetNode(other), cost: key, person: person, kind: .move))
                    }
                }
                if let (key, arc) = Self.best(&movableOpen, t, assigned, where: Int32(t), arcs: arcCandidate) {
                    relax(from: u, TransferStep(
                        from: Int32(u), to: sink, cost: key, person: arcCandidate[Int(arc)], kind: .moveOpen,
                        target: network.arcTarget[Int(arc)]))
                }
                if seatsUsed[t] < network.seatCapacity[t] {
                    relax(from: u, TransferStep(from: Int32(u), to: sink, cost: .zero, person: -1, kind: .fill))
                }
            }
        }
        let reach = distance[sinkNode]
        for v in searchNodes { potential[v] = potential[v] + (settled[v] ? distance[v] : reach) }
        return true
    }

    /// Dijkstra's relaxation of `step` out of the settled node `u`, on reduced costs.
    @inline(__always)
    private mutating func relax(from u: Int, _ step: TransferStep) {
        let v = Int(step.to)
        let reached = distance[u] + step.cost + potential[u] - potential[v]
        guard reached < distance[v] else { return }
        if distance[v] == .infinity { frontier.append(v) }
        distance[v] = reached
        via[v] = step
    }

    private mutating func apply(_ step: TransferStep) {
        switch step.kind {
        case .enter: groupUsed[Int(step.to) - 1] += 1
        case .place, .move: assign(Int(step.person), to: Int(step.to) - 1 - groups)
        case .placeOpen, .moveOpen:
            assign(Int(step.person), to: Int(step.target))
            seatsUsed[Int(step.target)] += 1
        case .withdraw: release(Int(step.person))
        case .fill: seatsUsed[Int(step.from) - 1 - groups] += 1
        }
    }

    /// `cleanTop` of `heaps[index]`, without touching the heap (nor asking whether its storage is
    /// shared) when its top is still valid, as it mostly is.
    @inline(__always)
    private static func best(
        _ heaps: inout [PersonHeap], _ index: Int, _ assigned: [Int32], where place: Int32, arcs arcCandidate: [Int32]? = nil
    ) -> (TransferCost, Int32)? {
        guard let top = heaps[index].top else { return nil }
        let candidate = arcCandidate.map { $0[Int(top.person)] } ?? top.person
        if assigned[Int(candidate)] == place { return (top.key, top.person) }
        return cleanTop(&heaps[index], assigned, where: place, arcs: arcCandidate)
    }

    /// The heap's best entry whose person is still placed at `place` (−1: free); entries made stale
    /// by later moves are dropped on the way. With `arcs` (each arc's candidate), entries are arc
    /// numbers.
    private static func cleanTop(
        _ heap: inout PersonHeap, _ assigned: [Int32], where place: Int32, arcs arcCandidate: [Int32]? = nil
    ) -> (TransferCost, Int32)? {
        while let top = heap.top {
            let candidate = arcCandidate.map { $0[Int(top.person)] } ?? top.person
            if assigned[Int(candidate)] == place { return (top.key, top.person) }
            heap.pop()
        }
        return nil
    }

    private mutating func assign(_ candidate: Int, to target: Int) {
        let arcs = network.arcs(of: candidate)
        guard let arc = arcs.first(where: { Int(network.arcTarget[$0]) == target }) else { return }
        assigned[candidate] = Int32(target)
        // Nothing leaves an open target but the sink, so nothing is kept for a person placed there.
        guard !open[target] else { return }
        let cost = network.arcCost[arc]
        held[target * groups + Int(network.candidateGroup[candidate])].push(-cost, Int32(candidate))
        for other in arcs where other != arc {
            let to = Int(network.arcTarget[other])
            if open[to] {
                movableOpen[target].push(network.arcCost[other] - cost, Int32(other))
            } else {
                movable[target * targets + to].push(network.arcCost[other] - cost, Int32(candidate))
                anyMovable[target] = true
            }
        }
    }

    private mutating func release(_ candidate: Int) {
        assigned[candidate] = -1
        let group = Int(network.candidateGroup[candidate])
        for arc in network.arcs(of: candidate) {
            let target = Int(network.arcTarget[arc])
            if open[target] {
                freeOpen[group].push(network.arcCost[arc], Int32(arc))
            } else {
                free[group * targets + target].push(network.arcCost[arc], Int32(candidate))
            }
        }
    }
}
