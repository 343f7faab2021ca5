import Testing
@testable import CadreEngine

/// Three cases worked by hand from DESIGN.md's training semantics alone: R needs a@3, b@2, c@4;
/// D = 2025-06-30, 4 learning hours a week.
@Suite struct TrainingHandWorkedTests {
    static let world = TrainingWorld(
        skills: ["a", "b", "c", "z"],
        requirements: [("a", 3, 1), ("b", 2, 1), ("c", 4, 1)],
        courses: [
            course("c1", cost: 100, hours: 1000, teaches: [("a", 3)]),
            course("c2", cost: 60, hours: 1200, teaches: [("a", 3), ("b", 2)], requires: [("z", 2)]),
            course("c3", cost: 30, hours: 500, teaches: [("z", 2)]),
            course("c4", cost: 90, hours: 800, teaches: [("b", 2)]),
            course("c5", cost: 200, hours: 2000, teaches: [("c", 4)], requires: [("a", 3)]),
            course("c6", cost: 200, hours: 1600, teaches: [("c", 4)], requires: [("b", 3)]),
            course("c7", cost: 40, hours: 600, teaches: [("b", 3)], requires: [("c", 2)]),
        ],
        asOf: CalendarDay(year: 2025, month: 6, day: 30)!)

    /// c is within τ (4 − 3.8); a and b: c3 then c2 (90) beats c1 + c4 (190).
    @Test func sharedCourseWithItsPrerequisiteFirst() throws {
        let plan = try Self.world.plan(["c": 3.8])
        #expect(plan.steps.map(\.course) == ["c3", "c2"])
        #expect(plan.cost == 90 && plan.hours == 1700 && plan.weeks == 5)
        #expect(plan.readyBy == CalendarDay(year: 2025, month: 8, day: 4)!)
        #expect(plan.uncoverable.isEmpty)
    }

    /// b within τ (2 − 1.9), z held (2 − 1.75 = τ): c2 closes a and gives c5 its prerequisite.
    @Test func prerequisiteHeldAtExactlyTolerance() throws {
        let plan = try Self.world.plan(["b": 1.9, "z": 1.75])
        #expect(plan.steps.map(\.course) == ["c2", "c5"])
        #expect(plan.cost == 260 && plan.hours == 3200 && plan.weeks == 8)
        #expect(plan.readyBy == CalendarDay(year: 2025, month: 8, day: 25)!)
    }

    /// a within τ and so c5's prerequisite held; c4 completed, not offered: c5 then c7 (c5 teaches
    /// c@4, which holds c7's c@2) for 240; c6 and c7 need each other.
    @Test func completedCourseNotOfferedAndChainThroughTheTarget() throws {
        let plan = try Self.world.plan(["a": 2.75], completed: ["c4"])
        #expect(plan.steps.map(\.course) == ["c5", "c7"])
        #expect(plan.cost == 240 && plan.hours == 2600 && plan.weeks == 7)
        #expect(plan.readyBy == CalendarDay(year: 2025, month: 8, day: 18)!)
    }
}

/// Three more cases worked by hand from DESIGN.md alone, each checked there against every subset
/// of the courses on offer: a completed course that would dominate another, cost ties under a
/// fractional LP relaxation, and prerequisites at the tolerance, implied by a higher level, and
/// behind the cheapest-looking course.
@Suite struct TrainingHandWorkedTiesAndDominanceTests {
    /// c2 would beat c1 everywhere, but it is completed: c1 (500, 8 h) beats c4 then c3 (500, 12 h).
    @Test func completedDominatorLeavesTheDominatedCourseOnOffer() throws {
        let world = TrainingWorld(skills: ["a", "b"], requirements: [("a", 3, 1)], courses: [
            course("c1", cost: 500, hours: 800, teaches: [("a", 3)]),
            course("c2", cost: 300, hours: 600, teaches: [("a", 4)]),
            course("c3", cost: 400, hours: 1000, teaches: [("a", 3)], requires: [("b", 2)]),
            course("c4", cost: 100, hours: 200, teaches: [("b", 2)]),
        ])
        let plan = try world.plan(["a": 2.5, "b": 1.5], completed: ["c2"])
        #expect(plan.steps.map(\.course) == ["c1"])
        #expect(plan.cost == 500 && plan.hours == 800)
    }

    /// The LP takes half of k1, k2, k3 (150); every plan costs 200. At 600 h: {k1, k4},
    /// {k2, k3}, {k1, k5, k6}; fewest courses, then [k1, k4] < [k2, k3].
    @Test func costTiesGoToHoursThenCountThenIDs() throws {
        let world = TrainingWorld(skills: ["a", "b", "c", "d"], requirements: [("a", 3, 1), ("b", 3, 1), ("c", 3, 1)], courses: [
            course("k1", cost: 100, hours: 400, teaches: [("a", 3), ("b", 3)]),
            course("k2", cost: 100, hours: 300, teaches: [("b", 3), ("c", 3)]),
            course("k3", cost: 100, hours: 300, teaches: [("a", 3), ("c", 3)]),
            course("k4", cost: 100, hours: 200, teaches: [("c", 3)]),
            course("k5", cost: 40, hours: 100, teaches: [("c", 3)], requires: [("d", 2)]),
            course("k6", cost: 60, hours: 100, teaches: [("d", 2)]),
        ])
        let plan = try world.plan()
        #expect(plan.steps.map(\.course) == ["k1", "k4"])
        #expect(plan.cost == 200 && plan.hours == 600)
        #expect(plan.status == .optimal && plan.lowerBound == 200)
    }

    /// p:2 holds at exactly τ (2 − 1.75), so c10 (150) beats c4 + c5 (240) for s; c9's q:4 holds
    /// c2's q:2, so c9 + c2 (180) beats c3 (250) for t. Order: "c10" < "c9" as strings.
    @Test func prerequisitesAtTauByAHigherLevelAndBehindTheCheapestCourse() throws {
        let world = TrainingWorld(skills: ["p", "q", "s", "t"], requirements: [("s", 3, 1), ("t", 3, 1), ("p", 2, 1)], courses: [
            course("c10", cost: 150, hours: 300, teaches: [("s", 3)], requires: [("p", 2)]),
            course("c9", cost: 100, hours: 200, teaches: [("q", 4)]),
            course("c2", cost: 80, hours: 200, teaches: [("t", 3)], requires: [("q", 2)]),
            course("c3", cost: 250, hours: 100, teaches: [("t", 3)]),
            course("c4", cost: 40, hours: 100, teaches: [("s", 3)], requires: [("p", 4)]),
            course("c5", cost: 200, hours: 100, teaches: [("p", 4)]),
        ])
        let plan = try world.plan(["s": 1, "p": 1.75])
        #expect(plan.steps.map(\.course) == ["c10", "c9", "c2"])
        #expect(plan.cost == 330 && plan.hours == 700)
        #expect(plan.uncoverable.isEmpty)
    }
}

/// Three more cases worked from DESIGN.md alone (τ = 0.25; estimates final, a completed course
/// only not offered), where stand-ins, role-level caps, components and the one-need shortcut
/// decide what the search sees.
@Suite struct TrainingHandWorkedPruningTests {
    func steps(_ plan: LearningPlan) -> [String] { plan.steps.map(\.course) }

    /// a:3 and c:2: AC (420) beats A1 + B1 + C1 (440) and A2 + C1 (450); holding b, A1 + C1
    /// (400) wins; without AC, 440 beats 450 despite 6 more hours. Nothing asks a above 3, so A2
    /// (a:5) is out for the role level whenever nothing is completed.
    @Test func combinedCourseAgainstChainsThatDependOnWhatIsHeld() throws {
        let world = TrainingWorld(skills: ["a", "b", "c"], requirements: [("a", 3, 1), ("c", 2, 1)], courses: [
            course("A1", cost: 300, hours: 1000, teaches: [("a", 3)], requires: [("b", 2)]),
            course("A2", cost: 350, hours: 800, teaches: [("a", 5)]),
            course("AC", cost: 420, hours: 1200, teaches: [("a", 3), ("c", 2)]),
            course("B1", cost: 40, hours: 400, teaches: [("b", 2)]),
            course("C1", cost: 100, hours: 500, teaches: [("c", 2)]),
        ])
        let first = try world.plan()
        #expect(steps(first) == ["AC"] && first.cost == 420 && first.hours == 1200)
        let holding = try world.plan(["b": 2])
        #expect(steps(holding) == ["A1", "C1"] && holding.cost == 400 && holding.hours == 1500)
        let withoutAC = try world.plan(completed: ["AC"])
        #expect(steps(withoutAC) == ["B1", "A1", "C1"] && withoutAC.cost == 440 && withoutAC.hours == 1900)
        #expect(withoutAC.uncoverable.isEmpty)
    }

    /// a:1: F is free but needs a:1 itself, so it never starts first; H and G tie on cost and
    /// H wins on hours; without H, G.
    @Test func aFreeCourseNeedingItsOwnTargetAndATieOnHours() throws {
        let world = TrainingWorld(skills: ["a"], requirements: [("a", 1, 1)], courses: [
            course("F", cost: 0, hours: 200, teaches: [("a", 3)], requires: [("a", 1)]),
            course("G", cost: 50, hours: 300, teaches: [("a", 1)]),
            course("H", cost: 50, hours: 200, teaches: [("a", 2)]),
        ])
        let first = try world.plan()
        #expect(steps(first) == ["H"] && first.cost == 50 && first.hours == 200)
        let withoutH = try world.plan(completed: ["H"])
        #expect(steps(withoutH) == ["G"] && withoutH.cost == 50 && withoutH.hours == 300)
    }

    /// a:3: Z then Y (150) stands in for X (500); with Z completed Y cannot start and X is the
    /// plan; holding z at exactly τ below 2, Y alone.
    @Test func standInsAndTheirCompletion() throws {
        let world = TrainingWorld(skills: ["a", "z"], requirements: [("a", 3, 1)], courses: [
            course("X", cost: 500, hours: 100, teaches: [("a", 3)]),
            course("Y", cost: 100, hours: 100, teaches: [("a", 3)], requires: [("z", 2)]),
            course("Z", cost: 50, hours: 100, teaches: [("z", 2)]),
        ])
        let first = try world.plan()
        #expect(steps(first) == ["Z", "Y"] && first.cost == 150 && first.hours == 200)
        let withoutZ = try world.plan(completed: ["Z"])
        #expect(steps(withoutZ) == ["X"] && withoutZ.cost == 500 && withoutZ.uncoverable.isEmpty)
        let holding = try world.plan(["z": 1.75])
        #expect(steps(holding) == ["Y"] && holding.cost == 100 && holding.hours == 100)
    }
}
