@testable import CadreDaemon
import CadreEngine
import CadreSignatures
import Testing

/// badges.yaml as the operator writes it: trusted issuer keys as JWK or PEM, and every mistake
/// located by line, column and field.
@Suite("badges.yaml")
struct BadgeSettingsTests {
    static let p256 = #"{"kty": "EC", "crv": "P-256", "x": "qWDN9P7Dg-SjNFltr1Tqf8NDEbDCndJ1SzAPEuN3H7o", "y": "e02it2Fj8xYjEeXULbWn67-v3Kp_FhjGXmpdGsG-FJc"}"#
    /// RFC 8410 §10.1's example Ed25519 public key.
    static let ed25519PEM = """
              -----BEGIN PUBLIC KEY-----
              MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
              -----END PUBLIC KEY-----
        """

    static func errors(_ text: String) -> [String] {
        do {
            _ = try BadgeSettings.parse(text, file: "badges.yaml")
            return []
        } catch let errors as InputErrors {
            return errors.errors.map { "\($0.code) \($0.line):\($0.column) \($0.field)" }
        } catch {
            return ["\(error)"]
        }
    }

    @Test func trustedIssuersAsJWKAndPEM() throws {
        let settings = try BadgeSettings.parse("""
            identityType: emailAddress
            people:
              "ana@example.org": E1
            trustedIssuers:
              - issuer: https://badges.example.org/issuers/1
                kid: key-es256
                jwk: \(Self.p256)
              - issuer: did:web:credentials.example.com
                pem: |
            \(Self.ed25519PEM)
              - issuer: did:web:credentials.example.com
                jwk: {"kty": "OKP", "crv": "Ed25519", "kid": "2025", "x": "Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE"}
            """, file: "badges.yaml")
        #expect(settings.identityType == "emailAddress" && settings.people == ["ana@example.org": "E1"])
        #expect(settings.trustedKeys.map(\.label) == ["P-256 key `key-es256`", "Ed25519 key", "Ed25519 key `2025`"])
        #expect(settings.trustedIssuers.keys(of: "did:web:credentials.example.com").count == 2)
        #expect(try BadgeSettings.parse("", file: "badges.yaml").trustedKeys.isEmpty)
    }

    @Test func mistakesAreLocated() {
        // A private key: the error stands at `d`. (Yams places a quoted scalar after its opening quote.)
        #expect(Self.errors("""
            trustedIssuers:
              - issuer: https://badges.example.org/issuers/1
                jwk:
                  kty: EC
                  crv: P-256
                  x: qWDN9P7Dg-SjNFltr1Tqf8NDEbDCndJ1SzAPEuN3H7o
                  y: e02it2Fj8xYjEeXULbWn67-v3Kp_FhjGXmpdGsG-FJc
                  d: jpsQnnGQmL-YBIffH1136cLSG_rEDB7jAIsZ6sSpv_M
            """) == ["config.bad-issuer-key 8:10 trustedIssuers[0].jwk.d"])
        #expect(Self.errors("""
            trustedIssuers:
              - issuer: https://badges.example.org/issuers/1
                pem: not a key
              - jwk: \(Self.p256)
              - issuer: x
                jwk: \(Self.p256)
                pem: also
              - issuer: x
                kid: a
                jwk: {"kty": "OKP", "crv": "Ed25519", "kid": "b", "x": "Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE"}
              - issuer: x
                key: \(Self.p256)
            people: [ana]
            trustedIssuer: []
            """) == [
                "config.bad-issuer-key 3:10 trustedIssuers[0].pem",
                "config.missing-key 4:5 trustedIssuers[1].issuer",
                "config.bad-type 5:5 trustedIssuers[2]",
                "config.bad-issuer-key 10:50 trustedIssuers[3].jwk.kid",
                "config.unknown-key 12:5 trustedIssuers[4].key",
                "config.missing-key 11:5 trustedIssuers[4]",
                "config.bad-type 13:9 people",
                "config.unknown-key 14:1 trustedIssuer",
            ])
    }
}
