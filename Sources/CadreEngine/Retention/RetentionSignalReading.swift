/// Reading a person's signals on a day from their history — the one function the scores of
/// the as-of day, the fitting snapshots and the attrition segments all use.
extension RetentionHistory {
    /// `noConference12m` looks at the 365 days `(D − 365, D]`.
    public static let conferenceWindowDays: Int64 = 365
    /// `managerChange6m` looks at the 182 days `(D − 182, D]`.
    public static let managerChangeWindowDays: Int64 = 182

    /// The signals of `person` on `day` (DESIGN.md, "Retention semantics"), from events dated on
    /// or before it. `estimates` (in this history's person order) decide whether the person
    /// meets the next rung; without them `readyNotPromoted` is never set.
    public func signals(
        of person: Int, on day: CalendarDay, estimates: SkillEstimates?, policy: RetentionPolicy
    ) -> RetentionSignals {
        let today = day.daysSinceEpoch
        let (level, reachedDay) = roleLevel(of: person, on: today)
        let reached = CalendarDay(daysSinceEpoch: reachedDay)
        let months = CalendarMonths.whole(from: reached, to: day)
        let expected = ladder.expectedMonths[level]
        var overdue = 0.0
        if let expected {
            overdue = min(2, max(0, Double(months) / Double(expected) - 1))
        }
        let next = Int(ladder.nextRung[level])
        var ready = false
        if next >= 0, let expected, months >= expected, let estimates {
            ready = estimates.readiness(person: person, roleLevel: next, taxonomy: ladder.taxonomy,
                                        tolerance: policy.meetsTolerance).meets
        }
        let share = researchShare(of: person, on: today)
        return RetentionSignals(
            roleLevel: level, reachedLevel: reached, monthsAtLevel: months, expectedMonths: expected,
            overdue: overdue, readyNotPromoted: ready, noNextRung: next < 0,
            researchShare: share, researchBelowPolicy: share.map { $0 < policy.researchSharePercent } ?? false,
            noConference12m: !conferences.any(of: person, within: Self.conferenceWindowDays, endingOn: today),
            managerChange6m: managerChanges.any(of: person, within: Self.managerChangeWindowDays, endingOn: today))
    }
}
