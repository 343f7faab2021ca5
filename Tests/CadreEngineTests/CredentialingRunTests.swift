@testable import CadreEngine
import Testing

/// One hand-built organisation on D = 2025-06-30 (lead 90 days). Days to expiry, counted by
/// hand: 2024-07-01 is D − 364, 2024-06-30 is D − 365, 2024-08-01 is D − 333, 2025-07-15 is
/// D + 15, 2025-08-01 is D + 32, 2025-09-01 is D + 63.
@Suite struct CredentialingRunTests {
    static let asOf = CredentialFixture.day("2025-06-30")
    /// mle@1: a, b, e, f, g; mle@2: c, d, h.
    static let people = ["a", "b", "c", "d", "e", "f", "g", "h"]
    static let levels: [Int32] = [0, 0, 1, 1, 0, 0, 0, 1]
    static let h = CredentialFixture.holding

    static let holdings: [CredentialHolding] = [
        h("h", "new", "2023-08-01", "2025-08-01"),
        h("a", "new", "2023-08-01", "2025-08-01"),          // expiring, renew
        h("a", "gone", "2024-08-01", "2025-08-01"),         // expiring, retired without successor: none
        h("b", "old", "2022-09-01", "2025-09-01"),          // expiring, retired: move to `new`
        h("b", "new", "2025-07-01", "2027-07-01"),          // earned after D: none, does not count
        h("c", "old", "2022-03-01", "2025-03-01"),          // expired, but c holds a valid successor
        h("c", "new", "2025-03-01", "2027-03-01"),
        h("d", "gone", "2023-08-01", "2024-08-01"),         // expired 333 days ago, retired: none
        h("d", "forever", "2020-01-01", nil),
        h("e", "new", "2021-01-01", "2023-01-01"),          // superseded by e's later holding
        h("e", "new", "2023-07-15", "2025-07-15"),
        h("f", "new", "2022-06-30", "2024-06-30"),          // expired exactly 365 days ago: off the list
        h("g", "new", "2022-07-01", "2024-07-01"),          // expired 364 days ago: on the list
        h("zz", "new", "2024-01-01", "2026-01-01"),         // not on the roster
        h("a", "ghost", "2024-01-01", "2026-01-01"),        // not in the catalogue
    ]

    static func taxonomy() throws -> CompiledTaxonomy {
        try CompiledTaxonomy(Taxonomy(
            skills: CredentialFixture.skills.map { Skill(id: $0, name: $0, discipline: .domain) },
            roles: [Role(id: "mle", name: "MLE", levels: [
                RoleLevel(rung: 1, title: "I", requirements: [Requirement(skill: "ml", level: 2, importance: 3)]),
                RoleLevel(rung: 2, title: "II", requirements: [Requirement(skill: "ml", level: 3, importance: 3)]),
            ])]))
    }

    static func run(_ holdings: [CredentialHolding] = holdings) throws -> CredentialingResult {
        Credentialing.run(try CredentialingInput(
            asOf: asOf, catalogue: CredentialFixture.catalogue(), taxonomy: taxonomy(), holdings: holdings,
            personIDs: people, personRoleLevel: levels, recommended: [["new"], ["new", "forever"]]))
    }

    @Test func worklistOrderActionsAndCosts() throws {
        let result = try Self.run()
        #expect(result.worklist == [
            RenewalItem(person: "g", credential: "new", expiresOn: CredentialFixture.day("2024-07-01"), status: .expired,
                        daysToExpiry: -364, retired: false, action: .renew, target: "new", cost: 20000),
            RenewalItem(person: "d", credential: "gone", expiresOn: CredentialFixture.day("2024-08-01"), status: .expired,
                        daysToExpiry: -333, retired: true, action: .none, target: nil, cost: 0),
            RenewalItem(person: "e", credential: "new", expiresOn: CredentialFixture.day("2025-07-15"), status: .expiring,
                        daysToExpiry: 15, retired: false, action: .renew, target: "new", cost: 20000),
            RenewalItem(person: "a", credential: "gone", expiresOn: CredentialFixture.day("2025-08-01"), status: .expiring,
                        daysToExpiry: 32, retired: true, action: .none, target: nil, cost: 0),
            RenewalItem(person: "a", credential: "new", expiresOn: CredentialFixture.day("2025-08-01"), status: .expiring,
                        daysToExpiry: 32, retired: false, action: .renew, target: "new", cost: 20000),
            RenewalItem(person: "h", credential: "new", expiresOn: CredentialFixture.day("2025-08-01"), status: .expiring,
                        daysToExpiry: 32, retired: false, action: .renew, target: "new", cost: 20000),
            RenewalItem(person: "b", credential: "old", expiresOn: CredentialFixture.day("2025-09-01"), status: .expiring,
                        daysToExpiry: 63, retired: true, action: .successor, target: "new", cost: 20000),
        ])
        #expect(result.worklistCost == 100_000)
        #expect(result.worklist(within: 30).map(\.person) == ["g", "d", "e"])
        #expect(result.worklist(within: 32).map(\.person) == ["g", "d", "e", "a", "a", "h"])
        #expect(result.worklist(within: -334).map(\.person) == ["g"])
    }

    @Test func coverageCountsPeopleWithAValidRecommendedHolding() throws {
        let result = try Self.run()
        #expect(result.coverage == [
            // a (expiring `new`) and e; b's only `new` is earned after D, f's and g's expired.
            RoleLevelCoverage(roleLevel: RoleLevelRef(role: "mle", rung: 1), recommended: ["new"], covered: 2, headcount: 5),
            RoleLevelCoverage(roleLevel: RoleLevelRef(role: "mle", rung: 2), recommended: ["new", "forever"], covered: 3, headcount: 3),
        ])
    }

    @Test func countsByCredentialAndStatus() throws {
        let result = try Self.run()
        #expect(result.byCredential == [
            CredentialStatusCounts(credential: "forever", valid: 1, retired: false),
            CredentialStatusCounts(credential: "gone", expiring: 1, expired: 1, retired: true),
            CredentialStatusCounts(credential: "new", valid: 1, expiring: 3, expired: 3, notYetEarned: 1, retired: false),
            CredentialStatusCounts(credential: "old", expiring: 1, expired: 1, retired: true),
        ])
        #expect(result.holdingsOfUnknownPeople == 1)
        #expect(result.holdingsOfUnknownCredentials == 1)
        #expect(result.holdings.count == 13)
        #expect(result.holdings(of: "a").map(\.holding.credential) == ["gone", "new"])
        #expect(result.holdings(of: "d").map(\.daysToExpiry) == [nil, -333])
    }

    @Test func aValidSuccessorOnlyCountsWhenEarnedByD() throws {
        // b's `new` is earned after D, so b still must move to it; once earned (on D) b is off the list.
        var holdings = Self.holdings
        holdings[4] = Self.h("b", "new", "2025-06-30", "2027-06-30")
        #expect(try Self.run(holdings).worklist.contains { $0.person == "b" } == false)
        #expect(try Self.run().worklist.contains { $0.person == "b" && $0.action == .successor })
    }

    @Test func resultDoesNotDependOnInputOrderAndRoundTrips() throws {
        let forward = try Self.run()
        let backward = try Self.run(Self.holdings.reversed())
        #expect(try forward.encoded() == backward.encoded())
        #expect(try CredentialingResult(decoding: forward.encoded()) == forward)
    }

    @Test func validHoldingsBecomeCredentialEvidence() throws {
        let catalogue = try CredentialFixture.catalogue()
        let records = CredentialEvidence.records(for: Self.holdings, catalogue: catalogue, validOn: Self.asOf)
        // a: new (2 skills) + gone (1); b: old (1); c: new (2); d: forever (1); e: new (2); h: new (2); zz: new (2).
        #expect(records.count == 13)
        #expect(records.first == EvidenceRecord(person: "a", skill: "stats", value: 2, scale: "level", source: "credential",
                                                observedAt: 1_722_470_400, validUntil: 1_754_006_400))
        #expect(records[1] == EvidenceRecord(person: "a", skill: "ml", value: 3, scale: "level", source: "credential",
                                             observedAt: 1_690_848_000, validUntil: 1_754_006_400))
        #expect(records.contains { $0.person == "d" && $0.skill == "stats" && $0.validUntil == nil })
        // Without a day, every holding contributes and assessment's own window decides.
        #expect(CredentialEvidence.records(for: Self.holdings, catalogue: catalogue).count == 23)
        // Unverified badges count only when asked.
        let badge = CredentialHolding(person: "a", credential: "new", earnedOn: Self.asOf, expiresOn: nil, verification: .unverified)
        #expect(CredentialEvidence.records(for: [badge], catalogue: catalogue).isEmpty)
        #expect(CredentialEvidence.records(for: [badge], catalogue: catalogue, includingUnverified: true).count == 2)
    }

    @Test func inputIsChecked() throws {
        #expect(throws: InputErrors.self) {
            try CredentialingInput(asOf: Self.asOf, catalogue: CredentialFixture.catalogue(), taxonomy: Self.taxonomy(),
                                   holdings: [], personIDs: ["a"], personRoleLevel: [5], recommended: [[], []])
        }
        do {
            _ = try CredentialingInput(asOf: Self.asOf, catalogue: CredentialFixture.catalogue(), taxonomy: Self.taxonomy(),
                                       holdings: [], personIDs: [], personRoleLevel: [], recommended: [["nope"], []])
            Issue.record("an unknown recommendation must be rejected")
        } catch let errors as InputErrors {
            #expect(errors.errors.map(\.code) == [.credentialUnknownRecommendation])
            #expect(errors.errors.first?.field == "mle@1.recommendedCredentials")
        }
    }
}
