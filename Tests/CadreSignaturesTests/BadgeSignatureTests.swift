import CadreEngine
import Crypto
import Testing
@testable import CadreSignatures

/// Keys are made in each test; badges are signed with them and checked against a table of
/// trusted issuers, as an import checks them.
@Suite("Open Badge signatures")
struct BadgeSignatureTests {
    static func verifier(_ keys: [TrustedIssuerKey]) -> BadgeVerifier { BadgeVerifier(trusted: TrustedIssuers(keys)) }

    static func trusting(_ signer: TestSigner, kid: String? = nil, issuer: String = BadgeJWT.issuer) throws -> BadgeVerifier {
        verifier([TrustedIssuerKey(issuer: issuer, keyID: kid, key: try signer.publicKey())])
    }

    @Test("a JWT signed by a trusted issuer's key is verified", arguments: ["ES256", "EdDSA", "ES384", "RS256"])
    func validSignatureIsVerified(algorithm: String) throws {
        let signer = try TestSigner.make(algorithm)
        let badge = try BadgeJWT.parse(BadgeJWT.signed(by: signer, kid: "k1"))
        #expect(try Self.trusting(signer, kid: "k1").check(badge) == .verified(algorithm: algorithm, key: "k1"))
        // A key configured without a kid answers to any; the label then is the header's kid.
        #expect(try Self.trusting(signer).check(badge) == .verified(algorithm: algorithm, key: "k1"))
    }

    @Test("one byte of the payload changed: the signature no longer verifies", arguments: ["ES256", "EdDSA"])
    func tamperedPayloadIsRejected(algorithm: String) throws {
        let signer = try TestSigner.make(algorithm)
        let parts = try BadgeJWT.signed(by: signer).split(separator: ".").map(String.init)
        var payload = try #require(Base64URL.decoded(parts[1]))
        let text = Array("ana@example.org".utf8)
        let at = try #require(payload.indices.first { payload[$0...].starts(with: text) })
        payload[at + 2] = UInt8(ascii: "b")  // ana@… → anb@…
        let badge = try BadgeJWT.parse(parts[0] + "." + Base64URL.encoded(payload) + "." + parts[2])
        #expect(badge.subject.identifiers.first?.identityHash == "anb@example.org")
        guard case .rejected(let field, let reason) = try Self.trusting(signer).check(badge) else {
            Issue.record("a tampered badge must be rejected")
            return
        }
        #expect(field == "jwt.signature")
        #expect(reason.contains("does not verify") && reason.contains(BadgeJWT.issuer))
    }

    @Test("signed by a key the issuer does not have: rejected", arguments: ["ES256", "EdDSA", "RS256"])
    func anotherKeyIsRejected(algorithm: String) throws {
        let badge = try BadgeJWT.parse(BadgeJWT.signed(by: TestSigner.make(algorithm)))
        let other = try TestSigner.make(algorithm).publicKey()
        let kind = ["ES256": "P-256", "EdDSA": "Ed25519", "RS256": "RSA-2048"][algorithm] ?? ""
        #expect(other.kind == kind)
        #expect(Self.verifier([TrustedIssuerKey(issuer: BadgeJWT.issuer, key: other)]).check(badge) == .rejected(
            field: "jwt.signature", reason: "the signature does not verify under issuer `\(BadgeJWT.issuer)`'s \(kind) key (\(algorithm))"))
    }

    @Test func unknownIssuerIsUnverified() throws {
        let signer = try TestSigner.make("ES256")
        let badge = try BadgeJWT.parse(BadgeJWT.signed(by: signer, issuer: "https://elsewhere.example/issuer"))
        #expect(try Self.trusting(signer).check(badge)
            == .unverified(reason: "issuer `https://elsewhere.example/issuer` is not among the trusted issuers"))
        // Nothing trusted at all: the same.
        #expect(Self.verifier([]).check(badge)
            == .unverified(reason: "issuer `https://elsewhere.example/issuer` is not among the trusted issuers"))
    }

    @Test("embedded proofs and no proof: unverified, even from a trusted issuer")
    func unsupportedProofIsUnverified() throws {
        let trusted = try Self.trusting(TestSigner.make("EdDSA"))
        let credential = BadgeJWT.credential()
        let dataIntegrity = String(credential.dropLast()) + #","proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022","proofValue":"z3"}}"#
        #expect(try trusted.check(BadgeJWT.parse(dataIntegrity))
            == .unverified(reason: "its DataIntegrityProof (eddsa-rdfc-2022) is a proof format Cadre does not verify"))
        let legacy = dataIntegrity.replacingOccurrences(of: "DataIntegrityProof", with: "Ed25519Signature2020")
        #expect(try trusted.check(BadgeJWT.parse(legacy))
            == .unverified(reason: "its Ed25519Signature2020 proof is a proof format Cadre does not verify"))
        #expect(try trusted.check(BadgeJWT.parse(credential)) == .unverified(reason: "the badge carries no proof"))
    }

    /// Decided: a trusted issuer signs its badges, so an unsigned JWT in its name is rejected like a
    /// forged one; from an issuer nobody trusts it is unverified, as every badge of such an issuer is.
    @Test func algNoneIsRejectedForATrustedIssuerAndUnverifiedOtherwise() throws {
        let unsigned = try BadgeJWT.compact(header: BadgeJWT.header("none"), payload: BadgeJWT.credential(), signer: nil)
        let badge = try BadgeJWT.parse(unsigned)
        let trusted = try Self.trusting(TestSigner.make("ES256"))
        guard case .rejected(let field, let reason) = trusted.check(badge) else {
            Issue.record("alg none from a trusted issuer must be rejected")
            return
        }
        #expect(field == "jwt.header.alg" && reason.contains("not signed"))
        #expect(Self.verifier([]).check(badge) == .unverified(reason: "issuer `\(BadgeJWT.issuer)` is not among the trusted issuers"))
        // No alg at all is the same as none.
        let bare = try BadgeJWT.compact(header: #"{"typ":"vc+jwt"}"#, payload: BadgeJWT.credential(), signer: nil)
        guard case .rejected(field: "jwt.header.alg", _) = trusted.check(try BadgeJWT.parse(bare)) else {
            Issue.record("a JWT without alg from a trusted issuer must be rejected")
            return
        }
    }

    @Test("an alg that does not fit the issuer's key is rejected; one Cadre does not verify is unverified")
    func algorithmMustFitTheKey() throws {
        let edKey = try TestSigner.make("EdDSA")
        let trusted = try Self.trusting(edKey, kid: "ed")
        // Signed with a P-256 key under kid "ed": the configured key named "ed" is Ed25519.
        let confused = try BadgeJWT.parse(BadgeJWT.signed(by: TestSigner.make("ES256"), kid: "ed"))
        #expect(trusted.check(confused) == .rejected(
            field: "jwt.header.alg",
            reason: "`alg` `ES256` does not fit issuer `\(BadgeJWT.issuer)`'s Ed25519 key `ed`, so no trusted key can have made this signature"))
        // HS256 would use the public key as an HMAC secret: not an algorithm Cadre verifies at all.
        let hmac = try BadgeJWT.parse(BadgeJWT.compact(header: BadgeJWT.header("HS256", kid: "ed"), payload: BadgeJWT.credential(), signer: edKey))
        guard case .unverified(let reason) = trusted.check(hmac) else {
            Issue.record("HS256 must not verify")
            return
        }
        #expect(reason.hasPrefix("`alg` `HS256` is not an algorithm Cadre verifies"))
        // RFC 9864's fully-specified name for EdDSA over Ed25519 verifies with the same key.
        let fullySpecified = try BadgeJWT.parse(
            BadgeJWT.compact(header: BadgeJWT.header("Ed25519", kid: "ed"), payload: BadgeJWT.credential(), signer: edKey))
        #expect(trusted.check(fullySpecified) == .verified(algorithm: "Ed25519", key: "ed"))
    }

    @Test("kid picks the issuer's key; a kid Cadre has no key for leaves the badge unverified")
    func keyIDSelectsTheKey() throws {
        let old = try TestSigner.make("ES256"), new = try TestSigner.make("ES256")
        let trusted = Self.verifier([
            TrustedIssuerKey(issuer: BadgeJWT.issuer, keyID: "2024", key: try old.publicKey()),
            TrustedIssuerKey(issuer: BadgeJWT.issuer, keyID: "2025", key: try new.publicKey()),
        ])
        #expect(trusted.check(try BadgeJWT.parse(BadgeJWT.signed(by: old, kid: "2024"))) == .verified(algorithm: "ES256", key: "2024"))
        #expect(trusted.check(try BadgeJWT.parse(BadgeJWT.signed(by: new, kid: "2025"))) == .verified(algorithm: "ES256", key: "2025"))
        // No kid: every key of the issuer is tried.
        #expect(trusted.check(try BadgeJWT.parse(BadgeJWT.signed(by: new))) == .verified(algorithm: "ES256", key: "2025"))
        // Signed by the 2025 key but naming 2024: only the 2024 key is tried.
        guard case .rejected(field: "jwt.signature", _) = trusted.check(try BadgeJWT.parse(BadgeJWT.signed(by: new, kid: "2024"))) else {
            Issue.record("a kid naming another key than the signer's must be rejected")
            return
        }
        #expect(trusted.check(try BadgeJWT.parse(BadgeJWT.signed(by: TestSigner.make("ES256"), kid: "2026")))
            == .unverified(reason: "the JWT names key `2026`, which is not configured for issuer `\(BadgeJWT.issuer)`"))
    }

    @Test func criticalHeaderExtensionsAreNotVerified() throws {
        let signer = try TestSigner.make("ES256")
        let header = BadgeJWT.header("ES256", extra: #","b64":false,"crit":["b64"]"#)
        let badge = try BadgeJWT.parse(BadgeJWT.compact(header: header, payload: BadgeJWT.credential(), signer: signer))
        #expect(try Self.trusting(signer).check(badge)
            == .unverified(reason: "the JWT marks `b64` critical, a header extension Cadre does not implement"))
    }

    /// JWS writes ECDSA signatures as the raw `r ‖ s`; the DER form other tools produce is refused.
    @Test func derEncodedECDSASignatureIsRejected() throws {
        guard case .p256(let key) = try TestSigner.make("ES256") else { return }
        let input = Base64URL.encoded(Array(BadgeJWT.header("ES256").utf8)) + "." + Base64URL.encoded(Array(BadgeJWT.credential().utf8))
        let der = Array(try key.signature(for: Array(input.utf8)).derRepresentation)
        let badge = try BadgeJWT.parse(input + "." + Base64URL.encoded(der))
        guard case .rejected(field: "jwt.signature", _) = try Self.trusting(.p256(key)).check(badge) else {
            Issue.record("a DER signature must be rejected")
            return
        }
    }

    @Test("badges signed by another JOSE implementation verify with its JWK and with its PEM")
    func outsideVectorsVerify() throws {
        for vector in OutsideVectors.all {
            let badge = try BadgeJWT.parse(vector.jwt)
            #expect(badge.issuer.id == OutsideVectors.issuer)
            #expect(badge.subject.identifiers.first?.identityHash == "ana@example.org")
            for key in [try IssuerPublicKey(jwk: vector.jwk), try IssuerPublicKey(pem: vector.pem)] {
                let verifier = Self.verifier([TrustedIssuerKey(issuer: OutsideVectors.issuer, keyID: vector.keyID, key: key)])
                #expect(verifier.check(badge) == .verified(algorithm: vector.algorithm, key: vector.keyID), "\(vector.algorithm)")
            }
            // The same badge with its last signature byte flipped.
            var signature = try #require(Base64URL.decoded(String(vector.jwt.split(separator: ".")[2])))
            signature[signature.count - 1] ^= 1
            let forged = vector.jwt.split(separator: ".").prefix(2).joined(separator: ".") + "." + Base64URL.encoded(signature)
            let verifier = Self.verifier([TrustedIssuerKey(issuer: OutsideVectors.issuer, key: try IssuerPublicKey(jwk: vector.jwk))])
            guard case .rejected(field: "jwt.signature", _) = verifier.check(try BadgeJWT.parse(forged)) else {
                Issue.record("\(vector.algorithm): a flipped signature bit must be rejected")
                continue
            }
        }
    }
}
