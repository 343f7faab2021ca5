/// Exact branch and bound over one `LearningProblem`.
///
/// A node holds the chosen courses S and the excluded courses X. Its open needs are the
/// coverable targets and the prerequisites of S's courses (not held by estimate) that no course
/// of S covers. It branches on the open need with the fewest candidates c₁…c_k (courses outside
/// S ∪ X covering it), child i taking cᵢ and excluding c₁…cᵢ₋₁: every feasible completion falls
/// in exactly one child. With no need open, S is a plan if it can be ordered; if a cycle of
/// prerequisites inside S stops the ordering, some course outside S must supply a prerequisite
/// of an unplaced course first, so the node branches on taking or excluding one such course.
///
/// Bound: a dual ascent on the LP relaxation that also charges prerequisites (`dualAscent`), on
/// cost, and on hours when the cost bound ties the best plan. The dual's slacks are reduced
/// costs, so a course whose slack exceeds the gap between the bound and the best plan is
/// excluded below the node (`fix`). The search first runs with the root's bound as a ceiling on
/// cost (see `run`): the bound is nearly always the least cost, and with a gap of zero every
/// course with slack is excluded from the start.
struct PlanSearch {
    struct Best {
        var cost: Int64
        var hours: Int64
        /// Local course numbers, ascending.
        var members: [Int]
    }

    let problem: LearningProblem
    let budget: Int
    private(set) var nodes = 0
    private(set) var exhausted = false
    private(set) var best: Best?
    /// While set and no plan is found yet, no plan may cost more (see `run`).
    private var ceiling: Int64?
    private let courseWords: Int
    private let needWords: Int
    /// Frames, one per depth: S, X (courseWords each), covered, required (needWords each).
    private var chosen: [UInt64]
    private var excluded: [UInt64]
    private var covered: [UInt64]
    private var required: [UInt64]
    private var slack: [Int64]
    private var open: [Int] = []
    private var openWords: [UInt64]
    /// Courses that cover one of their own prerequisites (a bitset over courses).
    private let selfCovering: [UInt64]
    /// Scratch for the bound, kept between nodes so the search allocates little.
    private var needOrder: [(count: Int, need: Int)] = []
    private var payers: [Int] = []
    private var providerStack: [Int] = []
    private var saved: [Int64] = []
    /// `available(c, levels)` remembered at `memoValue[(levels − 1) · courses + c]` while
    /// `memoStamp` there equals `generation`.
    private var memoValue: [Int64]
    private var memoStamp: [UInt32]
    private var generation: UInt32 = 1
    /// Course `x`'s dependants `dependants[dependantOffsets[x] ..< dependantOffsets[x + 1]]`: the
    /// other courses requiring a need x covers, whose `available` reads x's slack or availability.
    private let dependantOffsets: [Int32]
    private let dependants: [Int32]

    init(problem: LearningProblem, budget: Int) {
        self.problem = problem
        self.budget = max(1, budget)
        courseWords = problem.courseWords
        needWords = problem.needWords
        let frames = problem.courseCount + 2
        chosen = Array(repeating: 0, count: frames * courseWords)
        excluded = Array(repeating: 0, count: frames * courseWords)
        covered = Array(repeating: 0, count: frames * needWords)
        required = Array(repeating: 0, count: frames * needWords)
        slack = Array(repeating: 0, count: problem.courseCount)
        memoValue = Array(repeating: 0, count: 3 * problem.courseCount)
        memoStamp = Array(repeating: 0, count: 3 * problem.courseCount)
        openWords = Array(repeating: 0, count: problem.needWords)
        var selfCovering = [UInt64](repeating: 0, count: problem.courseWords)
        for c in 0..<problem.courseCount {
            for w in 0..<problem.needWords where problem.requires[c * problem.needWords + w] & problem.cover[c * problem.needWords + w] != 0 {
                selfCovering[c >> 6] |= 1 << UInt64(c & 63)
            }
        }
        self.selfCovering = selfCovering
        var requiredBy = [UInt64](repeating: 0, count: problem.needCount * problem.courseWords)
        for c in 0..<problem.courseCount {
            Bits.forEach(problem.requires, c * problem.needWords, count: problem.needWords) { m in
                Bits.set(&requiredBy, m * problem.courseWords, c)
            }
        }
        var offsets: [Int32] = [0], list: [Int32] = []
        var row = [UInt64](repeating: 0, count: problem.courseWords)
        for x in 0..<problem.courseCount {
            for v in row.indices { row[v] = 0 }
            Bits.forEach(problem.cover, x * problem.needWords, count: problem.needWords) { m in
                for v in 0..<problem.courseWords { row[v] |= requiredBy[m * problem.courseWords + v] }
            }
            Bits.clear(&row, 0, x)
            Bits.forEach(row, 0, count: problem.courseWords) { list.append(Int32($0)) }
            offsets.append(Int32(list.count))
        }
        dependantOffsets = offsets
        dependants = list
    }

    /// Runs the search; afterwards `best` is the least plan (or, when `exhausted`, the best
    /// found) and `rootBound` a lower bound on the least cost.
    ///
    /// The root's bound is nearly always the least cost, so the search first looks only for plans
    /// that cost no more than it: with that ceiling in place of a best plan, the slacks fix every
    /// course with slack out from the root on. A plan found there is least in cost (none costs
    /// less than the bound), and every plan of that cost was within reach, so the search is exact.
    /// Only when none is found does it search again without the ceiling.
    mutating func run() -> Int64 {
        startAtRoot()
        guard computeOpen(depth: 0) else {
            explore(depth: 0, cost: 0, hours: 0, count: 0)
            return 0
        }
        nodes += 1
        guard var root = bound(depth: 0, cost: 0, hours: 0, tightHours: false) else { return 0 }
        // The root's own node, with the ceiling its bound gives: what `bound` would have fixed.
        ceiling = root.cost
        if !fix(depth: 0, gap: 0) || branching(depth: 0, need: &root.branchNeed) {
            branch(depth: 0, lower: root, cost: 0, hours: 0, count: 0)
        }
        ceiling = nil
        if best == nil && !exhausted {
            startAtRoot()
            explore(depth: 0, cost: 0, hours: 0, count: 0)
        }
        return root.cost
    }

    /// The root frame: nothing chosen or excluded, the coverable targets required.
    private mutating func startAtRoot() {
        for w in 0..<courseWords {
            chosen[w] = 0
            excluded[w] = 0
        }
        for w in 0..<needWords {
            covered[w] = 0
            required[w] = problem.targetMask[w]
        }
    }

    /// What a plan must beat: the best so far, else the ceiling (any cost up to it, any hours).
    private var incumbent: (cost: Int64, hours: Int64, count: Int)? {
        if let best { return (best.cost, best.hours, best.members.count) }
        return ceiling.map { ($0, Int64.max, Int.max) }
    }

    // MARK: - Search

    private mutating func explore(depth: Int, cost: Int64, hours: Int64, count: Int) {
        nodes += 1
        if nodes > budget {
            exhausted = true
            return
        }
        if !computeOpen(depth: depth) {
            if order(depth: depth) != nil {
                offer(depth: depth, cost: cost, hours: hours)
            } else {
                breakCycle(depth: depth, cost: cost, hours: hours, count: count)
            }
            return
        }
        guard let lower = bound(depth: depth, cost: cost, hours: hours, tightHours: true) else { return }
        branch(depth: depth, lower: lower, cost: cost, hours: hours, count: count)
    }

    /// A node with open needs and its bound: pruned against the incumbent, or one child per
    /// candidate of the need to branch on.
    private mutating func branch(depth: Int, lower: Lower, cost: Int64, hours: Int64, count: Int) {
        let cBase = depth * courseWords
        if let best = incumbent {
            if lower.cost > best.cost { return }
            if lower.cost == best.cost {
                if lower.hours > best.hours { return }
                if lower.hours == best.hours && count + 1 > best.count { return }
            }
        }
        // Branch on the open need with the fewest candidates (the bound found it).
        var candidates: [Int] = []
        let need = lower.branchNeed
        let rowBase = need * courseWords
        for w in 0..<courseWords {
            var word = problem.candidates[rowBase + w] & ~chosen[cBase + w] & ~excluded[cBase + w]
            while word != 0 {
                candidates.append(w << 6 | word.trailingZeroBitCount)
                word &= word - 1
            }
        }
        candidates.sort { (problem.cost[$0], problem.hours[$0], $0) < (problem.cost[$1], problem.hours[$1], $1) }
        let child = depth + 1
        for (position, course) in candidates.enumerated() {
            let childCost = cost + problem.cost[course]
            if let best = incumbent, childCost > best.cost { break }
            copyFrame(from: depth, to: child)
            for earlier in candidates[..<position] { excluded[child * courseWords + earlier >> 6] |= 1 << UInt64(earlier & 63) }
            take(course, frame: child)
            explore(depth: child, cost: childCost, hours: hours + problem.hours[course], count: count + 1)
            if exhausted { return }
        }
    }

    /// S covers every need but cannot be ordered: branch on a course outside S ∪ X that covers
    /// a prerequisite of an unplaced course not yet held by the placed ones.
    private mutating func breakCycle(depth: Int, cost: Int64, hours: Int64, count: Int) {
        let cBase = depth * courseWords
        let (placedCover, unplaced) = placement(depth: depth)
        var unmet = [UInt64](repeating: 0, count: needWords)
        for u in unplaced {
            for w in 0..<needWords { unmet[w] |= problem.requires[u * needWords + w] & ~placedCover[w] }
        }
        var breaker: Int?
        for c in 0..<problem.courseCount {
            let bit = UInt64(1) << UInt64(c & 63)
            guard (chosen[cBase + c >> 6] | excluded[cBase + c >> 6]) & bit == 0 else { continue }
            var helps = false
            for w in 0..<needWords where problem.cover[c * needWords + w] & unmet[w] != 0 { helps = true }
            guard helps else { continue }
            if let current = breaker,
               (problem.cost[current], problem.hours[current], current) <= (problem.cost[c], problem.hours[c], c) { continue }
            breaker = c
        }
        guard let breaker else { return }
        let child = depth + 1
        copyFrame(from: depth, to: child)
        take(breaker, frame: child)
        explore(depth: child, cost: cost + problem.cost[breaker], hours: hours + problem.hours[breaker], count: count + 1)
        if exhausted { return }
        copyFrame(from: depth, to: child)
        excluded[child * courseWords + breaker >> 6] |= 1 << UInt64(breaker & 63)
        explore(depth: child, cost: cost, hours: hours, count: count)
    }

    private mutating func offer(depth: Int, cost: Int64, hours: Int64) {
        if let ceiling, cost > ceiling { return }
        let members = Self.members(chosen, base: depth * courseWords, words: courseWords)
        if let best {
            if (cost, hours, members.count) > (best.cost, best.hours, best.members.count) { return }
            if (cost, hours, members.count) == (best.cost, best.hours, best.members.count)
                && !members.lexicographicallyPrecedes(best.members) { return }
        }
        best = Best(cost: cost, hours: hours, members: members)
    }

    private mutating func copyFrame(from: Int, to: Int) {
        for w in 0..<courseWords {
            chosen[to * courseWords + w] = chosen[from * courseWords + w]
            excluded[to * courseWords + w] = excluded[from * courseWords + w]
        }
        for w in 0..<needWords {
            covered[to * needWords + w] = covered[from * needWords + w]
            required[to * needWords + w] = required[from * needWords + w]
        }
    }

    private mutating func take(_ course: Int, frame: Int) {
        chosen[frame * courseWords + course >> 6] |= 1 << UInt64(course & 63)
        for w in 0..<needWords {
            covered[frame * needWords + w] |= problem.cover[course * needWords + w]
            required[frame * needWords + w] |= problem.requires[course * needWords + w]
        }
    }

    // MARK: - Bounds

    struct Lower {
        var cost: Int64
        var hours: Int64
        var branchNeed: Int
    }

    /// Lower bounds on the finished plan's cost (and hours when `tightHours`), or nil when an open
    /// need has no candidate left (the node is infeasible).
    private mutating func bound(depth: Int, cost: Int64, hours: Int64, tightHours: Bool) -> Lower? {
        _ = computeOpen(depth: depth)
        open.removeAll(keepingCapacity: true)
        Bits.forEach(openWords, 0, count: needWords) { open.append($0) }
        var branchNeed = 0
        guard branching(depth: depth, need: &branchNeed) else { return nil }
        guard let ascent = dualAscent(depth: depth, weights: problem.cost) else { return nil }
        if let best = incumbent, best.cost >= cost + ascent, fix(depth: depth, gap: best.cost - cost - ascent),
           !branching(depth: depth, need: &branchNeed) {
            return nil
        }
        var lower = Lower(cost: cost + ascent, hours: hours, branchNeed: branchNeed)
        if tightHours, let best, lower.cost == best.cost {
            // Only plans as cheap as the best are left to find below this node; the hours bound
            // fixes courses the same way for them.
            guard let hoursAscent = dualAscent(depth: depth, weights: problem.hours) else { return nil }
            lower.hours = hours + hoursAscent
            if best.hours >= lower.hours, fix(depth: depth, gap: best.hours - lower.hours) {
                guard branching(depth: depth, need: &branchNeed) else { return nil }
                lower.branchNeed = branchNeed
            }
        }
        return lower
    }

    /// Excludes, below the node at `depth`, every course whose slack in the dual just found exceeds
    /// `gap`. Any completion costs at least the duals' sum plus the slacks of the courses it takes
    /// (each slack is that course's reduced cost), so a course whose slack exceeds the gap to the
    /// best plan is in no completion as good as it. Returns whether any course was excluded.
    private mutating func fix(depth: Int, gap: Int64) -> Bool {
        let cBase = depth * courseWords
        var fixed = false
        for v in 0..<courseWords {
            var word = ~chosen[cBase + v] & ~excluded[cBase + v]
            if v == courseWords - 1 && problem.courseCount & 63 != 0 { word &= (1 << UInt64(problem.courseCount & 63)) - 1 }
            while word != 0 {
                let c = v << 6 | word.trailingZeroBitCount
                word &= word - 1
                guard slack[c] > gap else { continue }
                excluded[cBase + v] |= 1 << UInt64(c & 63)
                fixed = true
            }
        }
        return fixed
    }

    /// The open need with the fewest candidates left, into `need`; false when one has none.
    private func branching(depth: Int, need: inout Int) -> Bool {
        let cBase = depth * courseWords
        var fewest = Int.max
        for j in open {
            let count = candidateCount(j, cBase)
            if count == 0 { return false }
            if count < fewest {
                fewest = count
                need = j
            }
        }
        return true
    }

    /// A feasible dual of the LP relaxation `min Σ w·x` subject to: each open need covered by a
    /// course outside S ∪ X, and each such course taken only with another course providing each
    /// of its prerequisites S does not cover. Open needs (fewest candidates first) each raise
    /// their dual to the least a candidate can pay — its own slack plus what it can pull from
    /// its prerequisites' providers, to a depth of three — and every candidate then pays it,
    /// pulling the shortfall from all providers of a prerequisite at once (that constraint's
    /// dual), so a provider shared by several courses is paid for once. Slacks never go below
    /// zero, so the sum of the duals bounds the cost of finishing the plan. Nil when an open need
    /// has no candidate left.
    private mutating func dualAscent(depth: Int, weights: [Int64]) -> Int64? {
        let cBase = depth * courseWords
        for c in 0..<problem.courseCount { slack[c] = weights[c] }
        invalidate()
        needOrder.removeAll(keepingCapacity: true)
        for j in open { needOrder.append((candidateCount(j, cBase), j)) }
        needOrder.sort { ($0.count, $0.need) < ($1.count, $1.need) }
        var total: Int64 = 0
        for (_, j) in needOrder {
            var least = Int64.max
            payers.removeAll(keepingCapacity: true)
            let rowBase = j * courseWords
            for v in 0..<courseWords {
                var word = problem.candidates[rowBase + v] & ~chosen[cBase + v] & ~excluded[cBase + v]
                while word != 0 {
                    let c = v << 6 | word.trailingZeroBitCount
                    word &= word - 1
                    let can = available(c, depth: depth, levels: 3)
                    // A course that cannot pay (a prerequisite without provider) is in no completion.
                    guard can >= 0 else { continue }
                    least = min(least, can)
                    payers.append(c)
                }
            }
            if least == Int64.max { return nil }
            total += pay(least, depth: depth)
        }
        return total
    }

    /// Every payer pays `amount` if they can together — payers and providers may share deeper
    /// providers, so each payment is checked and, when slack would go below zero, undone and
    /// retried smaller; in the end each payer pays from its own slack only, which always works.
    /// Returns the amount paid (the need's dual).
    private mutating func pay(_ amount: Int64, depth: Int) -> Int64 {
        guard amount > 0 else { return 0 }
        var target = amount
        for _ in 0..<3 {
            saved.removeAll(keepingCapacity: true)
            saved.append(contentsOf: slack)
            var shortfall: Int64?
            for c in payers {
                let can = available(c, depth: depth, levels: 3)
                if can < target {
                    shortfall = max(0, can)
                    break
                }
                pull(c, target, depth: depth, levels: 3)
            }
            if shortfall == nil && !slack.contains(where: { $0 < 0 }) { return target }
            for c in slack.indices { slack[c] = saved[c] }
            invalidate()
            target = min(target - 1, shortfall ?? target / 2)
            if target <= 0 { break }
        }
        var own = Int64.max
        for c in payers { own = min(own, slack[c]) }
        guard own > 0, own != Int64.max else { return 0 }
        for c in payers { slack[c] -= own }
        invalidate()
        return own
    }

    private func candidateCount(_ need: Int, _ cBase: Int) -> Int {
        var count = 0
        for v in 0..<courseWords {
            count += (problem.candidates[need * courseWords + v] & ~chosen[cBase + v] & ~excluded[cBase + v]).nonzeroBitCount
        }
        return count
    }

    /// Forgets every remembered `available` value: slacks changed.
    @inline(__always)
    private mutating func invalidate() {
        generation &+= 1
        if generation == 0 {
            for i in memoStamp.indices { memoStamp[i] = 0 }
            generation = 1
        }
    }

    /// What course `c` can pay: its slack plus, per prerequisite S leaves uncovered, the least
    /// any other provider of it can pay. −1 (unusable) when a prerequisite has no provider left.
    /// Remembered per course and depth until slacks change.
    private mutating func available(_ c: Int, depth: Int, levels: Int) -> Int64 {
        let key = (levels - 1) * problem.courseCount + c
        if memoStamp[key] == generation { return memoValue[key] }
        var total = slack[c]
        let nBase = depth * needWords
        outer: for w in 0..<needWords {
            var word = problem.requires[c * needWords + w] & ~covered[nBase + w]
            while word != 0 {
                let m = w << 6 | word.trailingZeroBitCount
                word &= word - 1
                let least = leastProvider(of: m, for: c, depth: depth, levels: levels, collect: false)
                if least == Int64.max || least < 0 {
                    total = -1
                    break outer
                }
                total += least
            }
        }
        memoStamp[key] = generation
        memoValue[key] = total
        return total
    }

    /// The least any provider of need `m` other than `c` can pay (`Int64.max` when none can);
    /// with `collect`, those that can pay are pushed on `providerStack`.
    private mutating func leastProvider(of m: Int, for c: Int, depth: Int, levels: Int, collect: Bool) -> Int64 {
        let cBase = depth * courseWords, rowBase = m * courseWords
        var least = Int64.max
        for v in 0..<courseWords {
            var providers = problem.candidates[rowBase + v] & ~chosen[cBase + v] & ~excluded[cBase + v]
            while providers != 0 {
                let d = v << 6 | providers.trailingZeroBitCount
                providers &= providers - 1
                guard d != c else { continue }
                let can = levels > 1 ? available(d, depth: depth, levels: levels - 1) : slack[d]
                guard can >= 0 else { continue }
                least = min(least, can)
                if collect { providerStack.append(d) }
            }
        }
        return least
    }

    /// Course `c` pays `amount` (at most `available`): from its slack first, the rest pulled from
    /// every provider of its uncovered prerequisites in turn.
    private mutating func pull(_ c: Int, _ amount: Int64, depth: Int, levels: Int) {
        var deficit = amount - slack[c]
        if deficit > 0 {
            let nBase = depth * needWords
            for w in 0..<needWords where deficit > 0 {
                var word = problem.requires[c * needWords + w] & ~covered[nBase + w]
                while word != 0 && deficit > 0 {
                    let m = w << 6 | word.trailingZeroBitCount
                    word &= word - 1
                    let start = providerStack.count
                    let least = leastProvider(of: m, for: c, depth: depth, levels: levels, collect: true)
                    let take = min(deficit, least)
                    if take > 0 {
                        for index in start..<providerStack.count {
                            let d = providerStack[index]
                            if levels > 1 {
                                pull(d, take, depth: depth, levels: levels - 1)
                            } else {
                                slack[d] -= take
                                slackChanged(d)
                            }
                        }
                        slack[c] += take
                        deficit -= take
                        slackChanged(c)
                    }
                    providerStack.removeSubrange(start...)
                }
            }
        }
        slack[c] -= amount
        slackChanged(c)
    }

    /// Forgets exactly the remembered `available` values that read course x's slack: x's own at
    /// every level, and, through `dependants`, those of the courses whose prerequisites x
    /// provides, level by level up — so what is recomputed equals what a full `invalidate()`
    /// would recompute.
    private mutating func slackChanged(_ x: Int) {
        for level in 1...3 { forget(x, level: level) }
        for index in Int(dependantOffsets[x])..<Int(dependantOffsets[x + 1]) { forget(Int(dependants[index]), level: 1) }
    }

    /// Forgets `available(x, level)` and, if it was remembered, what was computed from it: a value
    /// is only remembered while every value it read is, so forgetting stops at forgotten ones.
    private mutating func forget(_ x: Int, level: Int) {
        let key = (level - 1) * problem.courseCount + x
        guard memoStamp[key] == generation else { return }
        memoStamp[key] = 0
        guard level < 3 else { return }
        for index in Int(dependantOffsets[x])..<Int(dependantOffsets[x + 1]) { forget(Int(dependants[index]), level: level + 1) }
    }

    @inline(__always)
    private func isAvailable(_ c: Int, _ cBase: Int) -> Bool {
        (chosen[cBase + c >> 6] | excluded[cBase + c >> 6]) >> UInt64(c & 63) & 1 == 0
    }

    /// Fills `openWords` with the open needs: required and not covered by S, and prerequisites
    /// a course of S covers itself but no other course of S does (a course cannot come before
    /// itself). Returns whether any need is open.
    private mutating func computeOpen(depth: Int) -> Bool {
        let cBase = depth * courseWords, nBase = depth * needWords
        var any = false
        for w in 0..<needWords {
            openWords[w] = required[nBase + w] & ~covered[nBase + w]
            if openWords[w] != 0 { any = true }
        }
        for v in 0..<courseWords {
            var word = chosen[cBase + v] & selfCovering[v]
            while word != 0 {
                let c = v << 6 | word.trailingZeroBitCount
                word &= word - 1
                for w in 0..<needWords {
                    var needs = problem.requires[c * needWords + w] & problem.cover[c * needWords + w]
                    while needs != 0 {
                        let m = w << 6 | needs.trailingZeroBitCount
                        needs &= needs - 1
                        var byOther = false
                        for u in 0..<courseWords {
                            var others = problem.candidates[m * courseWords + u] & chosen[cBase + u]
                            if u == c >> 6 { others &= ~(1 << UInt64(c & 63)) }
                            if others != 0 { byOther = true }
                        }
                        if !byOther {
                            openWords[m >> 6] |= 1 << UInt64(m & 63)
                            any = true
                        }
                    }
                }
            }
        }
        return any
    }

    // MARK: - Order

    /// The plan's order by DESIGN.md's rule (repeatedly the smallest id whose prerequisites
    /// hold), or nil when some course can never be placed.
    func order(depth: Int) -> [Int]? {
        let (_, unplaced) = placement(depth: depth)
        guard unplaced.isEmpty else { return nil }
        return problem.placementOrder(Self.members(chosen, base: depth * courseWords, words: courseWords))
    }

    private func placement(depth: Int) -> (cover: [UInt64], unplaced: [Int]) {
        let members = Self.members(chosen, base: depth * courseWords, words: courseWords)
        let placed = problem.placementOrder(members)
        var cover = [UInt64](repeating: 0, count: needWords)
        for c in placed { for w in 0..<needWords { cover[w] |= problem.cover[c * needWords + w] } }
        let placedSet = Set(placed)
        return (cover, members.filter { !placedSet.contains($0) })
    }

    static func members(_ bits: [UInt64], base: Int, words: Int) -> [Int] {
        var result: [Int] = []
        for w in 0..<words {
            var word = bits[base + w]
            while word != 0 {
                result.append(w << 6 | word.trailingZeroBitCount)
                word &= word - 1
            }
        }
        return result
    }
}
