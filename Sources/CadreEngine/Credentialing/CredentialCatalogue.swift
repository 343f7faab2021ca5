/// The organisation's credential catalogue: the certifications it tracks, in the order its files
/// list them. Runs are pinned to its `digest`, like the taxonomy's.
public struct CredentialCatalogue: Codable, Hashable, Sendable {
    /// ISO 4217 code of the currency every `cost` is in, when the files say (`USD`).
    public let currency: String?
    /// In file order (files in the order given).
    public let credentials: [Credential]
    /// Ids ascending (byte order: ids are ASCII) with their position in `credentials`.
    private let sortedIDs: [String]
    private let sortedPositions: [Int]

    /// Checks a catalogue built in code by the rules the parser applies: ids valid and unique,
    /// skills known (when `skills` is given) and once each at levels 1–5, validity 1–600 months,
    /// successors in the catalogue, amounts not negative, no control characters in text.
    ///
    /// - Throws: `InputErrors` naming each problem by field path (`credentials[2].successor`).
    public init(credentials: [Credential], currency: String? = nil, skills: [String]? = nil) throws(InputErrors) {
        let errors = CredentialRules.problems(credentials, currency: currency, skills: skills.map(Set.init), file: "<catalogue>")
        guard errors.isEmpty else { throw InputErrors(errors) }
        self.init(checked: credentials, currency: currency)
    }

    /// For credentials the parser has already checked.
    init(checked credentials: [Credential], currency: String?) {
        self.currency = currency
        self.credentials = credentials
        let order = credentials.indices.sorted { credentials[$0].id < credentials[$1].id }
        sortedIDs = order.map { credentials[$0].id }
        sortedPositions = order
    }

    public func credential(_ id: String) -> Credential? { position(of: id).map { credentials[$0] } }

    /// Index into `credentials`, by binary search.
    public func position(of id: String) -> Int? {
        var low = 0, high = sortedIDs.count
        while low < high {
            let mid = (low + high) / 2
            if sortedIDs[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < sortedIDs.count && sortedIDs[low] == id ? sortedPositions[low] : nil
    }

    /// Credential ids in ascending byte order.
    public var idsAscending: [String] { sortedIDs }

    private enum CodingKeys: String, CodingKey { case currency, credentials }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let credentials = try container.decode([Credential].self, forKey: .credentials)
        let currency = try container.decodeIfPresent(String.self, forKey: .currency)
        do {
            try self.init(credentials: credentials, currency: currency)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: [CodingKeys.credentials], debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(currency, forKey: .currency)
        try container.encode(credentials, forKey: .credentials)
    }

    public static func == (a: Self, b: Self) -> Bool { a.currency == b.currency && a.credentials == b.credentials }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(currency)
        hasher.combine(credentials)
    }
}

/// The rules a catalogue obeys whoever built it, for values made in code; the parser checks the
/// same rules with file positions as it reads.
enum CredentialRules {
    static let levelRange = 1...5
    /// Fifty years: no certification lasts longer; a bigger number is a typo.
    static let validityRange = 1...600

    /// True when `text` has a Unicode control character (C0, DEL or C1).
    static func hasControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    static func isCurrencyCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    static func problems(_ credentials: [Credential], currency: String?, skills: Set<String>?, file: String) -> [InputError] {
        var errors: [InputError] = []
        func report(_ code: InputError.Code, _ field: String, _ message: String) {
            errors.append(InputError(code, file: file, field: field, message: message))
        }
        if let currency, !isCurrencyCode(currency) {
            report(.credentialBadType, "currency", "`\(currency)` is not an ISO 4217 code such as USD")
        }
        if credentials.isEmpty { report(.credentialEmpty, "credentials", "the catalogue has no credentials") }
        let ids = Set(credentials.map(\.id))
        var seen: Set<String> = []
        for (index, credential) in credentials.enumerated() {
            let field = "credentials[\(index)]"
            if !TaxonomyIdentifier.isValid(credential.id) { report(.credentialBadID, "\(field).id", "`\(credential.id)` is not a valid id") }
            if !seen.insert(credential.id).inserted { report(.credentialDuplicateID, "\(field).id", "credential `\(credential.id)` is already defined") }
            for (key, text) in [("name", credential.name), ("issuer", credential.issuer), ("source", credential.source)] {
                if text.isEmpty { report(.credentialMissingField, "\(field).\(key)", "`\(key)` is required") }
                if hasControlCharacter(text) { report(.credentialControlCharacter, "\(field).\(key)", "`\(key)` holds a control character") }
            }
            if let code = credential.examCode, code.isEmpty || hasControlCharacter(code) {
                report(.credentialControlCharacter, "\(field).examCode", "the exam code is empty or holds a control character")
            }
            if credential.skills.isEmpty { report(.credentialMissingField, "\(field).skills", "a credential evidences at least one skill") }
            var skillsSeen: Set<String> = []
            for (position, evidenced) in credential.skills.enumerated() {
                let skillField = "\(field).skills[\(position)]"
                if let skills, !skills.contains(evidenced.skill) {
                    report(.credentialUnknownSkill, "\(skillField).skill", "no skill has the id `\(evidenced.skill)`")
                }
                if !skillsSeen.insert(evidenced.skill).inserted {
                    report(.credentialDuplicateID, "\(skillField).skill", "skill `\(evidenced.skill)` is listed twice")
                }
                if !levelRange.contains(evidenced.level) {
                    report(.credentialLevelOutOfRange, "\(skillField).level", "level \(evidenced.level) is outside 1–5")
                }
            }
            if let months = credential.validityMonths, !validityRange.contains(months) {
                report(.credentialValidityOutOfRange, "\(field).validityMonths", "validity \(months) months is outside 1–600")
            }
            if let successor = credential.successor, successor == credential.id || !ids.contains(successor) {
                report(.credentialUnknownSuccessor, "\(field).successor", "`\(successor)` is not another credential of the catalogue")
            }
            if credential.cost < 0 { report(.credentialBadAmount, "\(field).cost", "the cost is negative") }
            if credential.preparationHours < 0 { report(.credentialBadAmount, "\(field).preparationHours", "preparation hours are negative") }
        }
        return errors
    }
}
