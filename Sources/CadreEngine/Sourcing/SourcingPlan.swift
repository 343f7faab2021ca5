import Foundation

/// The sourcing phase's result: the dual-track plan per planned role level and in total. Arrays
/// are in fixed orders (role levels in taxonomy order, people as each rule ranks them), so the
/// synthesized `Codable` form, written with sorted keys, is the same bytes on every rerun.
public struct SourcingPlan: Hashable, Sendable, Codable {
    public var asOf: CalendarDay
    public var policy: SourcingPolicy
    /// One entry per workforce plan row, in taxonomy role-level order.
    public var roleLevels: [RoleLevelSourcing]
    public var totals: SourcingTotals
    /// By channel id, then quarter.
    public var hiresByQuarter: [ChannelQuarterHires]
}

/// The plan for one role level R.
public struct RoleLevelSourcing: Hashable, Sendable, Codable {
    public var roleLevel: RoleLevelRef
    /// H.
    public var target: Int
    /// d.
    public var due: CalendarDay
    public var note: String?
    /// People at R today.
    public var headcount: Int
    /// People at R who meet it, by person id.
    public var capable: [String]
    /// The upskilled: cheapest plans first (cost, hours, person id).
    public var upskill: [PlannedPerson]
    /// Upskillable people beyond the `u` needed, in the same order.
    public var spare: [PlannedPerson]
    /// People at R who don't meet it and whose plan has an uncoverable target or is not ready by d.
    public var notUpskillable: Int
    /// `max(0, H − capable − u)`: seats left for transfers and hires.
    public var shortfall: Int
    /// `max(0, capable − H)`: how many people may transfer out of R.
    public var surplus: Int
    /// Transfers into R, by person id.
    public var transfers: [Transfer]
    /// How many people transfer from R to other role levels.
    public var transfersOut: Int
    /// In the order they were placed.
    public var hires: [Hire]
    /// Seats no channel can fill.
    public var unfilled: Int
    /// The last ready-by or fill date of R's upskills, transfers and hires (D when none is needed);
    /// nil when a seat is unfilled.
    public var staffedBy: CalendarDay?
}

/// A person with the learning plan that readies them for a role level.
public struct PlannedPerson: Hashable, Sendable, Codable {
    public var person: String
    public var cost: Int64
    /// Hundredths of an hour.
    public var hours: Int
    public var readyBy: CalendarDay
}

/// An internal transfer into the role level it is listed under.
public struct Transfer: Hashable, Sendable, Codable {
    public var person: String
    public var from: RoleLevelRef
    public var readiness: Double
    /// `round(readiness · 10⁹)`, the integer the optimisation adds up.
    public var readinessNanos: Int64
    public var planCost: Int64
    /// Hundredths of an hour.
    public var planHours: Int
    public var readyBy: CalendarDay
}

/// One external hire.
public struct Hire: Hashable, Sendable, Codable {
    public var channel: String
    public var cost: Int64
    public var fillDate: CalendarDay
    /// Days past the due date; 0 when in time.
    public var lateDays: Int
}

public struct SourcingTotals: Hashable, Sendable, Codable {
    public var target: Int
    public var capable: Int
    public var upskill: Int
    public var transfers: Int
    public var hires: Int
    public var lateHires: Int
    public var unfilled: Int
    public var upskillCost: Int64
    public var transferCost: Int64
    /// Build: upskilling and transferees' plans.
    public var buildCost: Int64
    /// Buy: hires.
    public var buyCost: Int64
    /// The latest `staffedBy` over the plan (D for an empty plan); nil when any seat is unfilled,
    /// since no date staffs the plan fully.
    public var fullStaffing: CalendarDay?
}

/// Hires through one channel with fill dates in one quarter.
public struct ChannelQuarterHires: Hashable, Sendable, Codable {
    public var channel: String
    public var quarter: CalendarQuarter
    public var hires: Int
    public var cost: Int64
}

extension SourcingPlan {
    /// Deterministic bytes for the store: JSON with sorted keys. Readiness travels as a double in
    /// its shortest round-trip form beside its exact nanos, so equal plans give equal bytes.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    public init(decoding bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(bytes))
    }
}
