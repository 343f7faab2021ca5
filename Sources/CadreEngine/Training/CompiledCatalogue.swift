/// The catalogue as the planner reads it: courses numbered in id order (so "smallest id" is
/// "smallest number"), skills numbered as in the `CompiledTaxonomy`, and every skill-at-level
/// the planner can need — a target or a prerequisite — numbered densely as
/// `need = skill · 5 + (level − 1)`, with the courses that provide it (teach the skill at that
/// level or higher) listed once, up front.
public struct CompiledCatalogue: Hashable, Sendable {
    public let catalogue: CourseCatalogue
    public let skillCount: Int
    /// Ascending; course `c` is `courseIDs[c]`.
    public let courseIDs: [String]
    public let courseCost: [Int64]
    public let courseHours: [Int64]
    public let courseKind: [CourseKind]
    /// Course `c` teaches `teachSkill[i]` at `teachLevel[i]` for `i` in `teachOffsets[c] ..< teachOffsets[c + 1]`.
    public let teachOffsets: [Int32]
    public let teachSkill: [Int32]
    public let teachLevel: [Int8]
    /// Course `c`'s prerequisites as needs, ascending.
    public let prerequisiteOffsets: [Int32]
    public let prerequisiteNeed: [Int32]
    /// Need `n`'s providers are `providers[providerOffsets[n] ..< providerOffsets[n + 1]]`, ascending.
    public let providerOffsets: [Int32]
    public let providers: [Int32]
    /// Course `c`'s dominators are `dominators[dominatorOffsets[c] ..< dominatorOffsets[c + 1]]`:
    /// the courses that teach every skill `c` teaches at `c`'s level or higher, require nothing
    /// `c`'s own prerequisites do not imply (same skill, no higher level), and come before `c` by
    /// (cost, hours, id). Wherever `c` stands in a plan such a course can stand instead (or, if
    /// the plan has it already, `c` can go), and the plan is better in the objective's order, so
    /// no least plan holds `c` while a dominator of it is on offer.
    public private(set) var dominatorOffsets: [Int32] = []
    public private(set) var dominators: [Int32] = []
    /// Course `c`'s stand-ins are `standIns[standInOffsets[c] ..< standInOffsets[c + 1]]`
    /// (ascending; empty for most courses): courses that can be taken in some order with no
    /// prerequisite held beforehand, teach every skill `c` teaches at `c`'s level or higher, and
    /// together cost less than `c` alone, by (cost, hours). Put in `c`'s place in any plan, they
    /// leave it a plan and make it better, so no least plan holds `c` while all of them are on
    /// offer — whatever the person holds by estimate. Found from each need's cheapest chain with
    /// nothing held (`Chains`); every course with a dominator on the L organisation's
    /// synthetic catalogue has stand-ins too, and so do 665 more.
    public private(set) var standInOffsets: [Int32] = []
    public private(set) var standIns: [Int32] = []
    /// Per role level, `courseWords` words: bit `c` set when course `c` is in no least plan
    /// toward that role level for a person who completed no course. The only needs `c` can be
    /// asked for there are the role level's requirements and the prerequisites some course
    /// names; when the cheapest chains, with nothing held, of `c`'s skills up to the highest such
    /// level cost less together than `c` alone, their union can stand in for it (as with
    /// `standIns`, whose test this is with each skill capped at what can be asked of it).
    public private(set) var outByRoleLevel: [UInt64] = []
    /// Need `n`'s providers with neither dominators nor stand-ins, ascending: those a person who
    /// completed no course can find in a least plan
    /// (`openProviders[openProviderOffsets[n] ..< openProviderOffsets[n + 1]]`).
    public private(set) var openProviderOffsets: [Int32] = []
    public private(set) var openProviders: [Int32] = []

    public var courseCount: Int { courseCost.count }
    public var needCount: Int { skillCount * 5 }
    /// Words of a bit row over the courses.
    public var courseWords: Int { (courseCount + 63) / 64 }

    @inline(__always)
    public static func need(skill: Int, level: Int) -> Int { skill * 5 + level - 1 }

    /// - Throws: `InputErrors` (`catalogue.unknown-skill`) when a course names a skill the
    ///   taxonomy lacks — a catalogue loaded against an older taxonomy.
    public init(_ catalogue: CourseCatalogue, taxonomy: CompiledTaxonomy) throws(InputErrors) {
        var errors: [InputError] = []
        var teachOffsets: [Int32] = [0], teachSkill: [Int32] = [], teachLevel: [Int8] = []
        var prerequisiteOffsets: [Int32] = [0], prerequisiteNeed: [Int32] = []
        func index(_ entry: SkillLevel, _ course: Course, _ field: String) -> Int? {
            guard let skill = taxonomy.skillIndex(entry.skill) else {
                errors.append(InputError(.catalogueUnknownSkill, file: "<catalogue>", field: "\(course.id).\(field)",
                                         message: "no skill has the id `\(entry.skill)` in this taxonomy",
                                         hint: "load a catalogue that matches the taxonomy"))
                return nil
            }
            guard (1...5).contains(entry.level) else {
                errors.append(InputError(.catalogueLevelOutOfRange, file: "<catalogue>", field: "\(course.id).\(field)",
                                         message: "level \(entry.level) is outside 1–5"))
                return nil
            }
            return skill
        }
        var providerLists = [[Int32]](repeating: [], count: taxonomy.skillCount * 5)
        for (c, course) in catalogue.courses.enumerated() {
            var taught: [(Int32, Int8)] = []
            for entry in course.teaches {
                guard let skill = index(entry, course, "teaches") else { continue }
                taught.append((Int32(skill), Int8(entry.level)))
                for level in 1...entry.level { providerLists[Self.need(skill: skill, level: level)].append(Int32(c)) }
            }
            taught.sort { $0.0 < $1.0 }
            teachSkill += taught.map(\.0)
            teachLevel += taught.map(\.1)
            teachOffsets.append(Int32(teachSkill.count))
            var needs: [Int32] = []
            for entry in course.prerequisites {
                guard let skill = index(entry, course, "prerequisites") else { continue }
                needs.append(Int32(Self.need(skill: skill, level: entry.level)))
            }
            prerequisiteNeed += needs.sorted()
            prerequisiteOffsets.append(Int32(prerequisiteNeed.count))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        var providerOffsets: [Int32] = [0], providers: [Int32] = []
        for list in providerLists {
            providers += list
            providerOffsets.append(Int32(providers.count))
        }
        self.catalogue = catalogue
        skillCount = taxonomy.skillCount
        courseIDs = catalogue.ids
        courseCost = catalogue.courses.map(\.cost)
        courseHours = catalogue.courses.map { Int64($0.hours) }
        courseKind = catalogue.courses.map(\.kind)
        self.teachOffsets = teachOffsets
        self.teachSkill = teachSkill
        self.teachLevel = teachLevel
        self.prerequisiteOffsets = prerequisiteOffsets
        self.prerequisiteNeed = prerequisiteNeed
        self.providerOffsets = providerOffsets
        self.providers = providers
        (dominatorOffsets, dominators) = dominance()
        let chains = chainsWithNothingHeld()
        (standInOffsets, standIns) = cheaperStandIns(top: chains.top)
        outByRoleLevel = outOfEveryPlan(taxonomy: taxonomy, chainCost: chains.cost, chainHours: chains.hours)
        openProviderOffsets = [0]
        for need in 0..<needCount {
            for index in self.providers(of: need) {
                let c = Int(providers[index])
                if dominators(of: c).isEmpty && standIns(of: c).isEmpty { openProviders.append(Int32(c)) }
            }
            openProviderOffsets.append(Int32(openProviders.count))
        }
    }

    /// Each need's cheapest chain with nothing held, by (cost, hours), and the course at its top;
    /// Bellman–Ford to the fixpoint (costs are not negative).
    private func chainsWithNothingHeld() -> (cost: [Int64], hours: [Int64], top: [Int32]) {
        var chainCost = [Int64](repeating: .max, count: needCount)
        var chainHours = [Int64](repeating: .max, count: needCount)
        var top = [Int32](repeating: -1, count: needCount)
        var changed = true
        while changed {
            changed = false
            for c in 0..<courseCount {
                var cost = courseCost[c], hours = courseHours[c]
                var reachable = true
                for p in prerequisites(c) {
                    let need = Int(prerequisiteNeed[p])
                    guard chainCost[need] != .max else { reachable = false; break }
                    cost += chainCost[need]
                    hours += chainHours[need]
                }
                guard reachable else { continue }
                for t in teaches(c) {
                    for level in 1...Int(teachLevel[t]) {
                        let need = Self.need(skill: Int(teachSkill[t]), level: level)
                        guard (cost, hours) < (chainCost[need], chainHours[need]) else { continue }
                        chainCost[need] = cost
                        chainHours[need] = hours
                        top[need] = Int32(c)
                        changed = true
                    }
                }
            }
        }
        return (chainCost, chainHours, top)
    }

    /// Each course's stand-ins (see `standIns`): the union of the cheapest chains, with nothing
    /// held, of the skills it teaches at its levels, kept when it places from nothing, teaches
    /// all the course teaches, and costs less in total.
    private func cheaperStandIns(top: [Int32]) -> (offsets: [Int32], standIns: [Int32]) {
        var offsets: [Int32] = [0], standIns: [Int32] = []
        var members: Set<Int32> = []
        var pending: [Int] = []
        for c in 0..<courseCount {
            defer { offsets.append(Int32(standIns.count)) }
            members.removeAll(keepingCapacity: true)
            pending = teaches(c).map { Self.need(skill: Int(teachSkill[$0]), level: Int(teachLevel[$0])) }
            var complete = true
            while let need = pending.popLast() {
                guard top[need] >= 0 else { complete = false; break }
                guard members.insert(top[need]).inserted else { continue }
                pending += prerequisites(Int(top[need])).map { Int(prerequisiteNeed[$0]) }
            }
            guard complete, !members.contains(Int32(c)) else { continue }
            let chosen = members.sorted()
            let cost = chosen.reduce(Int64(0)) { $0 + courseCost[Int($1)] }
            let hours = chosen.reduce(Int64(0)) { $0 + courseHours[Int($1)] }
            guard (cost, hours) < (courseCost[c], courseHours[c]),
                  teaches(c).allSatisfy({ t in chosen.contains { level(course: Int($0), skill: teachSkill[t]) >= Int(teachLevel[t]) } }),
                  placesFromNothing(chosen)
            else { continue }
            standIns += chosen
        }
        return (offsets, standIns)
    }

    /// `outByRoleLevel`.
    private func outOfEveryPlan(taxonomy: CompiledTaxonomy, chainCost: [Int64], chainHours: [Int64]) -> [UInt64] {
        // The highest level at which each skill is anyone's prerequisite.
        var prerequisiteCap = [Int](repeating: 0, count: skillCount)
        for need in prerequisiteNeed { prerequisiteCap[Int(need) / 5] = max(prerequisiteCap[Int(need) / 5], Int(need) % 5 + 1) }
        var out = [UInt64](repeating: 0, count: taxonomy.roleLevelCount * courseWords)
        var required = [Int](repeating: 0, count: skillCount)
        for r in 0..<taxonomy.roleLevelCount {
            let requirements = taxonomy.requirements(ofRoleLevel: r)
            for k in requirements {
                let skill = Int(taxonomy.requirementSkill[k])
                required[skill] = max(required[skill], Int(taxonomy.requirementLevel[k]))
            }
            for c in 0..<courseCount {
                var cost: Int64 = 0, hours: Int64 = 0
                var standsIn = true
                for t in teaches(c) {
                    let skill = Int(teachSkill[t])
                    let cap = min(Int(teachLevel[t]), max(prerequisiteCap[skill], required[skill]))
                    guard cap > 0 else { continue }
                    let need = Self.need(skill: skill, level: cap)
                    guard chainCost[need] != .max else {
                        standsIn = false
                        break
                    }
                    cost += chainCost[need]
                    hours += chainHours[need]
                }
                if standsIn && (cost, hours) < (courseCost[c], courseHours[c]) { Bits.set(&out, r * courseWords, c) }
            }
            for k in requirements { required[Int(taxonomy.requirementSkill[k])] = 0 }
        }
        return out
    }

    /// Whether `courses` can all be placed, in some order, with no prerequisite held beforehand.
    private func placesFromNothing(_ courses: [Int32]) -> Bool {
        var held = Set<Int>()
        var remaining = courses
        while !remaining.isEmpty {
            guard let next = remaining.firstIndex(where: { c in
                prerequisites(Int(c)).allSatisfy { held.contains(Int(prerequisiteNeed[$0])) }
            }) else { return false }
            let c = Int(remaining.remove(at: next))
            for t in teaches(c) {
                for level in 1...Int(teachLevel[t]) { held.insert(Self.need(skill: Int(teachSkill[t]), level: level)) }
            }
        }
        return true
    }

    /// Each course's dominators (see `dominators`), found among the providers of the first need
    /// it teaches: a dominator teaches that skill at that level or higher.
    private func dominance() -> (offsets: [Int32], dominators: [Int32]) {
        var offsets: [Int32] = [0], dominators: [Int32] = []
        for c in 0..<courseCount {
            defer { offsets.append(Int32(dominators.count)) }
            guard let first = teaches(c).first else { continue }
            let required = prerequisites(c)
            for index in providers(of: Self.need(skill: Int(teachSkill[first]), level: Int(teachLevel[first]))) {
                let d = Int(providers[index])
                guard d != c,
                      (courseCost[d], courseHours[d], d) < (courseCost[c], courseHours[c], c),
                      teaches(c).allSatisfy({ level(course: d, skill: teachSkill[$0]) >= Int(teachLevel[$0]) }),
                      prerequisites(d).allSatisfy({ p in
                          required.contains {
                              prerequisiteNeed[$0] / 5 == prerequisiteNeed[p] / 5 && prerequisiteNeed[$0] >= prerequisiteNeed[p]
                          }
                      })
                else { continue }
                dominators.append(Int32(d))
            }
        }
        return (offsets, dominators)
    }

    /// What courses teach and require, read through raw pointers, for hot loops.
    struct TeachingTables {
        let teachOffsets: UnsafeBufferPointer<Int32>
        let teachSkill: UnsafeBufferPointer<Int32>
        let teachLevel: UnsafeBufferPointer<Int8>
        let prerequisiteOffsets: UnsafeBufferPointer<Int32>
        let prerequisiteNeed: UnsafeBufferPointer<Int32>
    }

    func withTeachingTables<R>(_ body: (TeachingTables) -> R) -> R {
        teachOffsets.withUnsafeBufferPointer { teachOffsets in
            teachSkill.withUnsafeBufferPointer { teachSkill in
                teachLevel.withUnsafeBufferPointer { teachLevel in
                    prerequisiteOffsets.withUnsafeBufferPointer { prerequisiteOffsets in
                        prerequisiteNeed.withUnsafeBufferPointer { prerequisiteNeed in
                            body(TeachingTables(
                                teachOffsets: teachOffsets, teachSkill: teachSkill, teachLevel: teachLevel,
                                prerequisiteOffsets: prerequisiteOffsets, prerequisiteNeed: prerequisiteNeed))
                        }
                    }
                }
            }
        }
    }

    /// The course's number, by binary search over the sorted ids.
    public func courseIndex(_ id: String) -> Int? { CompiledTaxonomy.index(of: id, in: courseIDs) }

    func teaches(_ c: Int) -> Range<Int> { Int(teachOffsets[c])..<Int(teachOffsets[c + 1]) }
    func prerequisites(_ c: Int) -> Range<Int> { Int(prerequisiteOffsets[c])..<Int(prerequisiteOffsets[c + 1]) }
    func providers(of need: Int) -> Range<Int> { Int(providerOffsets[need])..<Int(providerOffsets[need + 1]) }
    func dominators(of c: Int) -> Range<Int> { Int(dominatorOffsets[c])..<Int(dominatorOffsets[c + 1]) }
    func openProviders(of need: Int) -> Range<Int> { Int(openProviderOffsets[need])..<Int(openProviderOffsets[need + 1]) }
    func standIns(of c: Int) -> Range<Int> { Int(standInOffsets[c])..<Int(standInOffsets[c + 1]) }

    /// The level course `c` teaches `skill` at, 0 when it does not teach it.
    func level(course c: Int, skill: Int32) -> Int {
        for i in teaches(c) where teachSkill[i] == skill { return Int(teachLevel[i]) }
        return 0
    }
}
