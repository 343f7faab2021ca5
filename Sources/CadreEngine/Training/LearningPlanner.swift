/// A solved planning problem, shared by everyone whose problem it is: the courses in order, what
/// each closes, the totals and how sure the solver is. Person-specific parts (estimates of the
/// uncoverable targets, the weighted gaps closed) are added when a `LearningPlan` is made.
public struct PlanCore: Hashable, Sendable {
    public var roleLevel: Int32
    /// Course numbers (`CompiledCatalogue` order) in the order they are taken.
    public var courses: [Int32]
    /// Step `i` closes the requirements `closes[closeOffsets[i] ..< closeOffsets[i + 1]]`
    /// (global requirement indices of `CompiledTaxonomy`, ascending).
    public var closeOffsets: [Int32]
    public var closes: [Int32]
    /// Requirement indices of the targets no course chain closes, ascending.
    public var uncoverable: [Int32]
    public var cost: Int64
    /// Hundredths of an hour.
    public var hours: Int64
    public var status: LearningPlan.Status
    public var lowerBound: Int64
    /// Search nodes spent (0 for a problem with nothing to search).
    public var nodes: Int

    public func closes(step: Int) -> ArraySlice<Int32> { closes[Int(closeOffsets[step])..<Int(closeOffsets[step + 1])] }
}

/// Plans toward any role level for any person, solving each distinct problem once.
///
/// The problem a person faces is named by `PlanningKey` (role level, which requirements are
/// targets, and the completions and estimate-held prerequisites met walking back from them);
/// people with the same key share one `PlanCore`. Sourcing plans toward other role levels
/// through the same planner, and hits the same memo.
public struct LearningPlanner: Sendable {
    public let taxonomy: CompiledTaxonomy
    public let catalogue: CompiledCatalogue
    public let settings: PlanningSettings
    private var walker: PlanningWalker
    private var scratch: ProblemScratch
    private var partScratch: ProblemScratch
    private var memo: [PlanningKey: Int32] = [:]
    /// Components and parts are kept apart: a component's solution sums its parts' nodes, and
    /// the same courses and needs met as a part are searched, so each memo's entries depend on
    /// their key alone, whichever came first.
    private var componentMemo: [PartKey: PartSolution] = [:]
    private var partMemo: [PartKey: PartSolution] = [:]
    /// Every distinct problem solved so far, in the order first met.
    public private(set) var cores: [PlanCore] = []
    /// Calls to `solve` so far.
    public private(set) var lookups = 0

    public init(taxonomy: CompiledTaxonomy, catalogue: CompiledCatalogue, settings: PlanningSettings) {
        self.taxonomy = taxonomy
        self.catalogue = catalogue
        self.settings = settings
        walker = PlanningWalker(catalogue: catalogue, taxonomy: taxonomy, tolerance: settings.tolerance)
        scratch = ProblemScratch(catalogue: catalogue)
        partScratch = ProblemScratch(catalogue: catalogue)
    }

    /// The index into `cores` of person `person`'s plan toward role level `roleLevel`.
    ///
    /// - Parameter completed: course numbers the person completed on or before D, ascending.
    public mutating func solve(
        person: Int, estimates: SkillEstimates, toward roleLevel: Int, completed: ArraySlice<Int32> = []
    ) -> Int {
        lookups += 1
        walker.walk(person: person, estimates: estimates, roleLevel: roleLevel, completed: completed)
        return settle()
    }

    /// The same for estimates given per skill number (0 when unassessed) — a person not in a
    /// `SkillEstimates`, or a what-if.
    public mutating func solve(
        estimate: (Int) -> Double, toward roleLevel: Int, completed: ArraySlice<Int32> = []
    ) -> Int {
        lookups += 1
        walker.walk(estimate: estimate, roleLevel: roleLevel, completed: completed)
        return settle()
    }

    /// Solves and makes the person's full plan.
    public mutating func plan(
        person: Int, estimates: SkillEstimates, toward roleLevel: Int, completed: ArraySlice<Int32> = []
    ) -> LearningPlan {
        let core = solve(person: person, estimates: estimates, toward: roleLevel, completed: completed)
        return plan(core: cores[core]) { estimates.estimate(person: person, skill: $0) }
    }

    /// A core as one person's plan; `estimate` gives their estimate per skill number.
    public func plan(core: PlanCore, estimate: (Int) -> Double) -> LearningPlan {
        LearningPlanMaker(taxonomy: taxonomy, catalogue: catalogue, settings: settings).plan(core, estimate: estimate)
    }

    private mutating func settle() -> Int {
        if let known = memo[walker.key] { return Int(known) }
        let problem = WalkedProblem(walker: walker, catalogue: catalogue, taxonomy: taxonomy, scratch: &scratch)
        let core = solve(problem, roleLevel: walker.key.roleLevel)
        let index = cores.count
        cores.append(core)
        memo[walker.key] = Int32(index)
        return index
    }

    /// Solves `problem` component by component, each distinct component (and each distinct part
    /// of one) once, and orders the union of their plans. `scratch` still numbers the problem's
    /// needs (`WalkedProblem.init`): the prerequisites without a number hold by estimate.
    mutating func solve(_ problem: WalkedProblem, roleLevel: Int32) -> PlanCore {
        var members: [Int32] = []
        var status = LearningPlan.Status.optimal
        var lowerBound: Int64 = 0
        var nodes = 0
        for component in problem.components {
            let solution = solution(of: component)
            nodes += solution.nodes
            if solution.exhausted { status = .bounded }
            lowerBound += solution.lowerBound
            members += solution.courses
        }
        members.sort()
        let order = placementOrder(members)
        var closeOffsets: [Int32] = [0], closes: [Int32] = []
        var cost: Int64 = 0, hours: Int64 = 0
        for course in order {
            cost += catalogue.courseCost[Int(course)]
            hours += catalogue.courseHours[Int(course)]
            var closed: [Int32] = []
            scratch.forEachProvided(by: Int(course), in: catalogue) { j in
                if problem.requirementOfNeed[j] >= 0 { closed.append(problem.requirementOfNeed[j]) }
            }
            closes += closed.sorted()
            closeOffsets.append(Int32(closes.count))
        }
        if status == .optimal { lowerBound = cost }
        return PlanCore(
            roleLevel: roleLevel, courses: order, closeOffsets: closeOffsets, closes: closes,
            uncoverable: problem.uncoverable.sorted(), cost: cost, hours: hours, status: status,
            lowerBound: min(lowerBound, cost), nodes: nodes)
    }

    /// The least plan of the component `key` names, solved once, each distinct part of it once.
    private mutating func solution(of key: PartKey) -> PartSolution {
        if let known = componentMemo[key] { return known }
        // One need, a target, that no course of the component requires (a component holds
        // every need its courses require and do not hold by estimate): one course closes it,
        // any plan holds one, and the least is the first by (cost, hours, id).
        if key.needs.count == 1, !key.courses.contains(where: { course in
            catalogue.prerequisites(Int(course)).contains { catalogue.prerequisiteNeed[$0] == key.needs[0] }
        }) {
            let best = key.courses.min {
                (catalogue.courseCost[Int($0)], catalogue.courseHours[Int($0)], $0)
                    < (catalogue.courseCost[Int($1)], catalogue.courseHours[Int($1)], $1)
            }
            let solution = PartSolution(
                courses: best.map { [$0] } ?? [], exhausted: false, lowerBound: best.map { catalogue.courseCost[Int($0)] } ?? 0,
                nodes: 0)
            componentMemo[key] = solution
            return solution
        }
        let problem = LearningProblem(key, catalogue: catalogue, scratch: &partScratch)
        var solution = PartSolution(courses: [], exhausted: false, lowerBound: 0, nodes: 0)
        for part in problem.parts() where part.targetMask.contains(where: { $0 != 0 }) {
            let partKey = PartKey(courses: part.courses, needs: part.needGlobal, targets: part.targetMask)
            let found: PartSolution
            if let known = partMemo[partKey] {
                found = known
            } else {
                found = PartSolution(part, budget: settings.searchBudget)
                partMemo[partKey] = found
            }
            solution.courses += found.courses
            solution.exhausted = solution.exhausted || found.exhausted
            solution.lowerBound += found.lowerBound
            solution.nodes += found.nodes
        }
        componentMemo[key] = solution
        return solution
    }

    /// Greedy placement of `members` (catalogue numbers, ascending) by DESIGN.md's rule —
    /// repeatedly the smallest id whose prerequisites hold, by estimate (no need number in
    /// `scratch`) or through a course placed before: the courses it could place, in order.
    private func placementOrder(_ members: [Int32]) -> [Int32] {
        var remaining = members
        var order: [Int32] = []
        func holds(_ need: Int) -> Bool {
            scratch.need(need) == nil
                || order.contains { catalogue.level(course: Int($0), skill: Int32(need / 5)) >= need % 5 + 1 }
        }
        while let next = remaining.firstIndex(where: { course in
            catalogue.prerequisites(Int(course)).allSatisfy { holds(Int(catalogue.prerequisiteNeed[$0])) }
        }) {
            order.append(remaining.remove(at: next))
        }
        return order
    }
}

/// An independent piece of a problem — a component of a walked problem, or a part of one — by
/// what decides its solution: its courses (catalogue numbers, ascending), its needs (global
/// numbers; a prerequisite of one of the courses that is not among them holds by estimate) and,
/// as bits over `needs`, which are targets.
struct PartKey: Hashable, Sendable {
    var courses: [Int32]
    var needs: [Int32]
    var targets: [UInt64]
}

/// A piece's least plan (or, when the budget ran out, the best found and a lower bound).
struct PartSolution: Sendable {
    /// Global course numbers.
    var courses: [Int32]
    var exhausted: Bool
    var lowerBound: Int64
    var nodes: Int

    init(courses: [Int32], exhausted: Bool, lowerBound: Int64, nodes: Int) {
        self.courses = courses
        self.exhausted = exhausted
        self.lowerBound = lowerBound
        self.nodes = nodes
    }

    init(_ part: LearningProblem, budget: Int) {
        var search = PlanSearch(problem: part, budget: budget)
        let rootBound = search.run()
        nodes = search.nodes
        exhausted = search.exhausted
        var chosen = search.best?.members ?? []
        if exhausted {
            if search.best == nil { chosen = PlanFallback.plan(part) }
            lowerBound = rootBound
        } else {
            lowerBound = search.best.map(\.cost) ?? 0
        }
        courses = chosen.map { part.courses[$0] }
    }
}

/// A feasible plan without search, for when the budget ran out before any plan was found: take
/// every course (all are reachable, so all can be placed and every coverable target is closed),
/// then drop the dearest ones while what is left stays a plan.
enum PlanFallback {
    static func plan(_ problem: LearningProblem) -> [Int] {
        var members = Array(0..<problem.courseCount)
        let byDearest = members.sorted {
            (problem.cost[$0], problem.hours[$0], $0) > (problem.cost[$1], problem.hours[$1], $1)
        }
        for course in byDearest {
            let trial = members.filter { $0 != course }
            if isPlan(trial, problem) { members = trial }
        }
        return members
    }

    static func isPlan(_ members: [Int], _ problem: LearningProblem) -> Bool {
        let order = problem.placementOrder(members)
        guard order.count == members.count else { return false }
        var cover = [UInt64](repeating: 0, count: problem.needWords)
        for c in order { for w in 0..<problem.needWords { cover[w] |= problem.cover[c * problem.needWords + w] } }
        return Bits.isSubset(problem.targetMask, 0, of: cover, 0, words: problem.needWords)
    }
}

/// Turns a `PlanCore` into the plan a person reads.
struct LearningPlanMaker {
    let taxonomy: CompiledTaxonomy
    let catalogue: CompiledCatalogue
    let settings: PlanningSettings

    func plan(_ core: PlanCore, estimate: (Int) -> Double) -> LearningPlan {
        var steps: [LearningPlan.Step] = []
        for (i, course) in core.courses.enumerated() {
            let c = Int(course)
            steps.append(LearningPlan.Step(
                course: catalogue.courseIDs[c], kind: catalogue.courseKind[c], cost: catalogue.courseCost[c],
                hours: Int(catalogue.courseHours[c]),
                closes: core.closes(step: i).map { taxonomy.skillIDs[Int(taxonomy.requirementSkill[Int($0)])] }))
        }
        let uncoverable = core.uncoverable.map { k in
            let skill = Int(taxonomy.requirementSkill[Int(k)])
            return LearningPlan.UncoverableTarget(
                skill: taxonomy.skillIDs[skill], requiredLevel: Int(taxonomy.requirementLevel[Int(k)]),
                estimate: estimate(skill))
        }
        let weeks = settings.weeks(forHours: Int(core.hours))
        return LearningPlan(
            roleLevel: taxonomy.roleLevels[Int(core.roleLevel)], steps: steps, cost: core.cost, hours: Int(core.hours),
            weeks: weeks, readyBy: settings.readyBy(weeks: weeks), uncoverable: uncoverable, status: core.status,
            lowerBound: core.lowerBound)
    }
}
