/// How far a holding's origin has been checked. A holdings file is the organisation's own record,
/// so there is nothing to verify (`notApplicable`); an Open Badge is `unverified` until its
/// signature has been checked against a trusted issuer key, which happens outside the engine.
public enum HoldingVerification: String, Codable, Hashable, Sendable, CaseIterable {
    case verified
    case unverified
    case notApplicable = "not-applicable"
}

/// One person's award of one catalogue credential.
public struct CredentialHolding: Codable, Hashable, Sendable {
    /// The person's external id.
    public var person: String
    /// A catalogue credential id.
    public var credential: String
    public var earnedOn: CalendarDay
    /// The first day it no longer counts (E); nil when it does not expire. Defaults to earned +
    /// the credential's validity months when the source does not say.
    public var expiresOn: CalendarDay?
    /// Where it can be checked: a certificate number, a verification URL, a badge id.
    public var reference: String?
    public var verification: HoldingVerification

    public init(
        person: String, credential: String, earnedOn: CalendarDay, expiresOn: CalendarDay?,
        reference: String? = nil, verification: HoldingVerification = .notApplicable
    ) {
        self.person = person
        self.credential = credential
        self.earnedOn = earnedOn
        self.expiresOn = expiresOn
        self.reference = reference
        self.verification = verification
    }

    /// The canonical order of holdings in results: person, credential (bytes), earned, expiry
    /// (none last), reference, verification — so the same holdings give the same bytes in any
    /// input order.
    public static func precedes(_ a: Self, _ b: Self) -> Bool {
        if a.person != b.person { return CredentialOrder.less(a.person, b.person) }
        if a.credential != b.credential { return CredentialOrder.less(a.credential, b.credential) }
        if a.earnedOn != b.earnedOn { return a.earnedOn < b.earnedOn }
        if a.expiresOn != b.expiresOn { return CredentialOrder.less(a.expiresOn, b.expiresOn) }
        if a.reference != b.reference { return CredentialOrder.less(a.reference ?? "", b.reference ?? "") }
        return a.verification.rawValue < b.verification.rawValue
    }
}

/// Tie-breaks as DESIGN.md states them: ids compared as byte strings (person ids may be any
/// UTF-8, so `String <`, which compares by Unicode rules, is not used for them).
enum CredentialOrder {
    static func less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// Days ascending, "never" after every day.
    static func less(_ a: CalendarDay?, _ b: CalendarDay?) -> Bool {
        switch (a, b) {
        case (let a?, let b?): a < b
        case (.some, .none): true
        default: false
        }
    }
}
