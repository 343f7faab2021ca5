/// The signals retention scores, in the order of the model's coefficients (β1…β6; β0 is the
/// intercept). A signal's `name` is what reports show and what ties between reasons are broken
/// by (ASCII, so `String` order is byte order).
public enum RetentionSignal: Int, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case overdue
    case readyNotPromoted
    case noNextRung
    case researchBelowPolicy
    case noConference12m
    case managerChange6m

    public var name: String {
        switch self {
        case .overdue: "overdue"
        case .readyNotPromoted: "readyNotPromoted"
        case .noNextRung: "noNextRung"
        case .researchBelowPolicy: "researchBelowPolicy"
        case .noConference12m: "noConference12m"
        case .managerChange6m: "managerChange6m"
        }
    }

    public var description: String { name }

    /// Signals plus the intercept.
    public static let coefficientCount = allCases.count + 1
}

/// One person's signals on one day, with the facts they were read from, so a report can say
/// "36 months at data-scientist@2, expected 24".
public struct RetentionSignals: Hashable, Sendable, Codable {
    /// The role level held on the day (index into the ladder's role levels).
    public var roleLevel: Int
    public var reachedLevel: CalendarDay
    public var monthsAtLevel: Int
    /// The rung's ladder data; nil when it has none.
    public var expectedMonths: Int?
    /// `clip(monthsAtLevel / expectedMonths − 1, 0, 2)`; 0 without ladder data.
    public var overdue: Double
    public var readyNotPromoted: Bool
    public var noNextRung: Bool
    /// The latest research-time share on or before the day; nil when none is known.
    public var researchShare: Double?
    public var researchBelowPolicy: Bool
    public var noConference12m: Bool
    public var managerChange6m: Bool

    /// x, in `RetentionSignal` order.
    public var values: [Double] { RetentionSignal.allCases.map(value) }

    public func value(_ signal: RetentionSignal) -> Double {
        switch signal {
        case .overdue: overdue
        case .readyNotPromoted: readyNotPromoted ? 1 : 0
        case .noNextRung: noNextRung ? 1 : 0
        case .researchBelowPolicy: researchBelowPolicy ? 1 : 0
        case .noConference12m: noConference12m ? 1 : 0
        case .managerChange6m: managerChange6m ? 1 : 0
        }
    }
}

/// Calendar-month arithmetic as DESIGN.md's common rules define it.
public enum CalendarMonths {
    /// `day` + `months`, keeping the day of the month, clamped to the month's end (Jan 31 + 1
    /// month = Feb 28 or 29).
    public static func adding(_ months: Int, to day: CalendarDay) -> CalendarDay {
        // Out of the calendar's range (years 1–9999) only for absurd spans: keep the day then.
        day.addingMonthsClamped(months) ?? day
    }

    /// The largest k ≥ 0 with `from` + k months ≤ `to`; 0 when `to` is before `from`.
    public static func whole(from: CalendarDay, to: CalendarDay) -> Int {
        guard from <= to else { return 0 }
        let k = (to.year - from.year) * 12 + (to.month - from.month)
        // Adding months is monotone, and `from` + k months lands in `to`'s month, so at most one
        // step back is needed.
        return adding(k, to: from) <= to ? k : k - 1
    }
}
