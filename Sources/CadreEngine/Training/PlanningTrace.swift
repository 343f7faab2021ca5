/// Everything one person's plan toward one role level can depend on, gathered by walking
/// backwards from their targets: which requirements are targets, then — course by course, in a
/// fixed order — whether each course that could close a target (or supply a prerequisite of one
/// that could) is out (completed; dominated by a course on offer, `CompiledCatalogue.dominators`;
/// or with all its cheaper stand-ins on offer, `CompiledCatalogue.standIns`), and whether each
/// prerequisite holds by estimate. The walk goes on only from courses that are in. For a person
/// who completed no course, whether a course is out is a fact of the catalogue and the role
/// level, so that walk meets only the courses that are in (`CompiledCatalogue.openProviders`,
/// less `CompiledCatalogue.outByRoleLevel`) and records no bit for courses; the first bit says
/// which kind of walk it is.
///
/// Every step of the walk is decided by the bits before it, so the bits name the walk: two
/// people with the same role level and the same bits face the same problem, and share one
/// solve. Courses and prerequisites the walk never reaches cannot be in any least plan (a least
/// plan holds only courses that close a target or provide a prerequisite not held by estimate),
/// so they need no bit: people differing only there still share the solve.
struct PlanningKey: Hashable, Sendable {
    var roleLevel: Int32
    var bitCount: Int32
    var words: [UInt64]
}

/// Reusable scratch for walking people's problems; one per batch, so a walk allocates nothing
/// once the arrays have grown.
struct PlanningWalker {
    let catalogue: CompiledCatalogue
    let taxonomy: CompiledTaxonomy
    let tolerance: Double
    private var needStamp: [Int32]
    private var courseStamp: [Int32]
    private var stamp: Int32 = 0
    /// The person's estimate per skill, filled from the sparse entries and cleared after.
    private var dense: [Double]
    private(set) var key = PlanningKey(roleLevel: 0, bitCount: 0, words: [])
    /// Requirement indices (global) that are targets, in requirement order.
    private(set) var targets: [Int32] = []
    /// Needs met on the walk beyond the targets, with whether each holds by estimate.
    private(set) var visitedNeeds: [(need: Int32, held: Bool)] = []
    /// Courses met on the walk, with whether the person completed them on or before D.
    private(set) var visitedCourses: [(course: Int32, excluded: Bool)] = []
    private var queue: [Int32] = []

    init(catalogue: CompiledCatalogue, taxonomy: CompiledTaxonomy, tolerance: Double) {
        self.catalogue = catalogue
        self.taxonomy = taxonomy
        self.tolerance = tolerance
        needStamp = Array(repeating: 0, count: catalogue.needCount)
        courseStamp = Array(repeating: 0, count: catalogue.courseCount)
        dense = Array(repeating: 0, count: taxonomy.skillCount)
    }

    /// Walks person `person`'s problem toward role level `r`.
    ///
    /// - Parameter completed: course numbers the person completed on or before D, ascending.
    mutating func walk(person: Int, estimates: SkillEstimates, roleLevel r: Int, completed: ArraySlice<Int32>) {
        let entries = estimates.entries(of: person)
        // The table leaves `self` while the walk reads it, so the closure does not overlap the
        // walk's own access to `self`.
        var values: [Double] = []
        swap(&values, &dense)
        for i in entries { values[Int(estimates.skills[i])] = estimates.estimates[i] }
        walk(estimate: { values[$0] }, roleLevel: r, completed: completed)
        for i in entries { values[Int(estimates.skills[i])] = 0 }
        swap(&values, &dense)
    }

    /// The same walk with estimates given by a function of the skill number (0 when unassessed).
    mutating func walk(estimate: (Int) -> Double, roleLevel r: Int, completed: ArraySlice<Int32>) {
        stamp &+= 1
        if stamp == Int32.max {
            stamp = 1
            for i in needStamp.indices { needStamp[i] = 0 }
            for i in courseStamp.indices { courseStamp[i] = 0 }
        }
        key.roleLevel = Int32(r)
        key.bitCount = 0
        key.words.removeAll(keepingCapacity: true)
        targets.removeAll(keepingCapacity: true)
        visitedNeeds.removeAll(keepingCapacity: true)
        visitedCourses.removeAll(keepingCapacity: true)
        queue.removeAll(keepingCapacity: true)

        // Without completions whether a course is out is the catalogue's own fact, so the walk
        // takes only the open providers and records no bit for courses; the first bit says which
        // kind of walk the bits that follow describe.
        let open = completed.isEmpty
        append(open)
        for k in taxonomy.requirements(ofRoleLevel: r) {
            let skill = Int(taxonomy.requirementSkill[k])
            let level = taxonomy.requirementLevel[k]
            let isTarget = Readiness.gap(required: level, estimate: estimate(skill)) > tolerance
            append(isTarget)
            guard isTarget else { continue }
            targets.append(Int32(k))
            let need = CompiledCatalogue.need(skill: skill, level: Int(level))
            needStamp[need] = stamp
            queue.append(Int32(need))
        }
        let providers = open ? catalogue.openProviders : catalogue.providers
        let offsets = open ? catalogue.openProviderOffsets : catalogue.providerOffsets
        let outRow = r * catalogue.courseWords
        var head = 0
        while head < queue.count {
            let need = Int(queue[head])
            head += 1
            for index in Int(offsets[need])..<Int(offsets[need + 1]) {
                let course = Int(providers[index])
                if open && Bits.test(catalogue.outByRoleLevel, outRow, course) { continue }
                guard courseStamp[course] != stamp else { continue }
                courseStamp[course] = stamp
                if !open {
                    let excluded = Self.contains(completed, Int32(course)) || dominatedOnOffer(course, completed: completed)
                        || standInsOnOffer(course, completed: completed)
                    append(excluded)
                    visitedCourses.append((Int32(course), excluded))
                    if excluded { continue }
                } else {
                    visitedCourses.append((Int32(course), false))
                }
                for p in catalogue.prerequisites(course) {
                    let prerequisite = Int(catalogue.prerequisiteNeed[p])
                    guard needStamp[prerequisite] != stamp else { continue }
                    needStamp[prerequisite] = stamp
                    let level = Double(prerequisite % 5 + 1)
                    let held = Readiness.gap(required: level, estimate: estimate(prerequisite / 5)) <= tolerance
                    append(held)
                    visitedNeeds.append((Int32(prerequisite), held))
                    if !held { queue.append(Int32(prerequisite)) }
                }
            }
        }
    }

    /// Whether a course dominating `course` (`CompiledCatalogue.dominators`) is not completed,
    /// and so on offer: then no least plan holds `course`, and the walk leaves it out.
    private func dominatedOnOffer(_ course: Int, completed: ArraySlice<Int32>) -> Bool {
        let range = catalogue.dominators(of: course)
        if completed.isEmpty { return !range.isEmpty }
        for index in range where !Self.contains(completed, catalogue.dominators[index]) { return true }
        return false
    }

    /// Whether `course` has stand-ins (`CompiledCatalogue.standIns`) and the person completed
    /// none of them, so all are on offer: then no least plan holds `course`.
    private func standInsOnOffer(_ course: Int, completed: ArraySlice<Int32>) -> Bool {
        let range = catalogue.standIns(of: course)
        if range.isEmpty { return false }
        for index in range where Self.contains(completed, catalogue.standIns[index]) { return false }
        return true
    }

    @inline(__always)
    private mutating func append(_ bit: Bool) {
        let index = Int(key.bitCount)
        if index & 63 == 0 { key.words.append(0) }
        if bit { key.words[index >> 6] |= 1 << UInt64(index & 63) }
        key.bitCount += 1
    }

    private static func contains(_ sorted: ArraySlice<Int32>, _ value: Int32) -> Bool {
        guard !sorted.isEmpty else { return false }
        var low = sorted.startIndex, high = sorted.endIndex
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < sorted.endIndex && sorted[low] == value
    }
}
