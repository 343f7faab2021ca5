import CadreEngine

/// What checking a badge's proof found.
public enum BadgeVerification: Hashable, Sendable {
    /// The VC-JWT's signature is valid under a trusted key of the credential's issuer.
    case verified(algorithm: String, key: String)
    /// Nothing Cadre can check: an issuer it does not trust, a proof format or algorithm it does
    /// not verify, a key it has not been given. Stored and shown as such, never counted as proof.
    case unverified(reason: String)
    /// A trusted issuer's badge that fails the check: forged, altered or unsigned. The import
    /// refuses the whole set; `field` is the part of the JWT at fault.
    case rejected(field: String, reason: String)
}

/// Checks Open Badges against the issuer keys the operator trusts.
///
/// For a VC-JWT whose issuer has trusted keys: `alg: none` (or no `alg`) is rejected; a `crit`
/// header or an algorithm Cadre does not verify leaves it unverified; the keys considered are
/// those whose `kid` equals the header's (keys configured without one always count) — when
/// there are none, the badge is unverified, since Cadre holds no key to check it with; among
/// them, the keys whose type signs with `alg`: when there are none, it is rejected (an `alg`
/// that does not fit the issuer's key is the mark of algorithm confusion); otherwise it is
/// verified when one of them accepts the signature and rejected when none does. Time claims are
/// not judged here: an expired badge imports as an expired holding.
public struct BadgeVerifier: Sendable {
    public let trusted: TrustedIssuers

    public init(trusted: TrustedIssuers) {
        self.trusted = trusted
    }

    public func check(_ badge: OpenBadge) -> BadgeVerification {
        guard case .jwt(let jwt) = badge.proof else { return .unverified(reason: Self.unsupported(badge.proof)) }
        let issuer = badge.issuer.id
        let keys = trusted.keys(of: issuer)
        guard !keys.isEmpty else { return .unverified(reason: "issuer `\(issuer)` is not among the trusted issuers") }
        guard let algorithm = jwt.algorithm, algorithm != "none" else {
            return .rejected(
                field: "jwt.header.alg",
                reason: "the JWT is not signed (`alg` is \(jwt.algorithm.map { "`\($0)`" } ?? "absent")), but issuer `\(issuer)` is trusted and signs its badges")
        }
        if !jwt.critical.isEmpty {
            return .unverified(
                reason: "the JWT marks \(jwt.critical.map { "`\($0)`" }.joined(separator: ", ")) critical, a header extension Cadre does not implement")
        }
        guard IssuerPublicKey.supportedAlgorithms.contains(algorithm) else {
            return .unverified(
                reason: "`alg` `\(algorithm)` is not an algorithm Cadre verifies (\(IssuerPublicKey.supportedAlgorithms.sorted().joined(separator: ", ")))")
        }
        var named = keys
        if let keyID = jwt.keyID {
            named = keys.filter { $0.keyID == nil || $0.keyID == keyID }
            guard !named.isEmpty else {
                return .unverified(reason: "the JWT names key `\(keyID)`, which is not configured for issuer `\(issuer)`")
            }
        }
        let fitting = named.filter { $0.key.algorithms.contains(algorithm) }
        guard !fitting.isEmpty else {
            return .rejected(
                field: "jwt.header.alg",
                reason: "`alg` `\(algorithm)` does not fit issuer `\(issuer)`'s \(Self.list(named)), so no trusted key can have made this signature")
        }
        for key in fitting where key.key.isValidSignature(jwt.signature, of: jwt.signingInput, algorithm: algorithm) {
            return .verified(algorithm: algorithm, key: key.keyID ?? jwt.keyID ?? key.key.kind)
        }
        return .rejected(
            field: "jwt.signature", reason: "the signature does not verify under issuer `\(issuer)`'s \(Self.list(fitting)) (\(algorithm))")
    }

    /// Why an embedded proof (or none) is not checked.
    static func unsupported(_ proof: OpenBadgeProof) -> String {
        switch proof {
        case .none: "the badge carries no proof"
        case .dataIntegrity(let suite?): "its DataIntegrityProof (\(suite)) is a proof format Cadre does not verify"
        case .jwt: "a JWT is checked against its issuer's keys"
        default: "its \(proof.kind) proof is a proof format Cadre does not verify"
        }
    }

    private static func list(_ keys: [TrustedIssuerKey]) -> String {
        keys.map(\.label).joined(separator: ", ")
    }
}
