import Testing
@testable import CadreEngine

/// Channel choice, one hire at a time, with D = 2025-11-20 (so quarters cross a year end).
@Suite struct SourcingHiringTests {
    static let asOf = SourcingFixture.day("2025-11-20")

    static func schedule(_ channels: [Channel]) -> HiringSchedule { HiringSchedule(channels: channels, asOf: asOf) }
    static func day(_ text: String) -> CalendarDay { SourcingFixture.day(text) }

    /// `cheap` fills on D + 90 = 2026-02-18, `fast` on D + 60 = 2026-01-19.
    static let cheap = Channel(id: "cheap", kind: .bootcamp, rungs: [1], costPerHire: 50, timeToFillDays: 90)
    static let fast = Channel(id: "fast", kind: .recruiter, rungs: [1, 2], costPerHire: 100, timeToFillDays: 60)

    @Test func theCheapestChannelThatFillsByTheDueDate() {
        var schedule = Self.schedule([Self.fast, Self.cheap])
        #expect(schedule.hire(rung: 1, due: Self.day("2026-03-01"))
            == Hire(channel: "cheap", cost: 50, fillDate: Self.day("2026-02-18"), lateDays: 0))
    }

    @Test func aDearerChannelWhenOnlyItFillsInTime() {
        var schedule = Self.schedule([Self.cheap, Self.fast])
        #expect(schedule.hire(rung: 1, due: Self.day("2026-02-01"))
            == Hire(channel: "fast", cost: 100, fillDate: Self.day("2026-01-19"), lateDays: 0))
    }

    /// Due 2026-01-01: both are late; the earliest fill date wins, 18 days late.
    @Test func lateHiresTakeTheEarliestFillDate() {
        var schedule = Self.schedule([Self.cheap, Self.fast])
        #expect(schedule.hire(rung: 1, due: Self.day("2026-01-01"))
            == Hire(channel: "fast", cost: 100, fillDate: Self.day("2026-01-19"), lateDays: 18))
    }

    /// Two per quarter from 2025-11-20 (Q4): the third hire starts on the first day of 2026-Q1.
    @Test func capacityOverflowsIntoTheNextQuarterAcrossTheYearEnd() {
        let capped = Channel(id: "campus", kind: .university, rungs: [1], costPerHire: 10, timeToFillDays: 0, capacityPerQuarter: 2)
        var schedule = Self.schedule([capped, Self.fast])
        let due = Self.day("2026-06-30")
        let fills = (0..<5).compactMap { _ in schedule.hire(rung: 1, due: due) }.map { "\($0.channel) \($0.fillDate)" }
        #expect(fills == ["campus 2025-11-20", "campus 2025-11-20", "campus 2026-01-01", "campus 2026-01-01", "campus 2026-04-01"])
    }

    /// When capacity pushes the cheap channel past the due date, the next hire goes elsewhere.
    @Test func fullCapacityPushesHiresToTheNextChannel() {
        let capped = Channel(id: "campus", kind: .university, rungs: [1], costPerHire: 10, timeToFillDays: 0, capacityPerQuarter: 1)
        var schedule = Self.schedule([capped, Self.fast])
        let due = Self.day("2025-12-31")
        #expect(schedule.hire(rung: 1, due: due)?.channel == "campus")
        // campus would now fill on 2026-01-01, after the due date; fast fills 2026-01-19, also late:
        // the earliest wins, late by one day.
        #expect(schedule.hire(rung: 1, due: due) == Hire(channel: "campus", cost: 10, fillDate: Self.day("2026-01-01"), lateDays: 1))
        // campus is now full until 2026-04-01, past a 2026-03-31 due date: the dearer fast channel
        // fills in time.
        #expect(schedule.hire(rung: 1, due: Self.day("2026-03-31")) == Hire(channel: "fast", cost: 100, fillDate: Self.day("2026-01-19"), lateDays: 0))
    }

    @Test func unsuppliedRungsAndZeroCapacityLeaveSeatsUnfilled() {
        let closed = Channel(id: "closed", kind: .direct, rungs: [3], costPerHire: 1, timeToFillDays: 1, capacityPerQuarter: 0)
        var schedule = Self.schedule([Self.cheap, Self.fast, closed])
        #expect(schedule.hire(rung: 3, due: Self.day("2026-06-30")) == nil)
        #expect(schedule.hire(rung: 4, due: Self.day("2026-06-30")) == nil)
        #expect(schedule.hire(rung: 2, due: Self.day("2026-06-30"))?.channel == "fast")
    }

    /// Same cost and fill date: the smaller channel id (as bytes) wins, in time and late alike.
    @Test func tiesGoToTheSmallerChannelID() {
        let beta = Channel(id: "beta", kind: .direct, rungs: [1], costPerHire: 70, timeToFillDays: 30)
        let alpha = Channel(id: "alpha", kind: .direct, rungs: [1], costPerHire: 70, timeToFillDays: 30)
        let alphaUpper = Channel(id: "Zeta", kind: .direct, rungs: [1], costPerHire: 70, timeToFillDays: 30)
        var schedule = Self.schedule([beta, alpha])
        #expect(schedule.hire(rung: 1, due: Self.day("2026-06-30"))?.channel == "alpha")
        #expect(schedule.hire(rung: 1, due: Self.day("2025-12-01"))?.channel == "alpha")
        var bytes = Self.schedule([alpha, alphaUpper])
        #expect(bytes.hire(rung: 1, due: Self.day("2026-06-30"))?.channel == "Zeta")
    }

    /// In time, equal cost: the earlier fill date; late, equal fill date: the cheaper channel.
    @Test func secondaryTieBreaks() {
        let slow = Channel(id: "a-slow", kind: .direct, rungs: [1], costPerHire: 70, timeToFillDays: 40)
        let quick = Channel(id: "b-quick", kind: .direct, rungs: [1], costPerHire: 70, timeToFillDays: 30)
        let dear = Channel(id: "a-dear", kind: .direct, rungs: [1], costPerHire: 90, timeToFillDays: 30)
        var schedule = Self.schedule([slow, quick])
        #expect(schedule.hire(rung: 1, due: Self.day("2026-06-30"))?.channel == "b-quick")
        var late = Self.schedule([dear, quick])
        #expect(late.hire(rung: 1, due: Self.day("2025-11-21"))?.channel == "b-quick")
    }

    @Test func quarterArithmetic() {
        #expect(CalendarQuarter(containing: Self.day("2025-12-31")) == CalendarQuarter(year: 2025, quarter: 4))
        #expect(CalendarQuarter(containing: Self.day("2024-03-31")).description == "2024-Q1")
        #expect(CalendarQuarter(containing: Self.day("2024-04-01")).description == "2024-Q2")
        #expect(CalendarQuarter(year: 2025, quarter: 4).next == CalendarQuarter(year: 2026, quarter: 1))
        #expect(CalendarQuarter(year: 2025, quarter: 4).next.firstDay == Self.day("2026-01-01"))
        #expect(CalendarQuarter(year: 2026, quarter: 3).firstDay == Self.day("2026-07-01"))
        #expect(CalendarQuarter(year: 9999, quarter: 4).next.firstDay == nil)
        #expect(CalendarQuarter(year: 2025, quarter: 4) < CalendarQuarter(year: 2026, quarter: 1))
    }

    /// Rows go by due date, then role-level id as bytes: `ml-ops@1` (`-` is 0x2D) before `ml@1`
    /// (`@` is 0x40), though the taxonomy orders role `ml` first. With one hire per quarter the
    /// first row placed takes 2026-Q1 and the other waits for Q2.
    @Test func rowsShareCapacityByDueDateThenRoleLevelIDBytes() throws {
        let taxonomy = try SourcingFixture.taxonomy(skills: ["x"], levels: [("ml", 1, [("x", 1)]), ("ml-ops", 1, [("x", 1)]), ("zz", 1, [("x", 1)])])
        var org = SourcingFixture(taxonomy: taxonomy)
        org.asOf = Self.day("2026-01-05")
        org.channels = [Channel(id: "solo", kind: .direct, rungs: [1], costPerHire: 5, timeToFillDays: 10, capacityPerQuarter: 1)]
        org.want("zz@1", 1, due: "2026-02-01")
        org.want("ml@1", 1, due: "2026-09-30")
        org.want("ml-ops@1", 1, due: "2026-09-30")
        let plan = try org.run()
        #expect(plan.roleLevels.map(\.roleLevel.description) == ["ml@1", "ml-ops@1", "zz@1"])
        #expect(plan.level("zz@1")?.hires.map(\.fillDate) == [Self.day("2026-01-15")])
        #expect(plan.level("ml-ops@1")?.hires.map(\.fillDate) == [Self.day("2026-04-01")])
        #expect(plan.level("ml@1")?.hires.map(\.fillDate) == [Self.day("2026-07-01")])
        #expect(plan.hiresByQuarter.map(\.quarter.description) == ["2026-Q1", "2026-Q2", "2026-Q3"])
        #expect(plan.totals.fullStaffing == Self.day("2026-07-01"))
        #expect(plan.totals.buyCost == 15)
    }
}
