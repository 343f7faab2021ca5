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
