/// One distinct planning problem in its own small numbering, ready for the search: the courses
/// that can take part in a least plan (reachable, not completed, not dominated) in id order, the
/// needs that matter (coverable targets, then prerequisites not held by estimate), and as bitsets
/// which needs each course covers, which it requires, and which courses cover each need.
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
    /// Coverable targets (`needWords`).
    var targetMask: [UInt64] = []
    /// Per local need: the global requirement index when it is a target, else −1.
    var needRequirement: [Int32] = []
    /// Per local need: the global need number (`skill · 5 + level − 1`).
    var needGlobal: [Int32] = []
    /// Requirement indices of the targets no chain of courses closes, in requirement order.
    var uncoverable: [Int32] = []
    /// Local courses in the order they became reachable: some provider of each prerequisite of
    /// a course comes before it, which is the order the search's bound passes costs along.
    var reachOrder: [Int] = []

    var courseCount: Int { courses.count }

    init(walker: PlanningWalker, catalogue: CompiledCatalogue, taxonomy: CompiledTaxonomy) {
        // Needs: targets in requirement order, then prerequisites not held, in walk order.
        var globalNeeds: [Int32] = []
        var requirementOfNeed: [Int32] = []
        for k in walker.targets {
            let skill = Int(taxonomy.requirementSkill[Int(k)])
            globalNeeds.append(Int32(CompiledCatalogue.need(skill: skill, level: Int(taxonomy.requirementLevel[Int(k)]))))
            requirementOfNeed.append(k)
        }
        for (need, held) in walker.visitedNeeds where !held {
            globalNeeds.append(need)
            requirementOfNeed.append(-1)
        }
        var needLocal: [Int32: Int] = [:]
        for (j, need) in globalNeeds.enumerated() { needLocal[need] = j }
        var courses = walker.visitedCourses.filter { !$0.excluded }.map(\.course)
        courses.sort()
        var courseLocal: [Int32: Int] = [:]
        for (i, course) in courses.enumerated() { courseLocal[course] = i }

        let m = globalNeeds.count, n = courses.count
        let needWords = max(1, (m + 63) / 64)
        var cover = [UInt64](repeating: 0, count: n * needWords)
        var requires = [UInt64](repeating: 0, count: n * needWords)
        var coursesOfNeed = [[Int]](repeating: [], count: m)
        for (j, need) in globalNeeds.enumerated() {
            for index in catalogue.providers(of: Int(need)) {
                guard let i = courseLocal[catalogue.providers[index]] else { continue }
                cover[i * needWords + j >> 6] |= 1 << UInt64(j & 63)
                coursesOfNeed[j].append(i)
            }
        }
        for (i, course) in courses.enumerated() {
            for p in catalogue.prerequisites(Int(course)) {
                guard let j = needLocal[catalogue.prerequisiteNeed[p]] else { continue }
                requires[i * needWords + j >> 6] |= 1 << UInt64(j & 63)
            }
        }

        // Reachable courses: the least fixpoint where a course joins once every prerequisite it
        // does not hold by estimate is taught by a course already in.
        var reached = [Bool](repeating: false, count: n)
        var reachSequence: [Int] = []
        var coverable = [UInt64](repeating: 0, count: needWords)
        var changed = true
        while changed {
            changed = false
            for i in 0..<n where !reached[i] {
                guard Bits.isSubset(requires, i * needWords, of: coverable, 0, words: needWords) else { continue }
                reached[i] = true
                reachSequence.append(i)
                changed = true
                for w in 0..<needWords { coverable[w] |= cover[i * needWords + w] }
            }
        }
        for (j, k) in requirementOfNeed.enumerated() where k >= 0 && !Bits.test(coverable, j) {
            uncoverable.append(k)
        }

        // Dominance: drop course c when a course d covers every need c covers, requires nothing
        // c's prerequisites do not already imply, and is no dearer nor longer (smaller id on a
        // full tie). Swapping d in for c never worsens a plan, so some least plan avoids c.
        let order = (0..<n).filter { reached[$0] }
        var kept: [Int] = []
        for c in order {
            var dominated = false
            // A dominating course covers c's first need too, so only that need's courses are tried.
            guard let first = (0..<m).first(where: { Bits.test(cover, c * needWords, $0) }) else { continue }
            for d in coursesOfNeed[first] where d != c && reached[d] {
                let costD = catalogue.courseCost[Int(courses[d])], costC = catalogue.courseCost[Int(courses[c])]
                let hoursD = catalogue.courseHours[Int(courses[d])], hoursC = catalogue.courseHours[Int(courses[c])]
                guard costD <= costC, hoursD <= hoursC, costD < costC || hoursD < hoursC || d < c else { continue }
                guard Bits.isSubset(cover, c * needWords, of: cover, d * needWords, words: needWords) else { continue }
                guard Self.implied(requires, d, by: c, words: needWords, needs: globalNeeds) else { continue }
                dominated = true
                break
            }
            if !dominated { kept.append(c) }
        }

        // Final numbering: kept courses (still in id order) and coverable needs.
        let keptNeeds = (0..<m).filter { Bits.test(coverable, $0) }
        let finalNeedWords = max(1, (keptNeeds.count + 63) / 64)
        let finalCourseWords = max(1, (kept.count + 63) / 64)
        var finalCover = [UInt64](repeating: 0, count: kept.count * finalNeedWords)
        var finalRequires = [UInt64](repeating: 0, count: kept.count * finalNeedWords)
        var finalCandidates = [UInt64](repeating: 0, count: keptNeeds.count * finalCourseWords)
        var finalTargets = [UInt64](repeating: 0, count: finalNeedWords)
        for (newJ, j) in keptNeeds.enumerated() where requirementOfNeed[j] >= 0 {
            finalTargets[newJ >> 6] |= 1 << UInt64(newJ & 63)
        }
        for (newI, i) in kept.enumerated() {
            for (newJ, j) in keptNeeds.enumerated() {
                if Bits.test(cover, i * needWords, j) {
                    finalCover[newI * finalNeedWords + newJ >> 6] |= 1 << UInt64(newJ & 63)
                    finalCandidates[newJ * finalCourseWords + newI >> 6] |= 1 << UInt64(newI & 63)
                }
                if Bits.test(requires, i * needWords, j) {
                    finalRequires[newI * finalNeedWords + newJ >> 6] |= 1 << UInt64(newJ & 63)
                }
            }
        }
        self.courses = kept.map { courses[$0] }
        cost = self.courses.map { catalogue.courseCost[Int($0)] }
        hours = self.courses.map { catalogue.courseHours[Int($0)] }
        needCount = keptNeeds.count
        self.needWords = finalNeedWords
        courseWords = finalCourseWords
        self.cover = finalCover
        self.requires = finalRequires
        candidates = finalCandidates
        targetMask = finalTargets
        needRequirement = keptNeeds.map { requirementOfNeed[$0] }
        needGlobal = keptNeeds.map { globalNeeds[$0] }
        var newIndex = [Int](repeating: -1, count: n)
        for (newI, i) in kept.enumerated() { newIndex[i] = newI }
        reachOrder = reachSequence.map { newIndex[$0] }.filter { $0 >= 0 }
    }

    private init() {}

    /// The problem split into independent parts: needs linked by a course that covers or
    /// requires both fall in one part. Cost, hours and count add up over parts, and the smallest
    /// sorted id list of a union of disjoint sets is the union of each part's smallest, so each
    /// part is solved alone. Parts without a target are left out (no least plan uses them).
    func parts() -> [LearningProblem] {
        var parent = Array(0..<needCount)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for c in 0..<courseCount {
            var first = -1
            for j in 0..<needCount where Bits.test(cover, c * needWords, j) || Bits.test(requires, c * needWords, j) {
                if first < 0 { first = root(j) } else { parent[root(j)] = first }
            }
        }
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for j in 0..<needCount {
            let r = root(j)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(j)
        }
        if order.count <= 1 { return [self] }
        return order.compactMap { r -> LearningProblem? in
            let needs = groups[r] ?? []
            guard needs.contains(where: { needRequirement[$0] >= 0 }) else { return nil }
            let members = (0..<courseCount).filter { c in needs.contains { Bits.test(cover, c * needWords, $0) } }
            return restricted(courses: members, needs: needs)
        }
    }

    /// The sub-problem over `courses` and `needs` (both ascending local numbers).
    private func restricted(courses members: [Int], needs: [Int]) -> LearningProblem {
        var part = LearningProblem()
        part.courses = members.map { courses[$0] }
        part.cost = members.map { cost[$0] }
        part.hours = members.map { hours[$0] }
        part.needCount = needs.count
        part.needWords = max(1, (needs.count + 63) / 64)
        part.courseWords = max(1, (members.count + 63) / 64)
        part.cover = [UInt64](repeating: 0, count: members.count * part.needWords)
        part.requires = [UInt64](repeating: 0, count: members.count * part.needWords)
        part.candidates = [UInt64](repeating: 0, count: needs.count * part.courseWords)
        part.targetMask = [UInt64](repeating: 0, count: part.needWords)
        for (newJ, j) in needs.enumerated() where needRequirement[j] >= 0 {
            part.targetMask[newJ >> 6] |= 1 << UInt64(newJ & 63)
        }
        for (newI, i) in members.enumerated() {
            for (newJ, j) in needs.enumerated() {
                if Bits.test(cover, i * needWords, j) {
                    part.cover[newI * part.needWords + newJ >> 6] |= 1 << UInt64(newJ & 63)
                    part.candidates[newJ * part.courseWords + newI >> 6] |= 1 << UInt64(newI & 63)
                }
                if Bits.test(requires, i * needWords, j) {
                    part.requires[newI * part.needWords + newJ >> 6] |= 1 << UInt64(newJ & 63)
                }
            }
        }
        part.needRequirement = needs.map { needRequirement[$0] }
        part.needGlobal = needs.map { needGlobal[$0] }
        var newIndex = [Int](repeating: -1, count: courseCount)
        for (newI, i) in members.enumerated() { newIndex[i] = newI }
        part.reachOrder = reachOrder.map { newIndex[$0] }.filter { $0 >= 0 }
        return part
    }

    /// Every prerequisite of course `d` is implied by one of course `c`'s: same skill, at a level
    /// no lower (holding `s` at 3 holds it at 2, by estimate or by a course).
    private static func implied(_ requires: [UInt64], _ d: Int, by c: Int, words: Int, needs: [Int32]) -> Bool {
        if Bits.isSubset(requires, d * words, of: requires, c * words, words: words) { return true }
        for j in 0..<needs.count where Bits.test(requires, d * words, j) {
            let skill = needs[j] / 5, level = needs[j] % 5
            var found = false
            for j2 in 0..<needs.count where Bits.test(requires, c * words, j2) {
                if needs[j2] / 5 == skill && needs[j2] % 5 >= level {
                    found = true
                    break
                }
            }
            if !found { return false }
        }
        return true
    }
}

/// Word-array bitset helpers over flat `[UInt64]` rows.
enum Bits {
    @inline(__always)
    static func test(_ words: [UInt64], _ index: Int) -> Bool { words[index >> 6] >> UInt64(index & 63) & 1 == 1 }

    @inline(__always)
    static func test(_ words: [UInt64], _ base: Int, _ index: Int) -> Bool {
        words[base + index >> 6] >> UInt64(index & 63) & 1 == 1
    }

    /// `a[aBase ..< aBase + words] ⊆ b[bBase ..< bBase + words]`.
    @inline(__always)
    static func isSubset(_ a: [UInt64], _ aBase: Int, of b: [UInt64], _ bBase: Int, words: Int) -> Bool {
        for w in 0..<words where a[aBase + w] & ~b[bBase + w] != 0 { return false }
        return true
    }
}
