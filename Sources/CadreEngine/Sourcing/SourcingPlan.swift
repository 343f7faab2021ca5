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
    ///
    /// Written by `JSONText` (a plan names tens of thousands of people), byte for byte what
    /// `JSONEncoder` writes of the `Codable` form (`encodedByFoundation`).
    public func encoded() throws -> [UInt8] {
        var json = JSONText(capacity: 1 << 20)
        json.object { json in
            json.key("asOf"); json.day(asOf)
            json.key("hiresByQuarter")
            json.array(hiresByQuarter) { json, entry in
                json.object { json in
                    json.key("channel"); json.string(entry.channel)
                    json.key("cost"); json.int(entry.cost)
                    json.key("hires"); json.int(entry.hires)
                    json.key("quarter")
                    json.object { json in
                        json.key("quarter"); json.int(entry.quarter.quarter)
                        json.key("year"); json.int(entry.quarter.year)
                    }
                }
            }
            json.key("policy")
            json.object { json in
                json.key("meetsTolerance"); json.double(policy.meetsTolerance)
                json.key("transferReadiness"); json.double(policy.transferReadiness)
            }
            json.key("roleLevels")
            json.array(roleLevels) { json, level in json.roleLevel(level) }
            json.key("totals")
            json.object { json in
                json.key("buildCost"); json.int(totals.buildCost)
                json.key("buyCost"); json.int(totals.buyCost)
                json.key("capable"); json.int(totals.capable)
                if let day = totals.fullStaffing { json.key("fullStaffing"); json.day(day) }
                json.key("hires"); json.int(totals.hires)
                json.key("lateHires"); json.int(totals.lateHires)
                json.key("target"); json.int(totals.target)
                json.key("transferCost"); json.int(totals.transferCost)
                json.key("transfers"); json.int(totals.transfers)
                json.key("unfilled"); json.int(totals.unfilled)
                json.key("upskill"); json.int(totals.upskill)
                json.key("upskillCost"); json.int(totals.upskillCost)
            }
        }
        return json.bytes
    }

    /// The same bytes through `JSONEncoder`, which `encoded()` must match.
    func encodedByFoundation() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    public init(decoding bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(bytes))
    }
}

extension JSONText {
    fileprivate mutating func day(_ day: CalendarDay) {
        object { json in
            json.key("day"); json.int(day.day)
            json.key("month"); json.int(day.month)
            json.key("year"); json.int(day.year)
        }
    }

    fileprivate mutating func roleLevelRef(_ ref: RoleLevelRef) {
        object { json in
            json.key("role"); json.string(ref.role)
            json.key("rung"); json.int(ref.rung)
        }
    }

    fileprivate mutating func people(_ people: [PlannedPerson]) {
        array(people) { json, person in
            json.object { json in
                json.key("cost"); json.int(person.cost)
                json.key("hours"); json.int(person.hours)
                json.key("person"); json.string(person.person)
                json.key("readyBy"); json.day(person.readyBy)
            }
        }
    }

    fileprivate mutating func roleLevel(_ level: RoleLevelSourcing) {
        object { json in
            json.key("capable"); json.array(level.capable) { json, id in json.string(id) }
            json.key("due"); json.day(level.due)
            json.key("headcount"); json.int(level.headcount)
            json.key("hires")
            json.array(level.hires) { json, hire in
                json.object { json in
                    json.key("channel"); json.string(hire.channel)
                    json.key("cost"); json.int(hire.cost)
                    json.key("fillDate"); json.day(hire.fillDate)
                    json.key("lateDays"); json.int(hire.lateDays)
                }
            }
            json.key("notUpskillable"); json.int(level.notUpskillable)
            if let note = level.note { json.key("note"); json.string(note) }
            json.key("roleLevel"); json.roleLevelRef(level.roleLevel)
            json.key("shortfall"); json.int(level.shortfall)
            json.key("spare"); json.people(level.spare)
            if let day = level.staffedBy { json.key("staffedBy"); json.day(day) }
            json.key("surplus"); json.int(level.surplus)
            json.key("target"); json.int(level.target)
            json.key("transfers")
            json.array(level.transfers) { json, transfer in
                json.object { json in
                    json.key("from"); json.roleLevelRef(transfer.from)
                    json.key("person"); json.string(transfer.person)
                    json.key("planCost"); json.int(transfer.planCost)
                    json.key("planHours"); json.int(transfer.planHours)
                    json.key("readiness"); json.double(transfer.readiness)
                    json.key("readinessNanos"); json.int(transfer.readinessNanos)
                    json.key("readyBy"); json.day(transfer.readyBy)
                }
            }
            json.key("transfersOut"); json.int(level.transfersOut)
            json.key("unfilled"); json.int(level.unfilled)
            json.key("upskill"); json.people(level.upskill)
        }
    }
}
