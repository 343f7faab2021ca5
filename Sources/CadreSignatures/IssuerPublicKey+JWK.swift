import CadreEngine
import Crypto
import _CryptoExtras

extension IssuerPublicKey {
    /// The JWK members read as text; any other member (`key_ops`, `x5c`…) is left alone.
    public static let jwkTextMembers: Set<String> = ["kty", "crv", "x", "y", "n", "e", "d", "kid", "alg", "use"]

    /// A public JWK (RFC 7517): `EC` on `P-256` or `P-384` (RFC 7518 §6.2), `OKP` on `Ed25519`
    /// (RFC 8037), `RSA` of 2048 bits or more (RFC 7518 §6.3). A private member (`d`) is refused —
    /// configuration holds the issuer's public key only — as are `use` other than `sig` and an
    /// `alg` the key cannot sign with. `kid` is the caller's to read.
    public init(jwk members: [String: String]) throws(KeyProblem) {
        guard let type = members["kty"] else { throw KeyProblem(member: "kty", "a JWK needs `kty` (EC, OKP or RSA)") }
        if members["d"] != nil {
            throw KeyProblem(member: "d", "this JWK holds a private key; configure the issuer's public key only (drop `d` and the other private members)")
        }
        if let use = members["use"], use != "sig" {
            throw KeyProblem(member: "use", "`use` is `\(use)`; a key that verifies badges is for signatures (`sig`)")
        }
        switch type {
        case "EC":
            let curve = members["crv"]
            let length: Int
            switch curve {
            case "P-256": length = 32
            case "P-384": length = 48
            default: throw KeyProblem(member: "crv", "EC curve `\(curve ?? "")` is not supported; Cadre verifies P-256 (ES256) and P-384 (ES384)")
            }
            let x = try Self.coordinate(members, "x", length: length)
            let y = try Self.coordinate(members, "y", length: length)
            let point = x + y
            let valid = length == 32
                ? (try? P256.Signing.PublicKey(rawRepresentation: point)) != nil
                : (try? P384.Signing.PublicKey(rawRepresentation: point)) != nil
            guard valid else { throw KeyProblem("`x` and `y` are not a point on \(curve ?? "the curve")") }
            self.init(length == 32 ? .p256(point) : .p384(point))
        case "OKP":
            guard members["crv"] == "Ed25519" else {
                throw KeyProblem(member: "crv", "OKP curve `\(members["crv"] ?? "")` is not supported; Cadre verifies Ed25519 (EdDSA)")
            }
            let x = try Self.coordinate(members, "x", length: 32)
            guard (try? Curve25519.Signing.PublicKey(rawRepresentation: x)) != nil else {
                throw KeyProblem(member: "x", "`x` is not an Ed25519 public key")
            }
            self.init(.ed25519(x))
        case "RSA":
            guard let n = members["n"].flatMap(Base64URL.decoded), !n.isEmpty else {
                throw KeyProblem(member: "n", "an RSA JWK needs the modulus `n`, base64url")
            }
            guard let e = members["e"].flatMap(Base64URL.decoded), !e.isEmpty else {
                throw KeyProblem(member: "e", "an RSA JWK needs the exponent `e`, base64url")
            }
            let key: _RSA.Signing.PublicKey
            do {
                key = try _RSA.Signing.PublicKey(n: n, e: e)
            } catch {
                throw KeyProblem(member: "n", "`n` and `e` are not an RSA public key")
            }
            self = try Self.checkedRSA(key)
        default:
            throw KeyProblem(member: "kty", "key type `\(type)` is not supported; Cadre verifies EC (P-256, P-384), OKP (Ed25519) and RSA keys")
        }
        if let algorithm = members["alg"], !algorithms.contains(algorithm) {
            throw KeyProblem(
                member: "alg", "`alg` is `\(algorithm)`, which a \(kind) key does not sign with (\(algorithms.sorted().joined(separator: ", ")))")
        }
    }

    /// An RSA key, refused under `minimumRSABits`.
    static func checkedRSA(_ key: _RSA.Signing.PublicKey) throws(KeyProblem) -> IssuerPublicKey {
        guard key.keySizeInBits >= minimumRSABits else {
            throw KeyProblem(member: "n", "the RSA key has \(key.keySizeInBits) bits; at least \(minimumRSABits) are required (RFC 7518 §3.3)")
        }
        return IssuerPublicKey(.rsa(key))
    }

    /// A base64url coordinate of exactly `length` bytes (RFC 7518 §6.2.1.2 writes them full length).
    private static func coordinate(_ members: [String: String], _ name: String, length: Int) throws(KeyProblem) -> [UInt8] {
        guard let text = members[name] else { throw KeyProblem(member: name, "the JWK needs `\(name)`") }
        guard let bytes = Base64URL.decoded(text) else { throw KeyProblem(member: name, "`\(name)` is not base64url") }
        guard bytes.count == length else {
            throw KeyProblem(member: name, "`\(name)` is \(bytes.count) bytes; this curve's are \(length)")
        }
        return bytes
    }
}
