import CadreEngine
import Crypto
import Testing
import _CryptoExtras
@testable import CadreSignatures

/// The keys an operator configures: what is accepted, and which member a refusal names.
@Suite("Trusted issuer keys")
struct IssuerKeyTests {
    static func problem(jwk: [String: String]) -> KeyProblem? {
        do {
            _ = try IssuerPublicKey(jwk: jwk)
            return nil
        } catch {
            return error
        }
    }

    static func problem(pem: String) -> KeyProblem? {
        do {
            _ = try IssuerPublicKey(pem: pem)
            return nil
        } catch {
            return error
        }
    }

    @Test func publicJWKsOfEachKind() throws {
        for (algorithm, kind) in [("ES256", "P-256"), ("ES384", "P-384"), ("EdDSA", "Ed25519"), ("RS256", "RSA-2048")] {
            let key = try TestSigner.make(algorithm).publicKey()
            #expect(key.kind == kind)
            #expect(key.algorithms.contains(algorithm))
        }
        var jwk = try TestSigner.make("ES256").jwk()
        jwk["alg"] = "ES256"
        jwk["use"] = "sig"
        #expect(Self.problem(jwk: jwk) == nil)
    }

    @Test func refusedJWKsNameTheMemberAtFault() throws {
        let p256 = try TestSigner.make("ES256").jwk()
        func with(_ base: [String: String], _ changes: [String: String?]) -> [String: String] {
            var jwk = base
            for (member, value) in changes { jwk[member] = value }
            return jwk
        }
        #expect(Self.problem(jwk: with(p256, ["d": "AAAA"]))?.member == "d")
        #expect(Self.problem(jwk: with(p256, ["kty": nil]))?.member == "kty")
        #expect(Self.problem(jwk: with(p256, ["kty": "oct"]))?.member == "kty")
        #expect(Self.problem(jwk: with(p256, ["crv": "P-521"]))?.member == "crv")
        #expect(Self.problem(jwk: with(p256, ["use": "enc"]))?.member == "use")
        #expect(Self.problem(jwk: with(p256, ["alg": "EdDSA"]))
            == KeyProblem(member: "alg", "`alg` is `EdDSA`, which a P-256 key does not sign with (ES256)"))
        #expect(Self.problem(jwk: with(p256, ["x": "AAAA"])) == KeyProblem(member: "x", "`x` is 3 bytes; this curve's are 32"))
        #expect(Self.problem(jwk: with(p256, ["y": "not base64url!"]))?.member == "y")
        // 32 + 32 bytes that are no point of the curve.
        #expect(Self.problem(jwk: with(p256, ["y": p256["x"]]))?.message.contains("not a point") == true)
        let ed = try TestSigner.make("EdDSA").jwk()
        #expect(Self.problem(jwk: with(ed, ["crv": "Ed448"]))?.member == "crv")
        #expect(Self.problem(jwk: with(ed, ["x": nil]))?.member == "x")
    }

    @Test func rsaKeysUnder2048BitsAreRefused() throws {
        let small = try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: 1024)).publicKey
        let primitives = try small.getKeyPrimitives()
        let jwk = ["kty": "RSA", "n": Base64URL.encoded(Array(primitives.modulus)), "e": Base64URL.encoded(Array(primitives.publicExponent))]
        #expect(Self.problem(jwk: jwk)
            == KeyProblem(member: "n", "the RSA key has 1024 bits; at least 2048 are required (RFC 7518 §3.3)"))
        #expect(Self.problem(pem: small.pemRepresentation)?.message.contains("1024 bits") == true)
        #expect(Self.problem(jwk: ["kty": "RSA", "e": "AQAB"])?.member == "n")
    }

    @Test func pemPublicKeysOfEachKind() throws {
        #expect(try IssuerPublicKey(pem: P256.Signing.PrivateKey().publicKey.pemRepresentation).kind == "P-256")
        #expect(try IssuerPublicKey(pem: P384.Signing.PrivateKey().publicKey.pemRepresentation).kind == "P-384")
        let rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048).publicKey
        #expect(try IssuerPublicKey(pem: rsa.pemRepresentation).kind == "RSA-2048")
        #expect(try IssuerPublicKey(pem: rsa.pkcs1PEMRepresentation).kind == "RSA-2048")
        // RFC 8410 §10.1's example Ed25519 public key, indented as YAML's block scalar might leave it.
        let rfc8410 = """
              -----BEGIN PUBLIC KEY-----
              MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
              -----END PUBLIC KEY-----
            """
        #expect(try IssuerPublicKey(pem: rfc8410).kind == "Ed25519")
    }

    @Test func refusedPEMsSayWhatToGiveInstead() throws {
        let privateKey = P256.Signing.PrivateKey().pemRepresentation
        #expect(Self.problem(pem: privateKey)?.message.contains("openssl pkey -pubout") == true)
        #expect(Self.problem(pem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")?.message.contains("openssl x509 -pubkey") == true)
        #expect(Self.problem(pem: "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=")?.message.hasPrefix("no PEM block") == true)
        let one = P256.Signing.PrivateKey().publicKey.pemRepresentation
        #expect(Self.problem(pem: one + "\n" + one)?.message == "2 PEM blocks; give one key per entry")
        #expect(Self.problem(pem: "-----BEGIN PUBLIC KEY-----\n@@@@\n-----END PUBLIC KEY-----")?.message == "the PEM block's body is not base64")
        #expect(Self.problem(pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")?.message
            == "the PEM block is not a P-256, P-384, Ed25519 or RSA public key")
    }
}
