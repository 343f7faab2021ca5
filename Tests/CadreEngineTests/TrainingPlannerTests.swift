import Testing
@testable import CadreEngine

/// Hand-computed plans (DESIGN.md, "Training semantics"). D = 2025-03-31, τ = 0.25, 4 h a week.
@Suite struct TrainingPlannerTests {
    @Test func oneCourseClosesOneTarget() throws {
        // a required at 3, estimate 0: gap 3 > τ. One course teaches a at 3 for 100, 10 h.
        let world = TrainingWorld(skills: ["a"], requirements: [("a", 3, 2)],
                                  courses: [course("c1", cost: 100, hours: 1000, teaches: [("a", 3)])])
        let plan = try world.plan()
        #expect(plan.steps.map(\.course) == ["c1"])
        #expect(plan.steps[0].closes == ["a"])
        #expect(plan.cost == 100)
        #expect(plan.hours == 1000)
        #expect(plan.weeks == 3) // ceil(10 h / 4 h)
        #expect(plan.readyBy == CalendarDay(year: 2025, month: 4, day: 21)) // D + 21 days
        #expect(plan.status == .optimal)
        #expect(plan.lowerBound == 100)
        #expect(plan.uncoverable.isEmpty)
    }

    @Test func twoCheapCoursesBeatOneExpensive() throws {
        // big closes both for 500; ca + cb close one each for 200 + 200 = 400.
        let world = TrainingWorld(skills: ["a", "b"], requirements: [("a", 3, 1), ("b", 3, 1)], courses: [
            course("big", cost: 500, teaches: [("a", 3), ("b", 3)]),
            course("ca", cost: 200, teaches: [("a", 3)]),
            course("cb", cost: 200, teaches: [("b", 4)]),
        ])
        let plan = try world.plan()
        #expect(plan.steps.map(\.course) == ["ca", "cb"])
        #expect(plan.cost == 400)
    }

    @Test func prerequisiteMetByEstimateOrByAnEarlierCourse() throws {
        // dl (a:3, 100) needs b:2; z-linear teaches b:2 for 50.
        let world = TrainingWorld(skills: ["a", "b"], requirements: [("a", 3, 1)], courses: [
            course("dl", cost: 100, teaches: [("a", 3)], requires: [("b", 2)]),
            course("z-linear", cost: 50, teaches: [("b", 2)]),
        ])
        // e_b = 1.75: 2 − 1.75 = 0.25 ≤ τ, the prerequisite holds.
        let held = try world.plan(["b": 1.75])
        #expect(held.steps.map(\.course) == ["dl"])
        #expect(held.cost == 100)
        // e_b = 1.5: it does not; z-linear comes first although its id is larger.
        let needed = try world.plan(["b": 1.5])
        #expect(needed.steps.map(\.course) == ["z-linear", "dl"])
        #expect(needed.steps[0].isPrerequisiteOnly)
        #expect(needed.steps[1].closes == ["a"])
        #expect(needed.cost == 150)
    }

    @Test func chainOfPrerequisites() throws {
        // x-adv (a:3) ← y-mid (b:2) ← z-intro (c:1): 300 + 200 + 100.
        let world = TrainingWorld(skills: ["a", "b", "c"], requirements: [("a", 3, 1)], courses: [
            course("x-adv", cost: 300, hours: 1200, teaches: [("a", 3)], requires: [("b", 2)]),
            course("y-mid", cost: 200, hours: 800, teaches: [("b", 2)], requires: [("c", 1)]),
            course("z-intro", cost: 100, hours: 450, teaches: [("c", 1)]),
        ])
        let plan = try world.plan()
        #expect(plan.steps.map(\.course) == ["z-intro", "y-mid", "x-adv"])
        #expect(plan.cost == 600)
        #expect(plan.hours == 2450)
        #expect(plan.weeks == 7) // ceil(24.5 / 4)
        #expect(plan.readyBy == CalendarDay(year: 2025, month: 5, day: 19)) // D + 49
    }

    @Test func cycleOfPrerequisitesIsExcludedUntilBroken() throws {
        // p (a:3) needs b:2, q (b:2) needs a:2: neither can ever start.
        var world = TrainingWorld(skills: ["a", "b"], requirements: [("a", 3, 1)], courses: [
            course("p", cost: 100, teaches: [("a", 3)], requires: [("b", 2)]),
            course("q", cost: 10, teaches: [("b", 2)], requires: [("a", 2)]),
        ])
        let stuck = try world.plan()
        #expect(stuck.steps.isEmpty)
        #expect(stuck.uncoverable == [LearningPlan.UncoverableTarget(skill: "a", requiredLevel: 3, estimate: 0)])
        // r (b:2, 300, no prerequisite) breaks the cycle: r then p, 400; q stays out.
        world.courses.append(course("r", cost: 300, teaches: [("b", 2)]))
        let broken = try world.plan()
        #expect(broken.steps.map(\.course) == ["r", "p"])
        #expect(broken.cost == 400)
        #expect(broken.uncoverable.isEmpty)
    }

    @Test func uncoverableTargetBesideCoverableOnes() throws {
        // a at 5: no course teaches a above 4. b at 2: closed by cb.
        let world = TrainingWorld(skills: ["a", "b"], requirements: [("a", 5, 5), ("b", 2, 1)], courses: [
            course("ca", cost: 100, teaches: [("a", 4)]),
            course("cb", cost: 70, teaches: [("b", 2)]),
        ])
        let plan = try world.plan(["a": 3.5])
        #expect(plan.steps.map(\.course) == ["cb"])
        #expect(plan.cost == 70)
        #expect(plan.uncoverable == [LearningPlan.UncoverableTarget(skill: "a", requiredLevel: 5, estimate: 3.5)])
        #expect(plan.status == .optimal)
    }

    @Test func tiesGoToFewerHoursThenFewerCoursesThenSmallerIDs() throws {
        // Same cost 100: 8 h beats 10 h.
        let hoursWorld = TrainingWorld(skills: ["a"], requirements: [("a", 2, 1)], courses: [
            course("long", cost: 100, hours: 1000, teaches: [("a", 2)]),
            course("short", cost: 100, hours: 800, teaches: [("a", 2)]),
        ])
        #expect(try hoursWorld.plan().steps.map(\.course) == ["short"])
        // Cost 200 and 10 h either way: one course (both) beats two (y + z).
        let countWorld = TrainingWorld(skills: ["a", "b"], requirements: [("a", 2, 1), ("b", 2, 1)], courses: [
            course("x-both", cost: 200, hours: 1000, teaches: [("a", 2), ("b", 2)]),
            course("y", cost: 100, hours: 500, teaches: [("a", 2)]),
            course("z", cost: 100, hours: 500, teaches: [("b", 2)]),
        ])
        #expect(try countWorld.plan().steps.map(\.course) == ["x-both"])
        // Full ties: the smallest sorted id list, element by element: [a1, c1] beats [a1, z9],
        // [b1, c1] and [b1, z9].
        let idWorld = TrainingWorld(skills: ["s", "t"], requirements: [("s", 2, 1), ("t", 2, 1)], courses: [
            course("b1", cost: 100, teaches: [("s", 2)]),
            course("a1", cost: 100, teaches: [("s", 3)]),
            course("z9", cost: 100, teaches: [("t", 2)]),
            course("c1", cost: 100, teaches: [("t", 2)]),
        ])
        #expect(try idWorld.plan().steps.map(\.course) == ["a1", "c1"])
    }

    @Test func toleranceAtExactlyTau() throws {
        // L = 3, e = 2.75: L − e = 0.25 = τ, so no target; e = 2.5 is a target.
        let world = TrainingWorld(skills: ["a", "b"], requirements: [("a", 3, 1)], courses: [
            course("ca", cost: 100, teaches: [("a", 3)], requires: [("b", 3)]),
            course("cb", cost: 40, teaches: [("b", 3)]),
        ])
        #expect(try world.plan(["a": 2.75]).steps.isEmpty)
        // Prerequisite b:3 with e_b = 2.75 holds exactly at τ.
        #expect(try world.plan(["a": 2.5, "b": 2.75]).steps.map(\.course) == ["ca"])
        #expect(try world.plan(["a": 2.5, "b": 2.5]).steps.map(\.course) == ["cb", "ca"])
    }

    @Test func weeksAndReadyByRoundUp() {
        let settings = PlanningSettings(asOf: CalendarDay(year: 2024, month: 12, day: 30)!)
        #expect(settings.weeks(forHours: 0) == 0)
        #expect(settings.weeks(forHours: 400) == 1)
        #expect(settings.weeks(forHours: 401) == 2)
        #expect(settings.weeks(forHours: 1) == 1)
        #expect(settings.readyBy(weeks: 2) == CalendarDay(year: 2025, month: 1, day: 13))
        let slow = PlanningSettings(asOf: CalendarDay(year: 2024, month: 12, day: 30)!, weeklyLearningHours: 250)
        #expect(slow.weeks(forHours: 1000) == 4)
        #expect(slow.weeks(forHours: 1001) == 5)
    }

    @Test func dominatedCoursesAreOfferedOnlyWhenEveryDominatorIsCompleted() throws {
        // d1 dominates d3 (cheaper, teaches a:3, requires nothing); d4 dominates d3 too (cheaper,
        // a:4 ≥ 3, requires z:2, implied by d3's z:3) but not d1 (d1 requires nothing); d2
        // teaches b as well, so nothing dominates it. z is held at 3.
        let world = TrainingWorld(skills: ["a", "b", "z"], requirements: [("a", 3, 1)], courses: [
            course("d1", cost: 100, teaches: [("a", 3)]),
            course("d2", cost: 250, teaches: [("a", 3), ("b", 2)], requires: [("z", 2)]),
            course("d3", cost: 200, teaches: [("a", 3)], requires: [("z", 3)]),
            course("d4", cost: 90, teaches: [("a", 4)], requires: [("z", 2)]),
        ])
        let catalogue = try world.catalogue()
        let dominators = (0..<4).map { c in catalogue.dominators(of: c).map { catalogue.courseIDs[Int(catalogue.dominators[$0])] } }
        #expect(dominators == [[], [], ["d1", "d4"], []])
        #expect(try world.plan(["z": 3]).steps.map(\.course) == ["d4"])
        #expect(try world.plan(["z": 3], completed: ["d4"]).steps.map(\.course) == ["d1"])
        #expect(try world.plan(["z": 3], completed: ["d1", "d4"]).steps.map(\.course) == ["d3"])
        #expect(try world.plan(["z": 3], completed: ["d1", "d3", "d4"]).steps.map(\.course) == ["d2"])
    }

    @Test func aCourseWithCheaperStandInsIsOfferedOnlyWhenOneOfThemIsCompleted() throws {
        // Nothing held, a:3's cheapest chain is base (b:2, 50) then cheap (a:3, 100): 150 < 1000,
        // so base and cheap stand in for exp. exp has no dominator: cheap requires b:2.
        let world = TrainingWorld(skills: ["a", "b"], requirements: [("a", 3, 1)], courses: [
            course("base", cost: 50, teaches: [("b", 2)]),
            course("cheap", cost: 100, teaches: [("a", 3)], requires: [("b", 2)]),
            course("exp", cost: 1000, teaches: [("a", 3)]),
        ])
        let catalogue = try world.catalogue()
        let standIns = (0..<3).map { c in catalogue.standIns(of: c).map { catalogue.courseIDs[Int(catalogue.standIns[$0])] } }
        #expect(standIns == [[], [], ["base", "cheap"]])
        #expect(catalogue.dominators(of: 2).isEmpty)
        #expect(try world.problemCourses() == ["base", "cheap"])
        #expect(try world.plan().steps.map(\.course) == ["base", "cheap"])
        #expect(try world.plan().cost == 150)
        #expect(try world.plan(["b": 2]).steps.map(\.course) == ["cheap"])
        // base completed (and b not held): exp is offered again, and cheap cannot start.
        #expect(try world.problemCourses(completed: ["base"]) == ["exp"])
        #expect(try world.plan(completed: ["base"]).steps.map(\.course) == ["exp"])
        #expect(try world.plan(completed: ["cheap"]).cost == 1000)
    }

    @Test func aCourseBeatenByChainsOnlyForWhatThePersonHoldsIsLeftOutOfTheirProblem() throws {
        // Targets a:3 and c:2. combo closes both for 500; x closes a:3 for 100 but needs b:3,
        // which only z teaches, for 1000; y closes c:2 for 100. Nothing held, a:3's cheapest
        // chain is combo itself, so combo has no stand-ins. Holding b at 3, a:3's chain is x (100)
        // and c:2's is y (100): 200 < 500, so combo is left out of that person's problem.
        let world = TrainingWorld(skills: ["a", "b", "c"], requirements: [("a", 3, 1), ("c", 2, 1)], courses: [
            course("combo", cost: 500, teaches: [("a", 3), ("c", 2)]),
            course("x", cost: 100, teaches: [("a", 3)], requires: [("b", 3)]),
            course("y", cost: 100, teaches: [("c", 2)]),
            course("z", cost: 1000, teaches: [("b", 3)]),
        ])
        let catalogue = try world.catalogue()
        #expect(catalogue.standIns.isEmpty)
        #expect(try world.problemCourses(["b": 3]) == ["x", "y"])
        #expect(try world.plan(["b": 3]).steps.map(\.course) == ["x", "y"])
        #expect(try world.plan(["b": 3]).cost == 200)
        // Nothing held: x with z costs 1100 for a:3, so every course stays, and combo wins.
        #expect(try world.problemCourses() == ["combo", "x", "y", "z"])
        #expect(try world.plan().steps.map(\.course) == ["combo"])
    }

    @Test func aCourseIsOutForARoleLevelThatCanAskLessOfItThanItTeaches() throws {
        // r@1 requires a at 2, and no course names a as a prerequisite: nothing can ask a above 2
        // of `deep` (a:5, 500), and a:2's cheapest chain is `cheap` (100), so `deep` is out for
        // r@1. With nothing capped it has no stand-ins (a:5's chain is `deep` itself).
        let world = TrainingWorld(skills: ["a"], requirements: [("a", 2, 1)], courses: [
            course("cheap", cost: 100, teaches: [("a", 2)]),
            course("deep", cost: 500, teaches: [("a", 5)]),
        ])
        let catalogue = try world.catalogue()
        #expect(catalogue.standIns.isEmpty && catalogue.dominators.isEmpty)
        #expect(Bits.test(catalogue.outByRoleLevel, 0, 1) && !Bits.test(catalogue.outByRoleLevel, 0, 0))
        #expect(try world.problemCourses() == ["cheap"])
        #expect(try world.plan().steps.map(\.course) == ["cheap"])
        // A person who completed `cheap` walks every course: `deep` is their plan.
        #expect(try world.problemCourses(completed: ["cheap"]) == ["deep"])
        #expect(try world.plan(completed: ["cheap"]).steps.map(\.course) == ["deep"])

        // Once a course names a:4 as a prerequisite, a:4 can be asked of `deep`, whose chain is
        // `deep` itself: it is not out for the role level.
        var asked = world
        asked.skills.append("b")
        asked.courses.append(course("next", cost: 50, teaches: [("b", 2)], requires: [("a", 4)]))
        #expect(!Bits.test(try asked.catalogue().outByRoleLevel, 0, 1))
        // The person's own chains still leave it out: only a:2 is asked of it here.
        #expect(try asked.problemCourses() == ["cheap"])
    }

    @Test func aFreeCourseThatNeedsItsOwnTargetFirstIsNotTheOneCoursePlan() throws {
        // The one need is the target a:1; `free` (a:3, cost 0) requires a:1 itself, so it cannot
        // start first, and the least plan is `base` alone.
        let world = TrainingWorld(skills: ["a"], requirements: [("a", 1, 1)], courses: [
            course("base", cost: 150, hours: 300, teaches: [("a", 1)]),
            course("free", cost: 0, hours: 200, teaches: [("a", 3)], requires: [("a", 1)]),
        ])
        let plan = try world.plan()
        #expect(plan.steps.map(\.course) == ["base"])
        #expect(plan.cost == 150)
    }

    @Test func completedCourseIsNotOfferedAgain() throws {
        let world = TrainingWorld(skills: ["a"], requirements: [("a", 3, 1)], courses: [
            course("cheap", cost: 100, teaches: [("a", 3)]),
            course("dear", cost: 250, teaches: [("a", 3)]),
        ])
        #expect(try world.plan().steps.map(\.course) == ["cheap"])
        let again = try world.plan(completed: ["cheap"])
        #expect(again.steps.map(\.course) == ["dear"])
        #expect(again.cost == 250)
    }

    @Test func budgetRunningOutGivesABoundedPlanWithAValidBound() throws {
        // Targets a, b, c; courses ab, bc, ca at 100 each: any two close all three (200), while
        // the LP relaxation takes half of each (150) and the dual ascent proves 100. With a
        // budget of 2 nodes the search stops before its first plan; the fallback keeps ab + bc.
        var world = TrainingWorld(skills: ["a", "b", "c"], requirements: [("a", 2, 1), ("b", 2, 1), ("c", 2, 1)], courses: [
            course("ab", cost: 100, teaches: [("a", 2), ("b", 2)]),
            course("bc", cost: 100, teaches: [("b", 2), ("c", 2)]),
            course("ca", cost: 100, teaches: [("c", 2), ("a", 2)]),
        ])
        world.budget = 2
        let plan = try world.plan()
        #expect(plan.status == .bounded)
        #expect(plan.steps.map(\.course) == ["ab", "bc"])
        #expect(plan.cost == 200)
        #expect(plan.lowerBound == 100)
        world.budget = PlanningSettings.defaultSearchBudget
        let exact = try world.plan()
        #expect(exact.status == .optimal)
        #expect(exact.steps.map(\.course) == ["ab", "bc"])
        #expect(exact.lowerBound == 200)
    }
}
