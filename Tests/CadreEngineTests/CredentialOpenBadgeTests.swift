@testable import CadreEngine
import Foundation
import Testing

@Suite struct CredentialOpenBadgeTests {
    static let examples = [
        "achievementAlignmentCase.json", "basicOpenBadgeCredential.json", "fullOpenBadge.json",
        "skillAssertionCase.json", "skillAssertionCtdl.json",
    ]

    static var examplesAvailable: Bool { TaxonomyTestFiles.referenceDataRequired(CredentialFixture.openBadgesFolder) }

    static func example(_ name: String) throws -> OpenBadge {
        let url = CredentialFixture.openBadgesFolder.appendingPathComponent(name)
        return try OpenBadgeParser.parse(Array(try TaxonomyTestFiles.read(url)), file: name)
    }

    static func parse(_ text: String) throws(InputErrors) -> OpenBadge {
        try OpenBadgeParser.parse(Array(text.utf8), file: "b.json")
    }

    static func errors(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.errors.map(taxonomyErrorSummary)
        }
    }

    @Test(.enabled(if: examplesAvailable, "../shared/data/openbadges is absent; set CI to make this a failure"),
          arguments: examples)
    func everyOneEdTechExampleParses(name: String) throws {
        let badge = try Self.example(name)
        #expect(badge.proof == .none)
        #expect(!badge.achievement.id.isEmpty)
        #expect(badge.subject.id == "did:example:ebfeb1f712ebc6f1c276e12ec21")
    }

    @Test(.enabled(if: examplesAvailable, "../shared/data/openbadges is absent; set CI to make this a failure"))
    func examplesGiveTheirFields() throws {
        let basic = try Self.example("basicOpenBadgeCredential.json")
        #expect(basic.id == "http://example.com/credentials/3527")
        #expect(basic.issuer == OpenBadgeProfile(id: "https://example.com/issuers/876543", name: "Example Corp"))
        #expect(basic.achievement == OpenBadgeAchievement(id: "https://example.com/achievements/21st-century-skills/teamwork", name: "Teamwork"))
        #expect(basic.validFrom == 1_262_304_000)  // 2010-01-01T00:00:00Z
        #expect(basic.validUntil == nil)

        let full = try Self.example("fullOpenBadge.json")
        #expect(full.validUntil == 1_893_456_000)  // 2030-01-01T00:00:00Z
        #expect(full.subject.identifiers == [
            OpenBadgeIdentifier(identityType: "emailAddress", identityHash: "student@1edtech.edu", hashed: false, salt: "not-used"),
            OpenBadgeIdentifier(identityType: "emailAddress", identityHash: "somebody@gmail.com", hashed: false, salt: "not-used"),
        ])
        #expect(full.achievement.alignments.map(\.targetURL) == [
            "https://1edtech.edu/catalog/degree",
            "https://credentialengineregistry.org/resources/ce-98cb027b-95ef-4494-908d-6f7790ec6b6b",
        ])
        #expect(full.achievement.alignments.first?.targetCode == "degree")

        let ctdl = try Self.example("skillAssertionCtdl.json")
        #expect(ctdl.achievement.alignments.first?.targetCode == "ce-6369c51f-4d86-4592-a761-8b32ae70a045")
        #expect(ctdl.issuer.name == "1EdTech University")
    }

    @Test(.enabled(if: examplesAvailable, "../shared/data/openbadges is absent; set CI to make this a failure"))
    func fullExampleMatchesAPersonByEmailAndACredentialByAlignment() throws {
        let badge = try Self.example("fullOpenBadge.json")
        let matching = OpenBadgeMatching(identityType: "emailAddress", people: ["Student@1EdTech.edu": "p1"],
                                         alignments: ["degree": "new"])
        let match = matching.match(badge, catalogue: try CredentialFixture.catalogue())
        #expect(match.person == "p1")
        #expect(match.credential == "new")
        #expect(match.holding == CredentialHolding(
            person: "p1", credential: "new", earnedOn: CredentialFixture.day("2010-01-01"),
            expiresOn: CredentialFixture.day("2030-01-01"), reference: "http://1edtech.edu/credentials/3732",
            verification: .unverified))
    }

    static let minimal = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          "id": "urn:uuid:1",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "issuer": "https://issuer.example",
          "validFrom": "2025-03-01T10:00:00Z",
          "credentialSubject": {
            "identifier": [{"type": "IdentityObject", "identityType": "emailAddress", "hashed": true,
                            "identityHash": "sha256$HASH", "salt": "pepper"}],
            "achievement": {"id": "https://vendor.example/cert/mla", "name": "MLA",
                            "alignment": [{"targetUrl": "https://x.example/a", "targetName": "A", "targetCode": "MLA-C01"}]}
          },
          "proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "proofValue": "z"}
        }
        """

    @Test func hashedIdentifiersMatchBySHA256OfIdentityAndSalt() throws {
        let hash = SHA256.hex(Array("ana@example.org".utf8) + Array("pepper".utf8))
        let badge = try Self.parse(Self.minimal.replacingOccurrences(of: "HASH", with: hash.uppercased()))
        #expect(badge.proof == .dataIntegrity(cryptosuite: "eddsa-rdfc-2022"))
        let catalogue = try CredentialFixture.catalogue()
        let matching = OpenBadgeMatching(identityType: "emailAddress",
                                         people: ["bob@example.org": "p2", "ana@example.org": "p1"],
                                         achievements: [:], alignments: ["MLA-C01": "new"])
        let match = matching.match(badge, catalogue: catalogue)
        #expect(match.person == "p1")
        // validFrom's day; no validUntil, so the catalogue's 24 months.
        #expect(match.holding?.earnedOn == CredentialFixture.day("2025-03-01"))
        #expect(match.holding?.expiresOn == CredentialFixture.day("2027-03-01"))

        let wrongSalt = try Self.parse(Self.minimal.replacingOccurrences(of: "HASH", with: hash).replacingOccurrences(of: "pepper", with: "salt"))
        let unmatched = matching.match(wrongSalt, catalogue: catalogue)
        #expect(unmatched.person == nil)
        #expect(unmatched.personProblem == "no person has the recipient's emailAddress")
        #expect(unmatched.holding == nil)
    }

    @Test func achievementMappingsAndTheirProblems() throws {
        let badge = try Self.parse(Self.minimal)
        let catalogue = try CredentialFixture.catalogue()
        func credential(_ achievements: [String: String], _ alignments: [String: String]) -> (String?, String?) {
            let match = OpenBadgeMatching(identityType: "x", people: [:], achievements: achievements, alignments: alignments)
                .match(badge, catalogue: catalogue)
            return (match.credential, match.credentialProblem)
        }
        #expect(credential(["https://vendor.example/cert/mla": "old"], ["MLA-C01": "new"]) == ("old", nil))
        #expect(credential([:], ["https://x.example/a": "new"]) == ("new", nil))
        #expect(credential([:], ["https://x.example/a": "new", "MLA-C01": "old"]) == ("new", nil))
        #expect(credential([:], [:]).0 == nil)
        #expect(credential([:], ["MLA-C01": "ghost"]).1 == "the mapping names `ghost`, which the catalogue does not have")
        let noIdentifier = OpenBadgeMatching(identityType: "sourcedId", people: [:]).match(badge, catalogue: catalogue)
        #expect(noIdentifier.personProblem == "the recipient has no sourcedId identifier")
    }

    @Test func vc11DatesAndProofKinds() throws {
        let vc11 = Self.minimal
            .replacingOccurrences(of: "https://www.w3.org/ns/credentials/v2", with: "https://www.w3.org/2018/credentials/v1")
            .replacingOccurrences(of: "\"validFrom\": \"2025-03-01T10:00:00Z\"",
                                  with: "\"issuanceDate\": \"2025-03-01T10:00:00Z\", \"expirationDate\": \"2026-03-01T00:00:00Z\"")
            .replacingOccurrences(of: "DataIntegrityProof", with: "Ed25519Signature2020")
        let badge = try Self.parse(vc11)
        #expect(badge.validFrom == 1_740_823_200)
        #expect(badge.validUntil == 1_772_323_200)
        #expect(badge.proof == .ed25519Signature2020)
        #expect(try Self.parse(Self.minimal.replacingOccurrences(of: "DataIntegrityProof", with: "RsaSignature2018")).proof
            == .other(type: "RsaSignature2018"))
    }

    static func base64URL(_ bytes: [UInt8]) -> String { Base64URL.encoded(bytes) }

    /// RFC 4648 §10's vectors without padding, and the two characters base64url changes.
    @Test func base64URLMatchesRFC4648() {
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encoded(Array(plain.utf8)) == encoded)
            #expect(Base64URL.decoded(encoded) == Array(plain.utf8))
        }
        #expect(Base64URL.encoded([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decoded("-_8") == [0xFB, 0xFF])
        #expect(Base64URL.decoded("+/8") == nil)
        #expect(Base64URL.decoded("Zg==") == nil)
        #expect(Base64URL.decoded("Zm9vY") == nil)
    }

    @Test func compactJWTExposesItsPartsAndSigningInput() throws {
        let header = #"{"alg":"ES256","kid":"did:example:issuer#key-1","typ":"JWT"}"#
        let credential = Self.minimal.replacingOccurrences(of: "\"validFrom\": \"2025-03-01T10:00:00Z\",", with: "")
        let payload = #"{"iss":"did:example:issuer","nbf":1740823200,"exp":1772323200,"jti":"urn:uuid:9","sub":"did:example:ana","vc":"#
            + credential.replacingOccurrences(of: "\"id\": \"urn:uuid:1\",", with: "")
                .replacingOccurrences(of: "https://www.w3.org/ns/credentials/v2", with: "https://www.w3.org/2018/credentials/v1")
                .replacingOccurrences(of: "\"issuer\": \"https://issuer.example\",", with: "") + "}"
        let signature: [UInt8] = [1, 2, 3, 250, 251, 252]
        let signingInput = Self.base64URL(Array(header.utf8)) + "." + Self.base64URL(Array(payload.utf8))
        let badge = try Self.parse(signingInput + "." + Self.base64URL(signature) + "\n")
        guard case .jwt(let jwt) = badge.proof else {
            Issue.record("expected a JWT proof, got \(badge.proof)")
            return
        }
        #expect(jwt.algorithm == "ES256")
        #expect(jwt.keyID == "did:example:issuer#key-1")
        #expect(jwt.signature == signature)
        #expect(jwt.signingInput == Array(signingInput.utf8))
        #expect(jwt.header == Array(header.utf8))
        #expect(badge.issuer.id == "did:example:issuer")
        #expect(badge.id == "urn:uuid:9")
        #expect(badge.subject.id == "did:example:ana")
        #expect(badge.validFrom == 1_740_823_200)
        #expect(badge.validUntil == 1_772_323_200)
    }

    /// A VC 2.0 JWT (the payload is the credential) with `iss` and a header of the caller's.
    static func jwt(iss: String, header: String = #"{"alg":"ES256"}"#) -> String {
        let payload = minimal.replacingOccurrences(of: "\"id\": \"urn:uuid:1\",", with: "\"iss\": \"\(iss)\", \"id\": \"urn:uuid:1\",")
        return base64URL(Array(header.utf8)) + "." + base64URL(Array(payload.utf8)) + ".c2ln"
    }

    @Test func jwtIssMustNameTheCredentialsIssuer() throws {
        #expect(try Self.parse(Self.jwt(iss: "https://issuer.example")).issuer.id == "https://issuer.example")
        #expect(Self.errors(Self.jwt(iss: "https://other.example")) == ["openbadge.issuer-mismatch b.json:0:0 jwt.payload.iss"])
    }

    @Test func criticalHeaderParametersAreExposed() throws {
        let badge = try Self.parse(Self.jwt(iss: "https://issuer.example", header: #"{"alg":"ES256","b64":false,"crit":["b64"]}"#))
        guard case .jwt(let jwt) = badge.proof else {
            Issue.record("expected a JWT proof")
            return
        }
        #expect(jwt.critical == ["b64"])
        #expect(Self.errors(Self.jwt(iss: "https://issuer.example", header: #"{"alg":"ES256","crit":"b64"}"#))
            == ["openbadge.bad-jwt b.json:1:1 jwt.header.crit"])
    }

    @Test func badJWTsAreRejected() {
        #expect(Self.errors("e30.e30.@@@") == ["openbadge.syntax b.json:1:1 "])
        #expect(Self.errors("bm90IGpzb24.e30.c2ln") == ["openbadge.bad-jwt b.json:1:1 jwt.header"])
        #expect(Self.errors("e30.e30.c2ln") == [
            "openbadge.missing-field b.json:0:0 jwt.payload.@context",
            "openbadge.missing-field b.json:0:0 jwt.payload.type",
            "openbadge.missing-field b.json:0:0 jwt.payload.issuer",
            "openbadge.missing-field b.json:0:0 jwt.payload.validFrom",
            "openbadge.missing-field b.json:0:0 jwt.payload.credentialSubject",
        ])
    }

    /// Positions counted by hand in `minimal` after each edit (1-based line and column of the value,
    /// or of the object lacking a field).
    @Test func structuralErrorsNameTheirJSONPath() {
        #expect(Self.errors("{\n  \"a\": [1,\n}") == ["openbadge.syntax b.json:3:1 "])
        #expect(Self.errors(Self.minimal.replacingOccurrences(of: "\"OpenBadgeCredential\"", with: "\"Diploma\""))
            == ["openbadge.not-a-badge b.json:4:11 type"])
        #expect(Self.errors(Self.minimal.replacingOccurrences(of: "2025-03-01T10:00:00Z", with: "yesterday"))
            == ["openbadge.bad-date b.json:6:16 validFrom"])
        #expect(Self.errors(Self.minimal.replacingOccurrences(of: "\"validFrom\": \"2025-03-01T10:00:00Z\"",
                                                              with: "\"validFrom\": \"2025-03-01T10:00:00Z\", \"validUntil\": \"2025-02-01T00:00:00Z\""))
            == ["openbadge.bad-date b.json:6:54 validUntil"])
        #expect(Self.errors(Self.minimal.replacingOccurrences(of: "\"name\": \"MLA\",", with: "\"name\": 7,")
            .replacingOccurrences(of: "\"hashed\": true", with: "\"hashed\": \"yes\""))
            == [
                "openbadge.bad-type b.json:8:89 credentialSubject.identifier[0].hashed",
                "openbadge.bad-type b.json:10:70 credentialSubject.achievement.name",
            ])
        #expect(Self.errors(Self.minimal.replacingOccurrences(of: "\"targetUrl\": \"https://x.example/a\", ", with: ""))
            == ["openbadge.missing-field b.json:11:35 credentialSubject.achievement.alignment[0].targetUrl"])
    }
}
