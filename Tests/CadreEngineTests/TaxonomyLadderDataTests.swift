@testable import CadreEngine
import Foundation
import Testing

/// The optional ladder fields of a rung, `expectedMonths` and `recommendedCredentials`: parsed
/// with located errors, left out of the digest (and of encodings) when no rung uses them.
@Suite struct TaxonomyLadderDataTests {
    /// TaxonomyFixture.roles with `extra` lines inserted after the title (line 7 onwards).
    static func roles(with extra: String) -> String {
        TaxonomyFixture.roles.replacingOccurrences(
            of: "        title: ML Engineer I\n", with: "        title: ML Engineer I\n" + extra)
    }

    @Test func readsExpectedMonthsAndRecommendedCredentials() throws {
        let roles = Self.roles(with: "        expectedMonths: 24\n        recommendedCredentials: [aws-mla-c01, gcp-pmle]\n")
        let taxonomy = try TaxonomyParser.parse(TaxonomyFixture.sources(roles: roles))
        let level = try #require(taxonomy.role("mle")?.level(1))
        #expect(level.expectedMonths == 24)
        #expect(level.recommendedCredentials == ["aws-mla-c01", "gcp-pmle"])
    }

    @Test func fieldsAreOptional() throws {
        let taxonomy = try TaxonomyParser.parse(TaxonomyFixture.sources())
        let level = try #require(taxonomy.role("mle")?.level(1))
        #expect(level.expectedMonths == nil)
        #expect(level.recommendedCredentials.isEmpty)
    }

    @Test(arguments: [(0, false), (1, true), (240, true), (241, false), (-3, false)])
    func expectedMonthsMustBeOneTo240(months: Int, accepted: Bool) {
        let errors = taxonomyErrors(TaxonomyFixture.sources(roles: Self.roles(with: "        expectedMonths: \(months)\n")))
        if accepted {
            #expect(errors.isEmpty)
        } else {
            #expect(errors.map(taxonomyErrorSummary) == [
                "taxonomy.expected-months-out-of-range roles.yaml:7:25 roles[0].levels[0].expectedMonths",
            ])
        }
    }

    @Test func expectedMonthsMustBeAWholeNumber() {
        let errors = taxonomyErrors(TaxonomyFixture.sources(roles: Self.roles(with: "        expectedMonths: 2.5\n")))
        #expect(errors.map(taxonomyErrorSummary) == ["taxonomy.bad-type roles.yaml:7:25 roles[0].levels[0].expectedMonths"])
    }

    @Test func recommendedCredentialIdsAreCheckedForSpellingAndRepeats() {
        let extra = "        recommendedCredentials: [ok-1, \"bad id\", ok-1, [x]]\n"
        let errors = taxonomyErrors(TaxonomyFixture.sources(roles: Self.roles(with: extra)))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.bad-id roles.yaml:7:40 roles[0].levels[0].recommendedCredentials[1]",
            "taxonomy.duplicate-id roles.yaml:7:50 roles[0].levels[0].recommendedCredentials[2]",
            "taxonomy.bad-type roles.yaml:7:56 roles[0].levels[0].recommendedCredentials[3]",
        ])
    }

    @Test func recommendedCredentialsMustBeAList() {
        let errors = taxonomyErrors(TaxonomyFixture.sources(roles: Self.roles(with: "        recommendedCredentials: gcp-pmle\n")))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.bad-type roles.yaml:7:33 roles[0].levels[0].recommendedCredentials",
        ])
    }

    /// A taxonomy without ladder data keeps its version-1 digest (TaxonomyDigestTests pins it);
    /// with it, the documented version-2 bytes, whose SHA-256 was computed with Python's hashlib.
    @Test func digestCoversLadderDataOnlyWhenPresent() {
        var extended = TaxonomyDigestTests.small
        extended.roles[0].levels[0].expectedMonths = 24
        let encoding = "16:cadre-taxonomy/2,1:1,6:python,6:Python,20:software-engineering,20:Writes code — well,"
            + "1:1,7:2.B.3.e,1:0,1:1,3:mle,11:ML Engineer,0:,1:1,1:1,5:MLE I,1:1,6:python,1:3,1:4,2:24,1:0,"
        #expect(String(decoding: extended.canonicalEncoding, as: UTF8.self) == encoding)
        #expect(extended.digest == "a6e50fd0a2db47dbb1e784895c14e45af0cd78408f2a821410b6fe455a4fb15c")
        #expect(TaxonomyDigestTests.small.digest == "349d0a722e75668c171b0524e0ff034ddc79e17cf3673c89177711c1c53815fa")

        var recommending = TaxonomyDigestTests.small
        recommending.roles[0].levels[0].recommendedCredentials = ["gcp-pmle"]
        var months25 = extended
        months25.roles[0].levels[0].expectedMonths = 25
        #expect(Set([TaxonomyDigestTests.small, extended, recommending, months25].map(\.digest)).count == 4)
    }

    /// Stored taxonomies written before the fields existed still decode, and a rung without them
    /// encodes exactly as before (no new keys).
    @Test func codableLeavesAbsentFieldsOut() throws {
        let old = #"{"rung":1,"title":"MLE I","requirements":[]}"#
        let decoded = try JSONDecoder().decode(RoleLevel.self, from: Data(old.utf8))
        #expect(decoded == RoleLevel(rung: 1, title: "MLE I", requirements: []))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == #"{"requirements":[],"rung":1,"title":"MLE I"}"#)
        let full = RoleLevel(rung: 2, title: "II", requirements: [], expectedMonths: 30, recommendedCredentials: ["a"])
        #expect(try JSONDecoder().decode(RoleLevel.self, from: encoder.encode(full)) == full)
    }

    @Test func defaultTaxonomyHasLadderDataOnEveryRung() throws {
        let taxonomy = try TaxonomyParser.parse(TaxonomyTestFiles.defaultTaxonomySources())
        for role in taxonomy.roles {
            for level in role.levels {
                let months = try #require(level.expectedMonths, "\(role.id)@\(level.rung)")
                #expect((12...96).contains(months), "\(role.id)@\(level.rung)")
            }
            // Higher rungs take at least as long as lower ones.
            let months = role.levels.compactMap(\.expectedMonths)
            #expect(months == months.sorted(), "\(role.id)")
        }
        #expect(taxonomy.role("ml-engineer")?.level(2)?.recommendedCredentials == ["aws-mla-c01", "gcp-pmle", "databricks-ml-associate"])
        #expect(taxonomy.roles.flatMap(\.levels).filter { !$0.recommendedCredentials.isEmpty }.count == 5)
    }
}
