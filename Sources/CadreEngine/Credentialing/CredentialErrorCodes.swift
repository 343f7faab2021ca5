/// The stable codes of credential catalogue, holdings and Open Badges errors; docs/CREDENTIALS.md
/// lists each with its fix. Clients and tests match on these strings, so a code is never renamed.
extension InputError.Code {
    /// The catalogue file is not YAML (JSON is read as YAML, so also not JSON).
    public static let credentialSyntax = Self("credential.syntax")
    public static let credentialMissingField = Self("credential.missing-field")
    /// A field holds the wrong kind of value: a list where text belongs, `yes please` for `accredited`.
    public static let credentialBadType = Self("credential.bad-type")
    public static let credentialUnknownField = Self("credential.unknown-field")
    /// An id outside `[A-Za-z0-9][A-Za-z0-9._-]*`.
    public static let credentialBadID = Self("credential.bad-id")
    /// A credential id defined twice, or a skill evidenced twice by one credential.
    public static let credentialDuplicateID = Self("credential.duplicate-id")
    /// A skill the taxonomy does not define.
    public static let credentialUnknownSkill = Self("credential.unknown-skill")
    /// A skill level outside 1–5.
    public static let credentialLevelOutOfRange = Self("credential.level-out-of-range")
    /// `validityMonths` outside 1–600.
    public static let credentialValidityOutOfRange = Self("credential.validity-out-of-range")
    /// A `successor` no catalogue file defines, or the credential itself.
    public static let credentialUnknownSuccessor = Self("credential.unknown-successor")
    /// A date that is not `YYYY-MM-DD` or does not exist.
    public static let credentialBadDate = Self("credential.bad-date")
    /// A cost that is not a whole number of minor units ≥ 0, or hours that are not ≥ 0 with at
    /// most two decimals.
    public static let credentialBadAmount = Self("credential.bad-amount")
    /// Text with a control character (a line break, tab, NUL…).
    public static let credentialControlCharacter = Self("credential.control-character")
    /// Catalogue files name different currencies.
    public static let credentialCurrencyMismatch = Self("credential.currency-mismatch")
    /// Across all files there is no credential.
    public static let credentialEmpty = Self("credential.empty")

    /// A holding names a credential the catalogue does not have.
    public static let credentialUnknownCredential = Self("credential.unknown-credential")
    /// A holding expires on or before the day it was earned.
    public static let credentialExpiresBeforeEarned = Self("credential.expires-before-earned")
    /// A holding earned after the import's as-of day.
    public static let credentialEarnedInFuture = Self("credential.earned-in-future")
    /// The same person, credential and earned day twice in one file.
    public static let credentialDuplicateHolding = Self("credential.duplicate-holding")
    /// A role level recommends a credential the catalogue does not have (checked per run).
    public static let credentialUnknownRecommendation = Self("credential.unknown-recommendation")
    /// Run input whose arrays disagree (built in code, not read from a file).
    public static let credentialMalformedInput = Self("credential.malformed-input")

    /// An Open Badges file is not JSON, nor a compact JWT.
    public static let openBadgeSyntax = Self("openbadge.syntax")
    /// A field the Open Badges 3.0 / VC data model requires is absent.
    public static let openBadgeMissingField = Self("openbadge.missing-field")
    /// A field of the wrong JSON type.
    public static let openBadgeBadType = Self("openbadge.bad-type")
    /// The JSON is a credential but not an `OpenBadgeCredential` (or `AchievementCredential`).
    public static let openBadgeNotABadge = Self("openbadge.not-a-badge")
    /// A date that is not an RFC 3339 timestamp, or an expiry before the start.
    public static let openBadgeBadDate = Self("openbadge.bad-date")
    /// A compact JWT whose parts are not base64url, or whose header or payload is not JSON.
    public static let openBadgeBadJWT = Self("openbadge.bad-jwt")
    /// A JWT whose `iss` claim names another issuer than the credential's `issuer`.
    public static let openBadgeIssuerMismatch = Self("openbadge.issuer-mismatch")
    /// A VC-JWT of a trusted issuer whose signature does not verify under the issuer's keys, or
    /// that is not signed at all (`alg: none`), or signed with an algorithm its key is not for.
    public static let openBadgeBadSignature = Self("openbadge.bad-signature")
}
