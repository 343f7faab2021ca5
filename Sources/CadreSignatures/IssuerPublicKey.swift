import Crypto
import Foundation
import _CryptoExtras

/// A public key an issuer signs badges with, of a kind Cadre verifies: each kind signs under the
/// JOSE algorithms listed in `algorithms` and no other, so a JWT's `alg` cannot make Cadre use a
/// key for something it is not (RFC 8725 §3.1). Made only by the JWK and PEM readers, which
/// check the key; the curve keys are kept as their checked raw bytes (swift-crypto's key types
/// are not `Sendable` in its 3.x releases) and rebuilt for each verification, which is cheap.
public struct IssuerPublicKey: Sendable {
    enum Material: Sendable {
        /// `x ‖ y`, 32 bytes each.
        case p256([UInt8])
        /// `x ‖ y`, 48 bytes each.
        case p384([UInt8])
        case ed25519([UInt8])
        /// At least 2048 bits.
        case rsa(_RSA.Signing.PublicKey)
    }

    let material: Material

    init(_ material: Material) {
        self.material = material
    }

    /// The smallest RSA modulus accepted (RFC 7518 §3.3: 2048 bits or larger).
    public static let minimumRSABits = 2048

    /// Every algorithm some kind of key verifies: `alg` values outside it are proofs Cadre cannot check.
    public static let supportedAlgorithms: Set<String> = ["ES256", "ES384", "EdDSA", "Ed25519", "RS256"]

    /// The JOSE `alg` values this key verifies. `Ed25519` is RFC 9864's fully-specified name for
    /// EdDSA over Ed25519.
    public var algorithms: Set<String> {
        switch material {
        case .p256: ["ES256"]
        case .p384: ["ES384"]
        case .ed25519: ["EdDSA", "Ed25519"]
        case .rsa: ["RS256"]
        }
    }

    /// `P-256`, `P-384`, `Ed25519`, `RSA-3072`: for messages.
    public var kind: String {
        switch material {
        case .p256: "P-256"
        case .p384: "P-384"
        case .ed25519: "Ed25519"
        case .rsa(let key): "RSA-\(key.keySizeInBits)"
        }
    }

    /// Whether `signature` is this key's signature of `input` under `algorithm`; false for an
    /// algorithm the key is not for, and for a signature of the wrong form (JWS writes ECDSA
    /// signatures as the raw `r ‖ s`, not DER: RFC 7518 §3.4).
    public func isValidSignature(_ signature: [UInt8], of input: [UInt8], algorithm: String) -> Bool {
        guard algorithms.contains(algorithm) else { return false }
        switch material {
        case .p256(let raw):
            guard let key = try? P256.Signing.PublicKey(rawRepresentation: raw),
                  let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: input)
        case .p384(let raw):
            guard let key = try? P384.Signing.PublicKey(rawRepresentation: raw),
                  let parsed = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: input)
        case .ed25519(let raw):
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
            return key.isValidSignature(signature, for: input)
        case .rsa(let key):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: input),
                padding: .insecurePKCS1v1_5)
        }
    }
}

/// Why a configured key cannot be used: the JWK member at fault (nil for the key as a whole, or a
/// PEM block) and what is wrong, for a located configuration error.
public struct KeyProblem: Error, Hashable, Sendable {
    public var member: String?
    public var message: String

    public init(member: String? = nil, _ message: String) {
        self.member = member
        self.message = message
    }
}
