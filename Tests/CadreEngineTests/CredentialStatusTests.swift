@testable import CadreEngine
import Testing

/// Every status at its boundaries on D = 2025-06-30 with the default 90 lead days, and the
/// calendar-month arithmetic behind default expiry dates.
@Suite struct CredentialStatusTests {
    static let asOf = CredentialFixture.day("2025-06-30")

    static func status(earned: String, expires: String?, lead: Int = 90) -> CredentialStatus {
        CredentialStatus.of(earnedOn: CredentialFixture.day(earned), expiresOn: expires.map(CredentialFixture.day),
                            on: asOf, renewalLeadDays: lead)
    }

    @Test func earnedOnDIsValidAndEarnedTheDayAfterIsNone() {
        #expect(Self.status(earned: "2025-06-30", expires: "2026-06-30") == .valid)
        #expect(Self.status(earned: "2025-07-01", expires: "2026-07-01") == .none)
    }

    @Test func expiresOnDIsExpiredAndTheDayAfterIsExpiring() {
        #expect(Self.status(earned: "2023-06-30", expires: "2025-06-30") == .expired)
        #expect(Self.status(earned: "2023-06-30", expires: "2025-07-01") == .expiring)
        #expect(Self.status(earned: "2020-01-01", expires: "2021-01-01") == .expired)
    }

    /// 2025-09-28 is D + 90, 2025-09-29 is D + 91 (31 days of July, 31 of August, 28 of September).
    @Test func expiringAtExactlyTheLeadDaysButNotOneMore() {
        #expect(Self.status(earned: "2024-01-01", expires: "2025-09-28") == .expiring)
        #expect(Self.status(earned: "2024-01-01", expires: "2025-09-29") == .valid)
        #expect(Self.status(earned: "2024-01-01", expires: "2025-09-29", lead: 91) == .expiring)
        #expect(Self.status(earned: "2024-01-01", expires: "2025-07-01", lead: 0) == .valid)
    }

    @Test func noExpiryIsAlwaysValid() {
        #expect(Self.status(earned: "1999-01-01", expires: nil) == .valid)
        #expect(Self.status(earned: "2025-07-01", expires: nil) == .none)
    }

    @Test func retiredOnOrBeforeD() throws {
        let old = try #require(try CredentialFixture.catalogue().credential("old"))  // retired 2025-01-01
        #expect(!old.isRetired(on: CredentialFixture.day("2024-12-31")))
        #expect(old.isRetired(on: CredentialFixture.day("2025-01-01")))
        #expect(old.isRetired(on: CredentialFixture.day("2025-01-02")))
        #expect(try #require(try CredentialFixture.catalogue().credential("new")).isRetired(on: Self.asOf) == false)
    }

    @Test(arguments: [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2025-03-31", -1, "2025-02-28"),
        ("2025-12-15", 1, "2026-01-15"),
        ("2025-01-01", -1, "2024-12-01"),
        ("2023-08-31", 36, "2026-08-31"),
        ("2025-05-31", 1, "2025-06-30"),
    ])
    func addingMonthsKeepsTheDayClampedToTheMonthEnd(start: String, months: Int, end: String) {
        #expect(CredentialFixture.day(start).addingMonthsClamped(months) == CredentialFixture.day(end))
    }

    @Test func addingMonthsPastTheCalendarIsNil() {
        #expect(CredentialFixture.day("9999-12-01").addingMonthsClamped(1) == nil)
        #expect(CredentialFixture.day("0001-01-01").addingMonthsClamped(-1) == nil)
    }

    @Test func defaultExpiryIsEarnedPlusValidity() throws {
        let catalogue = try CredentialFixture.catalogue()
        #expect(catalogue.credential("new")?.defaultExpiry(earnedOn: CredentialFixture.day("2024-01-31")) == CredentialFixture.day("2026-01-31"))
        #expect(catalogue.credential("gone")?.defaultExpiry(earnedOn: CredentialFixture.day("2024-02-29")) == CredentialFixture.day("2025-02-28"))
        #expect(catalogue.credential("forever")?.defaultExpiry(earnedOn: CredentialFixture.day("2024-02-29")) == nil)
    }
}
