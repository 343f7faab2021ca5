/// Where a holding stands on the run's as-of day D (DESIGN.md, credentialing semantics). The four
/// cases exclude each other; `retired` is a separate flag.
public enum CredentialStatus: String, Codable, Hashable, Sendable, CaseIterable {
    /// Earned after D: as of D the person does not hold it yet.
    case none
    /// Earned ≤ D < E and more than `renewalLeadDays` before E (or it never expires).
    case valid
    /// Valid, and E − D ≤ `renewalLeadDays`: time to renew.
    case expiring
    /// D ≥ E.
    case expired

    /// Valid on D, whether or not it is about to expire: what coverage and evidence count.
    public var counts: Bool { self == .valid || self == .expiring }

    /// The status of a holding earned on `earnedOn`, first not counting on `expiresOn` (nil: never).
    public static func of(
        earnedOn: CalendarDay, expiresOn: CalendarDay?, on day: CalendarDay, renewalLeadDays: Int
    ) -> CredentialStatus {
        if earnedOn > day { return .none }
        guard let expiresOn else { return .valid }
        if day >= expiresOn { return .expired }
        return day.days(until: expiresOn) <= Int64(renewalLeadDays) ? .expiring : .valid
    }
}
