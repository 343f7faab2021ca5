import Crypto
import Foundation
import _CryptoExtras

extension IssuerPublicKey {
    /// One PEM block: `PUBLIC KEY` (SubjectPublicKeyInfo, as `openssl pkey -pubout` writes it) of
    /// a P-256, P-384, Ed25519 or RSA key, or `RSA PUBLIC KEY` (PKCS #1). Private keys and
    /// certificates are refused with the command that gives the public key.
    public init(pem text: String) throws(KeyProblem) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let begins = lines.indices.filter { lines[$0].hasPrefix("-----BEGIN ") && lines[$0].hasSuffix("-----") }
        guard begins.count == 1, let begin = begins.first else {
            throw KeyProblem(begins.isEmpty
                ? "no PEM block: expected -----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----"
                : "\(begins.count) PEM blocks; give one key per entry")
        }
        let label = String(lines[begin].dropFirst("-----BEGIN ".count).dropLast("-----".count))
        guard let end = lines.firstIndex(of: "-----END \(label)-----"), end > begin else {
            throw KeyProblem("the PEM block has no -----END \(label)----- line")
        }
        if label.contains("PRIVATE KEY") {
            throw KeyProblem("this is a private key; configure the issuer's public key only (openssl pkey -pubout)")
        }
        if label == "CERTIFICATE" {
            throw KeyProblem("this is a certificate; configure its public key (openssl x509 -pubkey -noout)")
        }
        guard label == "PUBLIC KEY" || label == "RSA PUBLIC KEY" else {
            throw KeyProblem("a PEM block labelled `\(label)`; expected PUBLIC KEY")
        }
        guard let der = Data(base64Encoded: lines[(begin + 1)..<end].joined()), !der.isEmpty else {
            throw KeyProblem("the PEM block's body is not base64")
        }
        if label == "PUBLIC KEY", der.count == Self.ed25519Prefix.count + 32, der.starts(with: Self.ed25519Prefix) {
            let raw = Array(der.dropFirst(Self.ed25519Prefix.count))
            guard (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
                throw KeyProblem("the PEM block is not an Ed25519 public key")
            }
            self.init(.ed25519(raw))
        } else if label == "PUBLIC KEY", let key = try? P256.Signing.PublicKey(derRepresentation: der) {
            self.init(.p256(Array(key.rawRepresentation)))
        } else if label == "PUBLIC KEY", let key = try? P384.Signing.PublicKey(derRepresentation: der) {
            self.init(.p384(Array(key.rawRepresentation)))
        } else if let key = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: der) {
            self = try Self.checkedRSA(key)
        } else {
            throw KeyProblem("the PEM block is not a P-256, P-384, Ed25519 or RSA public key")
        }
    }

    /// SubjectPublicKeyInfo of an Ed25519 key up to the key's 32 bytes (RFC 8410 §4: the
    /// algorithm 1.3.101.112 and a bit string of 33 bytes with no unused bits).
    private static let ed25519Prefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]
}
