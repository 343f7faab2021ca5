/// One certification programme as the catalogue states it: what it evidences, how long it lasts,
/// whether it is still offered and what replaced it. Only `CredentialCatalogueParser` (or
/// `CredentialCatalogue.init(credentials:skills:)`, which checks the same rules) builds a
/// catalogue, so every skill, level, date and successor in it is known to be sound.
public struct Credential: Codable, Hashable, Sendable, Identifiable {
    /// The taxonomy's id rule (`[A-Za-z0-9][A-Za-z0-9._-]*`), so ids are ASCII and `String`
    /// order is byte order — the order every tie-break on credential ids uses.
    public var id: String
    public var name: String
    /// Who awards it (`Amazon Web Services`, `Google Cloud`).
    public var issuer: String
    /// The vendor's exam code (`MLA-C01`); nil when the programme has none.
    public var examCode: String?
    /// The skills a holder has shown, at whole levels 1–5; one entry per skill.
    public var skills: [SkillLevel]
    /// Months a holding stays valid from the day it is earned; nil when it does not expire.
    public var validityMonths: Int?
    /// The first day the credential can no longer be taken or renewed; nil while offered.
    public var retiredOn: CalendarDay?
    /// The catalogue id of the credential that replaces it, when the issuer names one.
    public var successor: String?
    /// Accredited to ISO/IEC 17024 by the ANSI National Accreditation Board.
    public var accredited: Bool
    /// Exam fee in minor units of the configured currency; never negative.
    public var cost: Int64
    /// Typical preparation time in hundredths of an hour (`40.5` h is 4050); never negative.
    public var preparationHours: Int
    /// Where the facts come from (URLs or a citation), so an operator can re-check them.
    public var source: String

    public init(
        id: String, name: String, issuer: String, examCode: String? = nil, skills: [SkillLevel],
        validityMonths: Int? = nil, retiredOn: CalendarDay? = nil, successor: String? = nil,
        accredited: Bool = false, cost: Int64 = 0, preparationHours: Int = 0, source: String = ""
    ) {
        self.id = id
        self.name = name
        self.issuer = issuer
        self.examCode = examCode
        self.skills = skills
        self.validityMonths = validityMonths
        self.retiredOn = retiredOn
        self.successor = successor
        self.accredited = accredited
        self.cost = cost
        self.preparationHours = preparationHours
        self.source = source
    }

    /// A holding's expiry when the holder states none: earned plus the validity, the day of the
    /// month kept and clamped to the month's end; nil when the credential does not expire.
    public func defaultExpiry(earnedOn: CalendarDay) -> CalendarDay? {
        validityMonths.flatMap { earnedOn.addingMonthsClamped($0) }
    }

    /// True on and after the retirement day: the credential can then no longer be renewed.
    public func isRetired(on day: CalendarDay) -> Bool { retiredOn.map { $0 <= day } ?? false }
}

extension CalendarDay {
    /// Whole days from `self` to `other` (negative when `other` is earlier).
    func days(until other: CalendarDay) -> Int64 { other.daysSinceEpoch - daysSinceEpoch }
}
