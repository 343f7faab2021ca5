import CadreEngine
import CadreSignatures
import Crypto
import Foundation
import _CryptoExtras

/// A private key made in the test, signing as a JWS issuer would.
enum TestSigner {
    case p256(P256.Signing.PrivateKey)
    case p384(P384.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)
    case rsa(_RSA.Signing.PrivateKey)

    static func make(_ algorithm: String) throws -> TestSigner {
        switch algorithm {
        case "ES256": .p256(P256.Signing.PrivateKey())
        case "ES384": .p384(P384.Signing.PrivateKey())
        case "EdDSA": .ed25519(Curve25519.Signing.PrivateKey())
        default: .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048))
        }
    }

    var algorithm: String {
        switch self {
        case .p256: "ES256"
        case .p384: "ES384"
        case .ed25519: "EdDSA"
        case .rsa: "RS256"
        }
    }

    /// The public half as a JWK's members.
    func jwk() throws -> [String: String] {
        switch self {
        case .p256(let key):
            let raw = Array(key.publicKey.rawRepresentation)
            return ["kty": "EC", "crv": "P-256", "x": Base64URL.encoded(raw[..<32]), "y": Base64URL.encoded(raw[32...])]
        case .p384(let key):
            let raw = Array(key.publicKey.rawRepresentation)
            return ["kty": "EC", "crv": "P-384", "x": Base64URL.encoded(raw[..<48]), "y": Base64URL.encoded(raw[48...])]
        case .ed25519(let key):
            return ["kty": "OKP", "crv": "Ed25519", "x": Base64URL.encoded(Array(key.publicKey.rawRepresentation))]
        case .rsa(let key):
            let primitives = try key.publicKey.getKeyPrimitives()
            return ["kty": "RSA", "n": Base64URL.encoded(Array(primitives.modulus)), "e": Base64URL.encoded(Array(primitives.publicExponent))]
        }
    }

    func publicKey() throws -> IssuerPublicKey { try IssuerPublicKey(jwk: jwk()) }

    /// The JWS signature of `input`: raw `r ‖ s` for ECDSA (RFC 7518 §3.4), PKCS #1 v1.5 for RS256.
    func sign(_ input: [UInt8]) throws -> [UInt8] {
        switch self {
        case .p256(let key): Array(try key.signature(for: input).rawRepresentation)
        case .p384(let key): Array(try key.signature(for: input).rawRepresentation)
        case .ed25519(let key): Array(try key.signature(for: input))
        case .rsa(let key): Array(try key.signature(for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation)
        }
    }
}

/// Badges written as an issuer writes them: an OB 3.0 credential as a VC-JWT (VC 2.0 with JOSE:
/// the payload is the credential).
enum BadgeJWT {
    static let issuer = "https://badges.example.org/issuers/1"

    static func credential(issuer: String = issuer, recipient: String = "ana@example.org") -> String {
        """
        {"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:b1","type":["VerifiableCredential","OpenBadgeCredential"],\
        "issuer":{"id":"\(issuer)","name":"Example Badges"},"validFrom":"2025-03-01T10:00:00Z",\
        "credentialSubject":{"identifier":[{"type":"IdentityObject","identityType":"emailAddress","hashed":false,\
        "identityHash":"\(recipient)"}],"achievement":{"id":"https://badges.example.org/achievements/pmle","name":"ML Engineer"}}}
        """
    }

    static func header(_ algorithm: String, kid: String? = nil, extra: String = "") -> String {
        "{\"alg\":\"\(algorithm)\"" + (kid.map { ",\"kid\":\"\($0)\"" } ?? "") + extra + ",\"typ\":\"vc+jwt\"}"
    }

    /// `header.payload.signature`, signed by `signer` (nil: an empty signature, as `alg: none` has).
    static func compact(header: String, payload: String, signer: TestSigner?) throws -> String {
        let input = Base64URL.encoded(Array(header.utf8)) + "." + Base64URL.encoded(Array(payload.utf8))
        let signature = try signer.map { try $0.sign(Array(input.utf8)) } ?? []
        return input + "." + Base64URL.encoded(signature)
    }

    static func signed(by signer: TestSigner, kid: String? = nil, issuer: String = issuer) throws -> String {
        try compact(header: header(signer.algorithm, kid: kid), payload: credential(issuer: issuer), signer: signer)
    }

    static func parse(_ text: String) throws -> OpenBadge {
        try OpenBadgeParser.parse(Array(text.utf8), file: "badge.jwt")
    }
}
