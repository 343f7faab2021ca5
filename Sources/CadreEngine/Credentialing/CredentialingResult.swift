import Foundation

/// One holding's standing on D.
public struct HoldingStatus: Codable, Hashable, Sendable {
    public var holding: CredentialHolding
    public var status: CredentialStatus
    /// The credential's `retiredOn` ≤ D: it can no longer be renewed (it still counts until E).
    public var retired: Bool
    /// E − D in days (negative once expired); nil when it never expires.
    public var daysToExpiry: Int64?

    public init(holding: CredentialHolding, status: CredentialStatus, retired: Bool, daysToExpiry: Int64?) {
        self.holding = holding
        self.status = status
        self.retired = retired
        self.daysToExpiry = daysToExpiry
    }
}

/// How many holdings of one credential are in each status on D.
public struct CredentialStatusCounts: Codable, Hashable, Sendable {
    public var credential: String
    public var valid: Int
    public var expiring: Int
    public var expired: Int
    /// Earned after D (status `none`).
    public var notYetEarned: Int
    /// The credential is retired on D.
    public var retired: Bool

    public init(credential: String, valid: Int = 0, expiring: Int = 0, expired: Int = 0, notYetEarned: Int = 0, retired: Bool) {
        self.credential = credential
        self.valid = valid
        self.expiring = expiring
        self.expired = expired
        self.notYetEarned = notYetEarned
        self.retired = retired
    }
}

/// The share of a role level's people holding a valid (or expiring) credential it recommends:
/// `covered / headcount`, kept as the two counts so no rounding is stored.
public struct RoleLevelCoverage: Codable, Hashable, Sendable {
    public var roleLevel: RoleLevelRef
    public var recommended: [String]
    public var covered: Int
    public var headcount: Int

    public init(roleLevel: RoleLevelRef, recommended: [String], covered: Int, headcount: Int) {
        self.roleLevel = roleLevel
        self.recommended = recommended
        self.covered = covered
        self.headcount = headcount
    }
}

public enum RenewalAction: String, Codable, Hashable, Sendable, CaseIterable {
    /// Take the same credential again (or its renewal assessment).
    case renew
    /// The credential is retired: move to its successor.
    case successor
    /// Retired with no successor: nothing to take; listed so the loss is seen.
    case none
}

/// One line of the renewal worklist: a person whose credential is expiring or recently expired.
public struct RenewalItem: Codable, Hashable, Sendable {
    public var person: String
    public var credential: String
    /// E of the person's latest-expiring holding of the credential: the due date.
    public var expiresOn: CalendarDay
    /// `expiring` or `expired`.
    public var status: CredentialStatus
    /// E − D (negative once expired).
    public var daysToExpiry: Int64
    public var retired: Bool
    public var action: RenewalAction
    /// The credential to take: the same one to renew, the successor, or nil for `none`.
    public var target: String?
    /// The target's cost in minor units; 0 for `none`.
    public var cost: Int64

    public init(person: String, credential: String, expiresOn: CalendarDay, status: CredentialStatus, daysToExpiry: Int64,
                retired: Bool, action: RenewalAction, target: String?, cost: Int64) {
        self.person = person
        self.credential = credential
        self.expiresOn = expiresOn
        self.status = status
        self.daysToExpiry = daysToExpiry
        self.retired = retired
        self.action = action
        self.target = target
        self.cost = cost
    }
}

/// The credentialing phase's output for one run: a pure function of its input, encoded to the
/// same bytes on every rerun.
public struct CredentialingResult: Codable, Hashable, Sendable {
    public var asOf: CalendarDay
    public var renewalLeadDays: Int
    public var catalogueDigest: String
    public var currency: String?
    /// Every holding of a roster person and a catalogue credential, in canonical order (person,
    /// credential, earned, expiry, reference — ids as bytes).
    public var holdings: [HoldingStatus]
    /// One entry per catalogue credential, ids ascending.
    public var byCredential: [CredentialStatusCounts]
    /// Role levels that recommend at least one credential, in role-level order.
    public var coverage: [RoleLevelCoverage]
    /// Ordered by expiry day, person id, credential id.
    public var worklist: [RenewalItem]
    /// Holdings left out because their person is not on the roster.
    public var holdingsOfUnknownPeople: Int
    /// Holdings left out because the pinned catalogue lacks their credential.
    public var holdingsOfUnknownCredentials: Int

    public init(
        asOf: CalendarDay, renewalLeadDays: Int, catalogueDigest: String, currency: String?, holdings: [HoldingStatus],
        byCredential: [CredentialStatusCounts], coverage: [RoleLevelCoverage], worklist: [RenewalItem],
        holdingsOfUnknownPeople: Int, holdingsOfUnknownCredentials: Int
    ) {
        self.asOf = asOf
        self.renewalLeadDays = renewalLeadDays
        self.catalogueDigest = catalogueDigest
        self.currency = currency
        self.holdings = holdings
        self.byCredential = byCredential
        self.coverage = coverage
        self.worklist = worklist
        self.holdingsOfUnknownPeople = holdingsOfUnknownPeople
        self.holdingsOfUnknownCredentials = holdingsOfUnknownCredentials
    }

    /// `cadrectl credentials --worklist --within DAYS`: items due by D + `days` — those expiring
    /// in the next `days` days and every expired one still on the list (overdue is due).
    public func worklist(within days: Int) -> [RenewalItem] {
        worklist.filter { $0.daysToExpiry <= Int64(days) }
    }

    /// One person's holdings, in canonical order.
    public func holdings(of person: String) -> [HoldingStatus] { holdings.filter { $0.holding.person == person } }

    /// The worklist's total cost in minor units.
    public var worklistCost: Int64 { worklist.reduce(0) { $0 + $1.cost } }

    /// Deterministic bytes for the store and the wire: JSON with sorted keys. The result holds
    /// only integers, strings and days, so equal results give equal bytes.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    public init(decoding bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(bytes))
    }
}
