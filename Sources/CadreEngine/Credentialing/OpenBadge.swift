/// What Cadre reads from an Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential,
/// VC 2.0 or 1.1): who issued it, to whom, for what achievement, when it is valid and how it is
/// signed. Everything else in the badge (images, evidence, results, endorsements) is left alone.
public struct OpenBadge: Codable, Hashable, Sendable {
    /// The credential's own `id`, when it has one (a URL or a `urn:uuid:`).
    public var id: String?
    /// The file the badge came from, for messages.
    public var file: String
    public var issuer: OpenBadgeProfile
    public var subject: OpenBadgeSubject
    public var achievement: OpenBadgeAchievement
    /// Seconds since the epoch: `validFrom` (VC 2.0) or `issuanceDate` (VC 1.1).
    public var validFrom: Int64
    /// Seconds since the epoch: `validUntil` (VC 2.0) or `expirationDate` (VC 1.1); nil when absent.
    public var validUntil: Int64?
    public var proof: OpenBadgeProof

    public init(
        id: String?, file: String, issuer: OpenBadgeProfile, subject: OpenBadgeSubject,
        achievement: OpenBadgeAchievement, validFrom: Int64, validUntil: Int64?, proof: OpenBadgeProof
    ) {
        self.id = id
        self.file = file
        self.issuer = issuer
        self.subject = subject
        self.achievement = achievement
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.proof = proof
    }
}

public struct OpenBadgeProfile: Codable, Hashable, Sendable {
    /// The issuer's URI (a URL or a DID); a trusted-key table is keyed by it.
    public var id: String
    public var name: String?

    public init(id: String, name: String? = nil) {
        self.id = id
        self.name = name
    }
}

/// An `IdentityObject` of `credentialSubject.identifier`: the recipient's e-mail, student id, etc.
/// When `hashed`, `identityHash` is `sha256$` + hex SHA-256 of the identity followed by `salt`.
public struct OpenBadgeIdentifier: Codable, Hashable, Sendable {
    /// `emailAddress`, `sourcedId`, `studentId`, `lisSourcedId`, … or an extension's own type.
    public var identityType: String
    public var identityHash: String
    public var hashed: Bool
    public var salt: String?

    public init(identityType: String, identityHash: String, hashed: Bool, salt: String? = nil) {
        self.identityType = identityType
        self.identityHash = identityHash
        self.hashed = hashed
        self.salt = salt
    }
}

public struct OpenBadgeSubject: Codable, Hashable, Sendable {
    /// `credentialSubject.id`, often a DID; OB3 allows it to be absent when identifiers are given.
    public var id: String?
    public var identifiers: [OpenBadgeIdentifier]

    public init(id: String? = nil, identifiers: [OpenBadgeIdentifier] = []) {
        self.id = id
        self.identifiers = identifiers
    }
}

/// An achievement's alignment to a framework item (a CASE item, a CTDL competency, a vendor's
/// certification page); the alignment table maps its URL or code to a catalogue credential.
public struct OpenBadgeAlignment: Codable, Hashable, Sendable {
    public var targetURL: String
    public var targetName: String
    public var targetCode: String?
    public var targetFramework: String?
    public var targetType: String?

    public init(targetURL: String, targetName: String, targetCode: String? = nil,
                targetFramework: String? = nil, targetType: String? = nil) {
        self.targetURL = targetURL
        self.targetName = targetName
        self.targetCode = targetCode
        self.targetFramework = targetFramework
        self.targetType = targetType
    }
}

public struct OpenBadgeAchievement: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var alignments: [OpenBadgeAlignment]

    public init(id: String, name: String, alignments: [OpenBadgeAlignment] = []) {
        self.id = id
        self.name = name
        self.alignments = alignments
    }
}

/// How a badge is signed. The engine only recognises the form; verifying a signature needs
/// cryptography and trusted issuer keys, which live outside it (CadreSignatures).
public enum OpenBadgeProof: Codable, Hashable, Sendable {
    /// No proof at all: nothing vouches for the badge.
    case none
    /// An embedded `DataIntegrityProof` (VC Data Integrity), with its `cryptosuite` when stated.
    case dataIntegrity(cryptosuite: String?)
    /// An embedded `Ed25519Signature2020` proof.
    case ed25519Signature2020
    /// A proof of a type Cadre does not know.
    case other(type: String)
    /// The badge arrived as a compact JWS (VC-JWT): verify `signingInput` against `signature`
    /// with the issuer key the header names.
    case jwt(OpenBadgeJWT)

    /// A short name for reports: `none`, `DataIntegrityProof`, `Ed25519Signature2020`, `jwt`, or the type.
    public var kind: String {
        switch self {
        case .none: "none"
        case .dataIntegrity: "DataIntegrityProof"
        case .ed25519Signature2020: "Ed25519Signature2020"
        case .other(let type): type
        case .jwt: "jwt"
        }
    }
}

/// The three parts of a compact JWS, decoded, and the bytes the signature covers.
public struct OpenBadgeJWT: Codable, Hashable, Sendable {
    /// The protected header's JSON bytes (base64url-decoded).
    public var header: [UInt8]
    /// The payload's JSON bytes (base64url-decoded).
    public var payload: [UInt8]
    /// The raw signature bytes (base64url-decoded).
    public var signature: [UInt8]
    /// `BASE64URL(header) "." BASE64URL(payload)` as ASCII bytes — exactly what was signed.
    public var signingInput: [UInt8]
    /// The header's `alg` (`ES256`, `EdDSA`, `RS256`…), when it is a string.
    public var algorithm: String?
    /// The header's `kid`, when it is a string: which issuer key to verify with.
    public var keyID: String?
    /// The header's `crit`: extensions a verifier must understand, or treat the JWS as one it
    /// cannot check (RFC 7515 §4.1.11); empty when absent.
    public var critical: [String]

    public init(header: [UInt8], payload: [UInt8], signature: [UInt8], signingInput: [UInt8],
                algorithm: String?, keyID: String?, critical: [String] = []) {
        self.header = header
        self.payload = payload
        self.signature = signature
        self.signingInput = signingInput
        self.algorithm = algorithm
        self.keyID = keyID
        self.critical = critical
    }
}
