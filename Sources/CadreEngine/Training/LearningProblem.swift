/// A person's walked problem once chains have pruned it (`Chains`), split into independent
/// components: the needs (targets in requirement order, then prerequisites not held, in walk
/// order), the targets no chain closes, and for each component that holds a target its courses,
/// its needs and which of them are targets. Two needs fall in one component when a kept course
/// provides or requires both; no kept course reaches outside its component, so each component
/// has its least plan alone, and the person's is their union (cost, hours and count add up, and
/// the smallest sorted id list of a disjoint union is the union of the smallest). A component is
/// named by what decides it, so people whose problems differ elsewhere share its solve.
struct WalkedProblem {
    /// Per need: the global need number (`skill · 5 + level − 1`).
    var needGlobal: [Int32] = []
    /// Per need: the requirement index when it is a target, else −1.
    var requirementOfNeed: [Int32] = []
    /// Requirement indices of the targets no chain of courses closes, in requirement order.
    var uncoverable: [Int32] = []
    var components: [PartKey] = []

    /// Leaves `scratch` numbering the problem's needs (`ProblemScratch.need`): a prerequisite of a
    /// course in a component holds by estimate exactly when it has no number.
    init(walker: PlanningWalker, catalogue: CompiledCatalogue, taxonomy: CompiledTaxonomy, scratch: inout ProblemScratch) {
        scratch.advance()
        for k in walker.targets {
            let skill = Int(taxonomy.requirementSkill[Int(k)])
            needGlobal.append(Int32(CompiledCatalogue.need(skill: skill, level: Int(taxonomy.requirementLevel[Int(k)]))))
            requirementOfNeed.append(k)
        }
        for (need, held) in walker.visitedNeeds where !held {
            needGlobal.append(need)
            requirementOfNeed.append(-1)
        }
        for (j, need) in needGlobal.enumerated() { scratch.mapNeed(Int(need), to: j) }
        let m = needGlobal.count
        var walked: [Int32] = []
        walked.reserveCapacity(walker.visitedCourses.count)
        for visit in walker.visitedCourses.reversed() where !visit.excluded { walked.append(visit.course) }
        let chains = Chains(walked, catalogue: catalogue, local: scratch, needCount: m)
        for j in 0..<m where requirementOfNeed[j] >= 0 && chains.cost[j] == .max { uncoverable.append(requirementOfNeed[j]) }

        // Components: union–find over the needs, through each kept course.
        var sets = DisjointSets(count: m)
        var firstNeed = [Int](repeating: -1, count: chains.kept.count)
        for (i, course) in chains.kept.enumerated() {
            var first = -1
            scratch.forEachProvided(by: Int(course), in: catalogue) { j in
                if first < 0 { first = j } else { sets.union(first, j) }
            }
            for p in catalogue.prerequisites(Int(course)) {
                guard let j = scratch.need(Int(catalogue.prerequisiteNeed[p])) else { continue }
                if first < 0 { first = j } else { sets.union(first, j) }
            }
            firstNeed[i] = first
        }
        var componentOfRoot = [Int](repeating: -1, count: m)
        var needs: [[Int32]] = [], targets: [[Int32]] = [], courses: [[Int32]] = []
        for j in 0..<m where requirementOfNeed[j] >= 0 && chains.cost[j] != .max {
            let r = sets.root(j)
            guard componentOfRoot[r] < 0 else { continue }
            componentOfRoot[r] = needs.count
            needs.append([])
            targets.append([])
            courses.append([])
        }
        for j in 0..<m {
            let c = componentOfRoot[sets.root(j)]
            guard c >= 0 else { continue }
            needs[c].append(needGlobal[j])
            if requirementOfNeed[j] >= 0 { targets[c].append(needGlobal[j]) }
        }
        for (i, course) in chains.kept.enumerated() where firstNeed[i] >= 0 {
            let c = componentOfRoot[sets.root(firstNeed[i])]
            if c >= 0 { courses[c].append(course) }
        }
        for c in needs.indices {
            let order = needs[c].sorted()
            var mask = [UInt64](repeating: 0, count: max(1, (order.count + 63) / 64))
            for (j, need) in order.enumerated() where targets[c].contains(need) { Bits.set(&mask, 0, j) }
            components.append(PartKey(courses: courses[c].sorted(), needs: order, targets: mask))
        }
    }
}

/// Union–find over `0 ..< count`, with path halving.
struct DisjointSets {
    private var parent: [Int32]

    init(count: Int) { parent = (0..<Int32(count)).map { $0 } }

    mutating func root(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x {
            parent[x] = parent[Int(parent[x])]
            x = Int(parent[x])
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        let ra = root(a), rb = root(b)
        if ra != rb { parent[rb] = Int32(ra) }
    }
}

/// One distinct planning problem in its own small numbering, ready for the search: the courses
/// that can take part in a least plan (kept by chains, useful, not dominated) in id order, the
/// needs that matter (targets, then prerequisites not held by estimate that a remaining course
/// requires), and as bitsets which needs each course covers, which it requires, and which
/// courses cover each need.
struct LearningProblem {
    /// Global course numbers, ascending — so local order is id order.
    var courses: [Int32] = []
    var cost: [Int64] = []
    var hours: [Int64] = []
    var needCount = 0
    var needWords = 1
    var courseWords = 1
    /// `courses.count × needWords`.
    var cover: [UInt64] = []
    /// `courses.count × needWords`: prerequisites not held by estimate.
    var requires: [UInt64] = []
    /// `needCount × courseWords`.
    var candidates: [UInt64] = []
    /// Targets (`needWords`).
    var targetMask: [UInt64] = []
    /// Per local need: the global need number (`skill · 5 + level − 1`).
    var needGlobal: [Int32] = []

    var courseCount: Int { courses.count }

    /// The problem named by `key` (a component of a `WalkedProblem`): its courses, every one with
    /// a chain, and its needs — the targets, all coverable, and the prerequisites not held by
    /// estimate (a prerequisite of one of the courses that is not among the needs holds).
    init(_ key: PartKey, catalogue: CompiledCatalogue, scratch: inout ProblemScratch) {
        scratch.advance()
        let globalNeeds = key.needs
        for (j, need) in globalNeeds.enumerated() { scratch.mapNeed(Int(need), to: j) }
        let m = globalNeeds.count
        let chains = Chains(key.courses, catalogue: catalogue, local: scratch, needCount: m)
        let allCourses = key.courses

        let n = allCourses.count
        let nw = max(1, (m + 63) / 64), cw = max(1, (n + 63) / 64)
        var cover = [UInt64](repeating: 0, count: n * nw)
        var requires = [UInt64](repeating: 0, count: n * nw)
        var candidates = [UInt64](repeating: 0, count: m * cw)
        for (i, course) in allCourses.enumerated() {
            scratch.forEachProvided(by: Int(course), in: catalogue) { j in
                Bits.set(&cover, i * nw, j)
                Bits.set(&candidates, j * cw, i)
            }
            for p in catalogue.prerequisites(Int(course)) {
                guard let j = scratch.need(Int(catalogue.prerequisiteNeed[p])) else { continue }
                Bits.set(&requires, i * nw, j)
            }
        }
        let targets = key.targets
        let courseCost = catalogue.courseCost, courseHours = catalogue.courseHours
        var alive = [UInt64](repeating: 0, count: cw)
        for i in 0..<n { Bits.set(&alive, 0, i) }

        // Narrow to what a least plan can use, until nothing changes: the useful courses are
        // those covering a relevant need (a target, or a prerequisite a useful course requires)
        // — a course covering nothing relevant only adds to a plan — and among them, the beaten
        // ones go (`Narrowing.dropBeaten`), and the dominated ones (`Narrowing.dropDominated`).
        // Dropping a course can make needs irrelevant, which can make more courses comparable,
        // so the steps repeat.
        var relevant = [UInt64](repeating: 0, count: nw)
        let narrowing = Narrowing(
            cover: cover, requires: requires, candidates: candidates, needGlobal: globalNeeds, needWords: nw,
            courseWords: cw, courseCost: allCourses.map { courseCost[Int($0)] },
            courseHours: allCourses.map { courseHours[Int($0)] }, chainCost: chains.cost,
            chainHours: chains.hours,
            impliedBy: Narrowing.impliedBy(needGlobal: globalNeeds, needWords: nw, local: scratch))
        // A course found undominated stays so while the relevant needs it covers stay the same
        // (its rivals only lose members), so each later round rechecks only the courses covering
        // a need that stopped being relevant.
        var previous: [UInt64]? = nil
        var lost: [UInt64]? = nil
        repeat {
            for w in 0..<nw { relevant[w] = targets[w] }
            narrowing.useful(alive: &alive, relevant: &relevant)
            lost = previous.map { previous in (0..<nw).map { previous[$0] & ~relevant[$0] } }
            previous = relevant
            let beaten = narrowing.dropBeaten(alive: &alive, relevant: relevant)
            let dominated = narrowing.dropDominated(alive: &alive, relevant: relevant, recheckingCoverersOf: lost)
            if !beaten && !dominated { break }
        } while true

        // Final numbering: the remaining courses (still in id order) and relevant needs.
        var keptNeeds: [Int] = []
        Bits.forEach(relevant, 0, count: nw) { keptNeeds.append($0) }
        var kept: [Int] = []
        Bits.forEach(alive, 0, count: cw) { kept.append($0) }
        var newNeed = [Int](repeating: -1, count: m)
        for (newJ, j) in keptNeeds.enumerated() { newNeed[j] = newJ }
        let finalNeedWords = max(1, (keptNeeds.count + 63) / 64)
        let finalCourseWords = max(1, (kept.count + 63) / 64)
        self.cover = [UInt64](repeating: 0, count: kept.count * finalNeedWords)
        self.requires = [UInt64](repeating: 0, count: kept.count * finalNeedWords)
        self.candidates = [UInt64](repeating: 0, count: keptNeeds.count * finalCourseWords)
        targetMask = [UInt64](repeating: 0, count: finalNeedWords)
        for (newJ, j) in keptNeeds.enumerated() where Bits.test(targets, 0, j) { Bits.set(&targetMask, 0, newJ) }
        for (newI, i) in kept.enumerated() {
            Bits.forEach(cover, i * nw, count: nw) { j in
                let newJ = newNeed[j]
                guard newJ >= 0 else { return }
                Bits.set(&self.cover, newI * finalNeedWords, newJ)
                Bits.set(&self.candidates, newJ * finalCourseWords, newI)
            }
            Bits.forEach(requires, i * nw, count: nw) { j in
                let newJ = newNeed[j]
                if newJ >= 0 { Bits.set(&self.requires, newI * finalNeedWords, newJ) }
            }
        }
        courses = kept.map { allCourses[$0] }
        cost = courses.map { courseCost[Int($0)] }
        hours = courses.map { courseHours[Int($0)] }
        needCount = keptNeeds.count
        needWords = finalNeedWords
        courseWords = finalCourseWords
        needGlobal = keptNeeds.map { globalNeeds[$0] }
    }

    private init() {}

    /// The problem split into independent parts: needs linked by a course that covers or
    /// requires both fall in one part. Cost, hours and count add up over parts, and the smallest
    /// sorted id list of a union of disjoint sets is the union of each part's smallest, so each
    /// part is solved alone. Parts without a target are left out (no least plan uses them).
    func parts() -> [LearningProblem] {
        guard needCount > 0 else { return [self] }
        var sets = DisjointSets(count: needCount)
        var firstNeed = [Int](repeating: -1, count: courseCount)
        for c in 0..<courseCount {
            var first = -1
            for w in 0..<needWords {
                var word = cover[c * needWords + w] | requires[c * needWords + w]
                while word != 0 {
                    let j = w << 6 | word.trailingZeroBitCount
                    word &= word - 1
                    if first < 0 { first = j } else { sets.union(first, j) }
                }
            }
            firstNeed[c] = first
        }
        // Parts numbered by their smallest need.
        var partOfRoot = [Int](repeating: -1, count: needCount)
        var partNeeds: [[Int]] = []
        var needPart = [Int](repeating: 0, count: needCount)
        for j in 0..<needCount {
            let r = sets.root(j)
            if partOfRoot[r] < 0 {
                partOfRoot[r] = partNeeds.count
                partNeeds.append([])
            }
            needPart[j] = partOfRoot[r]
            partNeeds[partOfRoot[r]].append(j)
        }
        if partNeeds.count <= 1 { return [self] }
        var partCourses = [[Int]](repeating: [], count: partNeeds.count)
        for c in 0..<courseCount where firstNeed[c] >= 0 { partCourses[needPart[firstNeed[c]]].append(c) }
        var result: [LearningProblem] = []
        var newNeed = [Int](repeating: -1, count: needCount)
        for (k, needs) in partNeeds.enumerated() {
            guard needs.contains(where: { Bits.test(targetMask, 0, $0) }) else { continue }
            for (newJ, j) in needs.enumerated() { newNeed[j] = newJ }
            result.append(restricted(courses: partCourses[k], needs: needs, newNeed: newNeed))
        }
        return result
    }

    /// The sub-problem over `courses` and `needs` (ascending local numbers, closed: no member
    /// covers or requires a need outside `needs`); `newNeed[j]` is need `j`'s number in it.
    private func restricted(courses members: [Int], needs: [Int], newNeed: [Int]) -> LearningProblem {
        var part = LearningProblem()
        part.courses = members.map { courses[$0] }
        part.cost = members.map { cost[$0] }
        part.hours = members.map { hours[$0] }
        part.needCount = needs.count
        let pw = max(1, (needs.count + 63) / 64), pc = max(1, (members.count + 63) / 64)
        part.needWords = pw
        part.courseWords = pc
        part.cover = [UInt64](repeating: 0, count: members.count * pw)
        part.requires = [UInt64](repeating: 0, count: members.count * pw)
        part.candidates = [UInt64](repeating: 0, count: needs.count * pc)
        part.targetMask = [UInt64](repeating: 0, count: pw)
        for (newJ, j) in needs.enumerated() where Bits.test(targetMask, 0, j) { Bits.set(&part.targetMask, 0, newJ) }
        for (newI, i) in members.enumerated() {
            Bits.forEach(cover, i * needWords, count: needWords) { j in
                Bits.set(&part.cover, newI * pw, newNeed[j])
                Bits.set(&part.candidates, newNeed[j] * pc, newI)
            }
            Bits.forEach(requires, i * needWords, count: needWords) { j in
                Bits.set(&part.requires, newI * pw, newNeed[j])
            }
        }
        part.needGlobal = needs.map { needGlobal[$0] }
        return part
    }

    /// The local number of global course `course`, if it is in the problem.
    func local(_ course: Int32) -> Int? {
        var low = 0, high = courses.count
        while low < high {
            let mid = (low + high) / 2
            if courses[mid] < course { low = mid + 1 } else { high = mid }
        }
        return low < courses.count && courses[low] == course ? low : nil
    }

    /// Greedy placement of `members` (ascending) by DESIGN.md's rule — repeatedly the smallest
    /// id whose prerequisites hold: the courses it could place, in order.
    func placementOrder(_ members: [Int]) -> [Int] {
        var held = [UInt64](repeating: 0, count: needWords)
        var remaining = members
        var order: [Int] = []
        var progress = true
        while progress && !remaining.isEmpty {
            progress = false
            for (index, c) in remaining.enumerated()
            where Bits.isSubset(requires, c * needWords, of: held, 0, words: needWords) {
                order.append(c)
                remaining.remove(at: index)
                for w in 0..<needWords { held[w] |= cover[c * needWords + w] }
                progress = true
                break
            }
        }
        return order
    }
}

/// Global-to-local numbers for building problems, reused across problems: an entry is valid
/// while its stamp is the current one, so starting a problem costs nothing.
struct ProblemScratch {
    private var needLocal: [Int32]
    private var needStamp: [UInt32]
    /// Per skill: bit `level − 1` set when the skill at that level is a need of the problem.
    private var skillLevels: [UInt8]
    private var skillStamp: [UInt32]
    private var stamp: UInt32 = 0

    init(catalogue: CompiledCatalogue) {
        needLocal = Array(repeating: 0, count: catalogue.needCount)
        needStamp = Array(repeating: 0, count: catalogue.needCount)
        skillLevels = Array(repeating: 0, count: catalogue.skillCount)
        skillStamp = Array(repeating: 0, count: catalogue.skillCount)
    }

    mutating func advance() {
        stamp &+= 1
        if stamp == 0 {
            for i in needStamp.indices { needStamp[i] = 0 }
            for i in skillStamp.indices { skillStamp[i] = 0 }
            stamp = 1
        }
    }

    mutating func mapNeed(_ need: Int, to local: Int) {
        needLocal[need] = Int32(local)
        needStamp[need] = stamp
        let skill = need / 5
        if skillStamp[skill] != stamp {
            skillStamp[skill] = stamp
            skillLevels[skill] = 0
        }
        skillLevels[skill] |= 1 << UInt8(need % 5)
    }

    /// Calls `body` with the local number of each need of the problem that course `c` provides
    /// (its skills at every level up to the one taught), by skill, then level.
    @inline(__always)
    func forEachProvided(by c: Int, in catalogue: CompiledCatalogue, _ body: (Int) -> Void) {
        for t in catalogue.teaches(c) {
            let skill = Int(catalogue.teachSkill[t])
            guard skillStamp[skill] == stamp else { continue }
            var levels = skillLevels[skill] & UInt8(truncatingIfNeeded: (1 << Int(catalogue.teachLevel[t])) - 1)
            while levels != 0 {
                body(Int(needLocal[skill * 5 + levels.trailingZeroBitCount]))
                levels &= levels - 1
            }
        }
    }

    func need(_ need: Int) -> Int? { needStamp[need] == stamp ? Int(needLocal[need]) : nil }

    /// The numbering read through raw pointers, for the hot loops of `Chains`.
    struct Tables {
        let needLocal: UnsafeBufferPointer<Int32>
        let needStamp: UnsafeBufferPointer<UInt32>
        let skillLevels: UnsafeBufferPointer<UInt8>
        let skillStamp: UnsafeBufferPointer<UInt32>
        let stamp: UInt32

        @inline(__always)
        func need(_ need: Int) -> Int? { needStamp[need] == stamp ? Int(needLocal[need]) : nil }

        /// Bit `level − 1` for each level up to `level` at which `skill` is a need.
        @inline(__always)
        func levels(of skill: Int, upTo level: Int) -> UInt8 {
            skillStamp[skill] == stamp ? skillLevels[skill] & UInt8(truncatingIfNeeded: (1 << level) - 1) : 0
        }
    }

    func withTables<R>(_ body: (Tables) -> R) -> R {
        needLocal.withUnsafeBufferPointer { needLocal in
            needStamp.withUnsafeBufferPointer { needStamp in
                skillLevels.withUnsafeBufferPointer { skillLevels in
                    skillStamp.withUnsafeBufferPointer { skillStamp in
                        body(Tables(
                            needLocal: needLocal, needStamp: needStamp, skillLevels: skillLevels, skillStamp: skillStamp,
                            stamp: stamp))
                    }
                }
            }
        }
    }

}

/// The cheapest chain of each need of a problem, by (cost, hours): a course providing the need,
/// with for each of that course's prerequisites not held by estimate the cheapest chain of that
/// prerequisite. `Int64.max` when there is none — the need is not coverable.
///
/// A course c is *beaten* when the chains of the needs it provides that a least plan can ask of
/// it cost less together, by (cost, hours), than c alone. Then no least plan holds c: put the
/// union of those chains in its place — a set of courses that can be ordered (each chain places
/// bottom up) and provides everything c provided — and the plan costs no more than before less
/// c plus the chains, which is less. (A beaten course is in none of those chains, since a chain
/// holding it costs at least its cost.) So beaten courses go, every one at once: each statement
/// is about the least plan of the whole problem.
struct Chains {
    /// Per need.
    var cost: [Int64]
    var hours: [Int64]
    /// The courses that have a chain (every prerequisite not held has one) and are not beaten
    /// on all the needs they provide, in the order given.
    var kept: [Int32] = []

    /// - Parameters:
    ///   - courses: the problem's courses (catalogue numbers), best deepest first — the walk
    ///     meets a course before the providers of its prerequisites, so in the reverse of the
    ///     walk's order the fixpoint settles in few passes.
    ///   - local: numbers the problem's needs; a prerequisite without one holds by estimate.
    init(_ courses: [Int32], catalogue: CompiledCatalogue, local: ProblemScratch, needCount: Int) {
        var n = 0, listed = 0
        for course in courses {
            n += 1
            listed += 5 * catalogue.teaches(Int(course)).count + catalogue.prerequisites(Int(course)).count
        }
        // Course i provides the needs list[bounds[2i] ..< bounds[2i + 1]] and requires
        // list[bounds[2i + 1] ..< bounds[2i + 2]].
        let order = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
        let bounds = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 2 * n + 1)
        let list = UnsafeMutableBufferPointer<Int32>.allocate(capacity: listed)
        let chainCost = UnsafeMutableBufferPointer<Int64>.allocate(capacity: n)
        let chainHours = UnsafeMutableBufferPointer<Int64>.allocate(capacity: n)
        defer {
            order.deallocate()
            bounds.deallocate()
            list.deallocate()
            chainCost.deallocate()
            chainHours.deallocate()
        }
        bounds[0] = 0
        local.withTables { local in
            catalogue.withTeachingTables { tables in
                var i = 0, k = 0
                for course in courses {
                    let c = Int(course)
                    order[i] = course
                    chainCost[i] = .max
                    chainHours[i] = .max
                    for t in Int(tables.teachOffsets[c])..<Int(tables.teachOffsets[c + 1]) {
                        let skill = Int(tables.teachSkill[t])
                        var levels = local.levels(of: skill, upTo: Int(tables.teachLevel[t]))
                        while levels != 0 {
                            list[k] = local.needLocal[skill * 5 + levels.trailingZeroBitCount]
                            k += 1
                            levels &= levels - 1
                        }
                    }
                    bounds[2 * i + 1] = Int32(k)
                    for p in Int(tables.prerequisiteOffsets[c])..<Int(tables.prerequisiteOffsets[c + 1]) {
                        guard let j = local.need(Int(tables.prerequisiteNeed[p])) else { continue }
                        list[k] = Int32(j)
                        k += 1
                    }
                    bounds[2 * i + 2] = Int32(k)
                    i += 1
                }
            }
        }
        let courseCost = catalogue.courseCost, courseHours = catalogue.courseHours
        var cost = [Int64](repeating: .max, count: needCount)
        var hours = [Int64](repeating: .max, count: needCount)
        // Bellman–Ford to the fixpoint: costs are not negative, so a least chain repeats no need
        // on a path and each pass settles at least one more level.
        cost.withUnsafeMutableBufferPointer { cost in
            hours.withUnsafeMutableBufferPointer { hours in
                var changed = true
                while changed {
                    changed = false
                    for i in 0..<n {
                        var c = courseCost[Int(order[i])], h = courseHours[Int(order[i])]
                        var reachable = true
                        for k in Int(bounds[2 * i + 1])..<Int(bounds[2 * i + 2]) {
                            let j = Int(list[k])
                            guard cost[j] != .max else { reachable = false; break }
                            c += cost[j]
                            h += hours[j]
                        }
                        guard reachable, Chains.less(c, h, than: chainCost[i], chainHours[i]) else { continue }
                        chainCost[i] = c
                        chainHours[i] = h
                        for k in Int(bounds[2 * i])..<Int(bounds[2 * i + 1]) {
                            let j = Int(list[k])
                            if Chains.less(c, h, than: cost[j], hours[j]) {
                                cost[j] = c
                                hours[j] = h
                                changed = true
                            }
                        }
                    }
                }
            }
        }
        for i in 0..<n where chainCost[i] != .max {
            var c: Int64 = 0, h: Int64 = 0
            for k in Int(bounds[2 * i])..<Int(bounds[2 * i + 1]) {
                c += cost[Int(list[k])]
                h += hours[Int(list[k])]
            }
            if !Chains.less(c, h, than: courseCost[Int(order[i])], courseHours[Int(order[i])]) {
                kept.append(order[i])
            }
        }
        self.cost = cost
        self.hours = hours
    }

    /// (cost, hours) before (otherCost, otherHours), cost first.
    @inline(__always)
    static func less(_ cost: Int64, _ hours: Int64, than otherCost: Int64, _ otherHours: Int64) -> Bool {
        cost < otherCost || (cost == otherCost && hours < otherHours)
    }
}

/// The reductions a problem goes through before the search, over its first numbering.
private struct Narrowing {
    let cover: [UInt64]
    let requires: [UInt64]
    let candidates: [UInt64]
    let needGlobal: [Int32]
    let needWords: Int
    let courseWords: Int
    let courseCost: [Int64]
    let courseHours: [Int64]
    /// Per need: its cheapest chain (`Chains`).
    let chainCost: [Int64]
    let chainHours: [Int64]
    /// `needWords` per need j: the needs on j's skill at j's level or above (holding one of
    /// them holds j). See `impliedBy(needGlobal:needWords:local:)`.
    let impliedBy: [UInt64]

    static func impliedBy(needGlobal: [Int32], needWords: Int, local: ProblemScratch) -> [UInt64] {
        var impliedBy = [UInt64](repeating: 0, count: needGlobal.count * needWords)
        for (j, need) in needGlobal.enumerated() {
            for higher in Int(need)...Int(need) / 5 * 5 + 4 {
                if let j2 = local.need(higher) { Bits.set(&impliedBy, j * needWords, j2) }
            }
        }
        return impliedBy
    }

    /// Keeps in `alive` only the courses covering a relevant need, and grows `relevant` by the
    /// prerequisites of those courses, to the fixpoint.
    func useful(alive: inout [UInt64], relevant: inout [UInt64]) {
        var useful = [UInt64](repeating: 0, count: courseWords)
        var changed = true
        while changed {
            changed = false
            for v in 0..<courseWords {
                var word = alive[v] & ~useful[v]
                while word != 0 {
                    let c = v << 6 | word.trailingZeroBitCount
                    word &= word - 1
                    var covers = false
                    for w in 0..<needWords where cover[c * needWords + w] & relevant[w] != 0 { covers = true }
                    guard covers else { continue }
                    useful[v] |= 1 << UInt64(c & 63)
                    for w in 0..<needWords { relevant[w] |= requires[c * needWords + w] }
                    changed = true
                }
            }
        }
        alive = useful
    }

    /// Drops from `alive` each course beaten by chains: the cheapest chains of the relevant needs
    /// it covers cost less together (by cost, then hours) than the course alone (see `Chains`).
    /// Returns whether any course was dropped.
    func dropBeaten(alive: inout [UInt64], relevant: [UInt64]) -> Bool {
        var dropped = false
        for v in 0..<courseWords {
            var word = alive[v]
            while word != 0 {
                let c = v << 6 | word.trailingZeroBitCount
                word &= word - 1
                var cost: Int64 = 0, hours: Int64 = 0
                for w in 0..<needWords {
                    var needs = cover[c * needWords + w] & relevant[w]
                    while needs != 0 {
                        let j = w << 6 | needs.trailingZeroBitCount
                        needs &= needs - 1
                        cost += chainCost[j]
                        hours += chainHours[j]
                    }
                }
                if Chains.less(cost, hours, than: courseCost[c], courseHours[c]) {
                    Bits.clear(&alive, 0, c)
                    dropped = true
                }
            }
        }
        return dropped
    }

    /// Drops from `alive` each course c for which a course d covers every relevant need c
    /// covers, requires nothing c's prerequisites do not already imply, and comes first by
    /// (cost, hours, id). Swapping d in for c in a plan with c keeps it a plan and makes it
    /// strictly better in the objective's order (cheaper; or as cheap and shorter; or with a
    /// smaller sorted id list), so the least plan — unique under that order — holds no dominated
    /// course, whichever d dominates it. Returns whether any course was dropped.
    ///
    /// With `lost`, only the courses covering one of those needs (ones no longer relevant) are
    /// checked: the others were checked before with the same relevant needs and more rivals.
    func dropDominated(alive: inout [UInt64], relevant: [UInt64], recheckingCoverersOf lost: [UInt64]?) -> Bool {
        var dropped = false
        var rivals = [UInt64](repeating: 0, count: courseWords)
        for v in 0..<courseWords {
            var word = alive[v]
            while word != 0 {
                let c = v << 6 | word.trailingZeroBitCount
                word &= word - 1
                if let lost {
                    var touched = false
                    for w in 0..<needWords where cover[c * needWords + w] & lost[w] != 0 { touched = true }
                    guard touched else { continue }
                }
                // The alive courses covering every relevant need c covers: the rows of those needs
                // in `candidates`, intersected.
                var coversAny = false
                for u in 0..<courseWords { rivals[u] = alive[u] }
                rivals[v] &= ~(1 << UInt64(c & 63))
                for w in 0..<needWords {
                    var needs = cover[c * needWords + w] & relevant[w]
                    while needs != 0 {
                        let j = w << 6 | needs.trailingZeroBitCount
                        needs &= needs - 1
                        coversAny = true
                        for u in 0..<courseWords { rivals[u] &= candidates[j * courseWords + u] }
                    }
                }
                guard coversAny else { continue }
                var dominated = false
                for u in 0..<courseWords where !dominated {
                    var others = rivals[u]
                    while others != 0 && !dominated {
                        let d = u << 6 | others.trailingZeroBitCount
                        others &= others - 1
                        guard precedes(d, c), implied(d, by: c) else { continue }
                        dominated = true
                    }
                }
                if dominated {
                    Bits.clear(&alive, 0, c)
                    dropped = true
                }
            }
        }
        return dropped
    }

    /// d before c by (cost, hours, id): cost comes first in the objective, so a cheaper d wins
    /// whatever its hours.
    @inline(__always)
    private func precedes(_ d: Int, _ c: Int) -> Bool {
        if courseCost[d] != courseCost[c] { return courseCost[d] < courseCost[c] }
        if courseHours[d] != courseHours[c] { return courseHours[d] < courseHours[c] }
        return d < c
    }

    /// Every prerequisite of course `d` is implied by one of course `c`'s: same skill, at a level
    /// no lower (holding `s` at 3 holds it at 2, by estimate or by a course).
    private func implied(_ d: Int, by c: Int) -> Bool {
        for w in 0..<needWords {
            var missing = requires[d * needWords + w] & ~requires[c * needWords + w]
            while missing != 0 {
                let j = w << 6 | missing.trailingZeroBitCount
                missing &= missing - 1
                var found = false
                for w2 in 0..<needWords where impliedBy[j * needWords + w2] & requires[c * needWords + w2] != 0 { found = true }
                if !found { return false }
            }
        }
        return true
    }
}
