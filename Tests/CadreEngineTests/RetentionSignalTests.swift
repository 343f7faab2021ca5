import Testing
@testable import CadreEngine

@Suite struct RetentionSignalTests {
    typealias F = RetentionFixture

    @Test(arguments: [
        ("2023-01-31", 1, "2023-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 2, "2023-03-31"),
        ("2023-03-31", -1, "2023-02-28"), ("2023-11-15", 3, "2024-02-15"), ("2024-02-29", 12, "2025-02-28"),
    ])
    func addingMonthsKeepsTheDayClampedToTheMonthsEnd(start: String, months: Int, expected: String) {
        #expect(CalendarMonths.adding(months, to: F.day(start)) == F.day(expected))
    }

    @Test(arguments: [
        ("2023-01-31", "2023-02-27", 0), ("2023-01-31", "2023-02-28", 1), ("2023-01-31", "2023-03-30", 1),
        ("2023-01-31", "2023-03-31", 2), ("2024-01-31", "2024-02-28", 0), ("2024-01-31", "2024-02-29", 1),
        ("2023-05-15", "2023-05-15", 0), ("2022-05-15", "2023-05-15", 12), ("2022-05-15", "2023-05-14", 11),
    ])
    func monthsAtLevelIsTheLargestWholeMonthCount(reached: String, asOf: String, months: Int) throws {
        let promoted = [F.event("P", reached, .promotion(role: "data-scientist", rung: 2))]
        let signals = try F.signals(F.person("P", "data-scientist", 2, hired: "2020-01-01"), promoted, on: asOf)
        #expect(signals.monthsAtLevel == months)
        #expect(signals.reachedLevel == F.day(reached))
    }

    @Test func wholeMonthsBeforeTheStartAreZero() {
        #expect(CalendarMonths.whole(from: F.day("2023-05-15"), to: F.day("2023-05-14")) == 0)
    }

    @Test func withoutAPromotionTheLevelIsReachedOnTheHireDay() throws {
        let signals = try F.signals(F.person("P", hired: "2023-01-31"), on: "2023-02-28")
        #expect(signals.reachedLevel == F.day("2023-01-31"))
        #expect(signals.monthsAtLevel == 1)
    }

    /// data-scientist@1 expects 12 months: 6 → 0, 12 → 0, 18 → 0.5, 36 → 2, 48 → 2 (clipped).
    @Test(arguments: [("2023-07-01", 0.0), ("2024-01-01", 0.0), ("2024-07-01", 0.5), ("2026-01-01", 2.0), ("2027-01-01", 2.0)])
    func overdueIsClippedBetweenZeroAndTwo(asOf: String, overdue: Double) throws {
        let signals = try F.signals(F.person("P", hired: "2023-01-01"), on: asOf)
        #expect(signals.overdue == overdue)
        #expect(signals.expectedMonths == 12)
    }

    @Test func aRungWithoutLadderDataIsNeverOverdueAndTheTopHasNoNextRung() throws {
        let top = try F.signals(F.person("P", "data-scientist", 3, hired: "2010-01-01"), on: "2025-01-01")
        #expect(top.overdue == 0)
        #expect(top.expectedMonths == nil)
        #expect(top.noNextRung)
        #expect(top.values[RetentionSignal.noNextRung.rawValue] == 1)
        let middle = try F.signals(F.person("P", "data-scientist", 2, hired: "2010-01-01"), on: "2025-01-01")
        #expect(!middle.noNextRung)
        #expect(middle.overdue == 2)
    }

    /// data-scientist@2 requires python 3 with τ = 0.25: 2.75 meets, 2.7 does not; and only
    /// from 12 months at data-scientist@1.
    @Test(arguments: [
        ("2024-01-01", 3.0, true), ("2024-01-01", 2.75, true), ("2024-01-01", 2.7, false),
        ("2023-12-31", 3.0, false), ("2024-01-01", nil, false),
    ] as [(String, Double?, Bool)])
    func readyNotPromotedNeedsTheNextRungAndTheExpectedTime(asOf: String, python: Double?, ready: Bool) throws {
        let signals = try F.signals(F.person("P", hired: "2023-01-01"), on: asOf, python: python)
        #expect(signals.readyNotPromoted == ready)
    }

    @Test func atTheTopNoOneIsReadyForTheNextRung() throws {
        let signals = try F.signals(F.person("P", "ml-engineer", 2, hired: "2015-01-01"), on: "2025-01-01", python: 5)
        #expect(!signals.readyNotPromoted)
        #expect(signals.noNextRung)
    }

    @Test func researchIsTheLatestShareOnOrBeforeTheDay() throws {
        let person = F.person("P")
        let events = [
            F.event("P", "2024-01-01", .researchTime(sharePercent: 20)),
            F.event("P", "2024-06-01", .researchTime(sharePercent: 9.5)),
            F.event("P", "2024-09-01", .researchTime(sharePercent: 10)),
        ]
        let none = try F.signals(person, events, on: "2023-12-31")
        #expect(none.researchShare == nil && !none.researchBelowPolicy)
        let high = try F.signals(person, events, on: "2024-05-31")
        #expect(high.researchShare == 20 && !high.researchBelowPolicy)
        let below = try F.signals(person, events, on: "2024-06-01")
        #expect(below.researchShare == 9.5 && below.researchBelowPolicy)
        let atPolicy = try F.signals(person, events, on: "2024-09-01")
        #expect(atPolicy.researchShare == 10 && !atPolicy.researchBelowPolicy)
        let stricter = try F.signals(person, events, on: "2024-09-01", policy: RetentionPolicy(researchSharePercent: 15))
        #expect(stricter.researchBelowPolicy)
    }

    /// 2025-06-30 − 365 days = 2024-06-30 (outside the window); − 364 = 2024-07-01 (inside).
    @Test(arguments: [("2024-06-30", true), ("2024-07-01", false), ("2025-06-30", false), ("2025-07-01", true)])
    func aConferenceCountsWithin365Days(conference: String, missing: Bool) throws {
        let events = [F.event("P", conference, .conference(name: "ICML", participation: .attended))]
        #expect(try F.signals(F.person("P"), events, on: "2025-06-30").noConference12m == missing)
    }

    @Test func aFundedConferenceCountsAsAttended() throws {
        let events = [F.event("P", "2025-01-01", .conference(name: "KDD", participation: .funded))]
        #expect(try !F.signals(F.person("P"), events, on: "2025-06-30").noConference12m)
        #expect(try F.signals(F.person("P"), [], on: "2025-06-30").noConference12m)
    }

    /// 2025-06-30 − 182 days = 2024-12-30 (outside); − 181 = 2024-12-31 (inside); − 183 outside.
    @Test(arguments: [("2024-12-29", false), ("2024-12-30", false), ("2024-12-31", true), ("2025-06-30", true)])
    func aManagerChangeCountsWithin182Days(change: String, recent: Bool) throws {
        let events = [F.event("P", change, .managerChange(manager: "M2"))]
        #expect(try F.signals(F.person("P"), events, on: "2025-06-30").managerChange6m == recent)
    }

    @Test func theFirstAssignmentIsNotAChange() throws {
        let asOf = "2025-06-30"
        // No manager in the people file: the first event assigns one.
        let unmanaged = F.person("P", manager: nil, hired: "2020-01-01")
        #expect(try !F.signals(unmanaged, [F.event("P", "2025-06-01", .managerChange(manager: "M2"))], on: asOf).managerChange6m)
        // On the hire day: the first assignment too.
        let newcomer = F.person("P", hired: "2025-06-01")
        #expect(try !F.signals(newcomer, [F.event("P", "2025-06-01", .managerChange(manager: "M2"))], on: asOf).managerChange6m)
        // After an earlier event, the same manager again is no change; another one is.
        let earlier = F.event("P", "2025-06-01", .managerChange(manager: "M2"))
        #expect(try !F.signals(unmanaged, [earlier, F.event("P", "2025-06-10", .managerChange(manager: "M2"))], on: asOf).managerChange6m)
        #expect(try F.signals(unmanaged, [earlier, F.event("P", "2025-06-10", .managerChange(manager: "M3"))], on: asOf).managerChange6m)
    }

    @Test func pastLevelsAreRebuiltFromPromotions() throws {
        let person = F.person("P", "data-scientist", 3, hired: "2020-01-01")
        let events = [
            F.event("P", "2024-01-01", .promotion(role: "data-scientist", rung: 3)),
            F.event("P", "2022-01-01", .promotion(role: "data-scientist", rung: 2)),
        ]
        let history = try RetentionHistory(people: [person], events: events, ladder: F.ladder())
        func level(_ day: String) -> (Int, CalendarDay) {
            let signals = history.signals(of: 0, on: F.day(day), estimates: nil, policy: .standard)
            return (signals.roleLevel, signals.reachedLevel)
        }
        #expect(level("2021-12-31") == (0, F.day("2020-01-01")))
        #expect(level("2022-01-01") == (1, F.day("2022-01-01")))
        #expect(level("2025-01-01") == (2, F.day("2024-01-01")))
    }

    @Test func employmentRunsFromTheHireUpToTheDeparture() throws {
        let history = try RetentionHistory(
            people: [F.person("P", hired: "2020-01-01")],
            events: [F.event("P", "2024-05-01", .departure(voluntary: true))], ladder: F.ladder())
        let days = ["2019-12-31", "2020-01-01", "2024-04-30", "2024-05-01"].map { F.day($0).daysSinceEpoch }
        #expect(days.map { history.isEmployed(0, on: $0) } == [false, true, true, false])
    }

    @Test func inconsistentInputsAreRefused() throws {
        let ladder = try F.ladder()
        #expect(throws: InputErrors.self) {
            try RetentionHistory(people: [F.person("P")], events: [F.event("Q", "2024-01-01", .departure(voluntary: true))], ladder: ladder)
        }
        #expect(throws: InputErrors.self) {
            try RetentionHistory(people: [F.person("P", "data-scientist", 9)], events: [], ladder: ladder)
        }
        #expect(throws: InputErrors.self) {
            try RetentionLadder(taxonomy: ladder.taxonomy, expectedMonths: [12])
        }
    }
}
