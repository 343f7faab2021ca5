/// One key the operator trusts an issuer to sign badges with.
public struct TrustedIssuerKey: Sendable {
    /// The issuer's id as badges state it (`issuer`, or `issuer.id`): a URL or a DID.
    public var issuer: String
    /// The JWS `kid` this key answers to; a key without one answers to any `kid`.
    public var keyID: String?
    public var key: IssuerPublicKey

    public init(issuer: String, keyID: String? = nil, key: IssuerPublicKey) {
        self.issuer = issuer
        self.keyID = keyID
        self.key = key
    }

    /// `P-256 key `key-1`` or `Ed25519 key` (no kid): for messages.
    public var label: String { keyID.map { "\(key.kind) key `\($0)`" } ?? "\(key.kind) key" }
}

/// The issuers whose badges Cadre can verify, with their keys in the order configured. A key the
/// badge carries itself (a `jwk`, `jku` or `x5c` header) is never consulted: it would only prove
/// that whoever made the badge had some key.
public struct TrustedIssuers: Sendable {
    private var byIssuer: [String: [TrustedIssuerKey]] = [:]

    public init(_ keys: [TrustedIssuerKey] = []) {
        for key in keys { byIssuer[key.issuer, default: []].append(key) }
    }

    public var isEmpty: Bool { byIssuer.isEmpty }

    /// The issuer's keys; empty for an issuer the operator does not trust.
    public func keys(of issuer: String) -> [TrustedIssuerKey] { byIssuer[issuer] ?? [] }
}
