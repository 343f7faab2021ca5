import CadreWire
import Testing
@testable import cadrectl

/// What an operator reads after `cadrectl import badges`.
@Suite struct BadgeTextTests {
    static let summary = Workforce.ImportSummary(
        importId: "", kind: "badges", name: "2 badges", rows: 2, dryRun: false, dataVersion: 7, inserted: 2, updated: 0, unchanged: 0)

    @Test func eachBadgeSaysWhetherItWasVerifiedAndWhyNot() {
        let reply = Workforce.ImportBadgesReply(summary: Self.summary, badges: [
            .init(file: "ana.jwt", person: "E1", credential: "gcp-pmle", issuer: "https://badges.example.org", proof: "jwt ES256",
                  verification: "verified", detail: "ES256 signature of key `k1`"),
            .init(file: "bo\u{1B}[2J.json", person: "E2", credential: "gcp-pmle", issuer: "https://x.example", proof: "none",
                  verification: "unverified", detail: "the badge carries no proof"),
        ])
        #expect(BadgeText.text(reply, style: Style(enabled: false)) == """
            2 badges: 2 rows of badges imported (2 new, 0 updated, 0 unchanged); data version 7
            signatures: 1 of 2 badges verified against trusted issuer keys; unverified ones are shown but not counted as assessment evidence
              FILE              PERSON  CREDENTIAL  PROOF      VERIFIED    DETAIL
              ana.jwt           E1      gcp-pmle    jwt ES256  verified    ES256 signature of key `k1`
              bo\\u{1B}[2J.json  E2      gcp-pmle    none       unverified  the badge carries no proof
            """)
    }

    @Test func noBadgesNoTable() {
        #expect(BadgeText.text(Workforce.ImportBadgesReply(summary: Self.summary, badges: []), style: Style(enabled: false))
            == "2 badges: 2 rows of badges imported (2 new, 0 updated, 0 unchanged); data version 7")
    }
}
