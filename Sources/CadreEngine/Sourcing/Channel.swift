/// Where an external hire comes from. The kind is for reports; the planner uses only the numbers.
public enum ChannelKind: String, Hashable, Sendable, Codable, CaseIterable {
    case university, bootcamp, recruiter, direct
}

/// An external hiring channel as configured (docs/SOURCING.md, Config/channels.yaml).
public struct Channel: Hashable, Sendable, Codable {
    /// Unique among channels; ASCII (`[A-Za-z0-9._-]`), so `String` order is byte order.
    public var id: String
    public var kind: ChannelKind
    /// Rungs (of any role's ladder) the channel can hire at.
    public var rungs: [Int]
    /// Minor units of the configured currency.
    public var costPerHire: Int64
    /// Days from the as-of date to a hire starting, when the channel has capacity.
    public var timeToFillDays: Int
    /// Hires per calendar quarter; nil: unlimited; 0: the channel fills nothing.
    public var capacityPerQuarter: Int?

    public init(
        id: String, kind: ChannelKind, rungs: [Int], costPerHire: Int64, timeToFillDays: Int,
        capacityPerQuarter: Int? = nil
    ) {
        self.id = id
        self.kind = kind
        self.rungs = rungs
        self.costPerHire = costPerHire
        self.timeToFillDays = timeToFillDays
        self.capacityPerQuarter = capacityPerQuarter
    }

    public func supplies(rung: Int) -> Bool { rungs.contains(rung) }
}

/// A calendar quarter (Q1 = January–March), the unit a channel's capacity is counted in.
public struct CalendarQuarter: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    /// 1–4.
    public var quarter: Int

    public init(year: Int, quarter: Int) {
        self.year = year
        self.quarter = quarter
    }

    public init(containing day: CalendarDay) {
        self.init(year: day.year, quarter: (day.month - 1) / 3 + 1)
    }

    /// Consecutive quarters have consecutive indices, across year ends.
    init(index: Int) {
        let year = index >= 0 ? index / 4 : (index - 3) / 4
        self.init(year: year, quarter: index - year * 4 + 1)
    }

    var index: Int { year * 4 + quarter - 1 }

    public var next: CalendarQuarter { CalendarQuarter(index: index + 1) }

    /// Nil only past year 9999.
    public var firstDay: CalendarDay? { CalendarDay(year: year, month: (quarter - 1) * 3 + 1, day: 1) }

    public var description: String { "\(year)-Q\(quarter)" }

    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}
