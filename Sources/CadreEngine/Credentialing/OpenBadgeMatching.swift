/// How imported badges are tied to people and catalogue credentials, as the operator configures
/// it: which recipient identifier names a person, and which achievements and alignments mean
/// which credential.
public struct OpenBadgeMatching: Codable, Hashable, Sendable {
    /// The `identityType` that identifies a person (`emailAddress`, or an HR id type such as
    /// `sourcedId`); `id` means `credentialSubject.id` itself (a DID or `mailto:` URI).
    public var identityType: String
    /// The identity value (an e-mail address, an HR id) → the person's external id.
    public var people: [String: String]
    /// Achievement id → catalogue credential id.
    public var achievements: [String: String]
    /// Alignment `targetUrl` or `targetCode` → catalogue credential id.
    public var alignments: [String: String]

    public init(identityType: String, people: [String: String], achievements: [String: String] = [:],
                alignments: [String: String] = [:]) {
        self.identityType = identityType
        self.people = people
        self.achievements = achievements
        self.alignments = alignments
    }

    /// The person and credential a badge names, and the holding they make when both are found.
    ///
    /// Persons: every recipient identifier of `identityType` is looked up. A plain one matches
    /// the identity value exactly (e-mail addresses ignoring ASCII case). A hashed one
    /// (`sha256$<hex>`) matches a person when SHA-256 of their identity value followed by the
    /// salt gives that hex; this tries every configured person, so it costs one hash per person
    /// per hashed identifier. Identifiers naming two different people leave the badge unmatched.
    ///
    /// Credentials: the achievement id first; otherwise the alignments, each by `targetUrl` then
    /// `targetCode`, which must all agree on one credential of the catalogue.
    public func match(_ badge: OpenBadge, catalogue: CredentialCatalogue) -> OpenBadgeMatch {
        var result = OpenBadgeMatch()
        switch person(of: badge.subject) {
        case .success(let person): result.person = person
        case .failure(let problem): result.personProblem = problem.text
        }
        switch credential(of: badge.achievement, catalogue: catalogue) {
        case .success(let credential): result.credential = credential
        case .failure(let problem): result.credentialProblem = problem.text
        }
        if let person = result.person, let id = result.credential, let credential = catalogue.credential(id) {
            let earned = OpenBadgeMatching.day(of: badge.validFrom)
            let expires = badge.validUntil.map(OpenBadgeMatching.day(of:)) ?? credential.defaultExpiry(earnedOn: earned)
            result.holding = CredentialHolding(
                person: person, credential: id, earnedOn: earned, expiresOn: expires,
                reference: badge.id ?? badge.achievement.id, verification: .unverified)
        }
        return result
    }

    /// The UTC day an instant falls in. A badge valid until an instant counts on day D when the
    /// start of D + 1 is not after it (assessment's rule), so its expiry day E is this day too.
    static func day(of seconds: Int64) -> CalendarDay {
        CalendarDay(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    struct Problem: Error { var text: String }

    private func person(of subject: OpenBadgeSubject) -> Result<String, Problem> {
        var found: Set<String> = []
        var candidates = 0
        if identityType == "id" {
            if let id = subject.id {
                candidates += 1
                if let person = people[id] { found.insert(person) }
            }
        }
        for identifier in subject.identifiers where identifier.identityType == identityType {
            candidates += 1
            if let person = identifier.hashed ? personByHash(identifier) : personByValue(identifier.identityHash) {
                found.insert(person)
            }
        }
        if found.count == 1, let person = found.first { return .success(person) }
        if found.count > 1 {
            return .failure(Problem(text: "its \(identityType) identifiers name different people: \(found.sorted(by: CredentialOrder.less).joined(separator: ", "))"))
        }
        if candidates == 0 { return .failure(Problem(text: "the recipient has no \(identityType) identifier")) }
        return .failure(Problem(text: "no person has the recipient's \(identityType)"))
    }

    private func personByValue(_ value: String) -> String? {
        if let person = people[value] { return person }
        guard identityType == "emailAddress" else { return nil }
        let lowered = Self.asciiLowercased(value)
        for key in people.keys.sorted(by: CredentialOrder.less) where Self.asciiLowercased(key) == lowered {
            return people[key]
        }
        return nil
    }

    /// OB3's hashed identity: `sha256$` + lower-case hex of SHA-256(identity + salt).
    private func personByHash(_ identifier: OpenBadgeIdentifier) -> String? {
        let text = identifier.identityHash
        guard text.hasPrefix("sha256$") else { return nil }
        let expected = Self.asciiLowercased(String(text.dropFirst("sha256$".count)))
        let salt = identifier.salt ?? ""
        for key in people.keys.sorted(by: CredentialOrder.less) where SHA256.hex(Array((key + salt).utf8)) == expected {
            return people[key]
        }
        return nil
    }

    private func credential(of achievement: OpenBadgeAchievement, catalogue: CredentialCatalogue) -> Result<String, Problem> {
        var named: [String] = []
        if let id = achievements[achievement.id] {
            named = [id]
        } else {
            for alignment in achievement.alignments {
                if let id = alignments[alignment.targetURL] ?? alignment.targetCode.flatMap({ alignments[$0] }), !named.contains(id) {
                    named.append(id)
                }
            }
        }
        guard let id = named.first else {
            return .failure(Problem(text: "achievement `\(achievement.id)` and its alignments map to no credential"))
        }
        guard named.count == 1 else {
            return .failure(Problem(text: "the achievement's alignments map to several credentials: \(named.joined(separator: ", "))"))
        }
        guard catalogue.credential(id) != nil else {
            return .failure(Problem(text: "the mapping names `\(id)`, which the catalogue does not have"))
        }
        return .success(id)
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}

/// What matching found for one badge. A badge becomes a holding only when both the person and
/// the credential are found; otherwise the problems say why, for the import report.
public struct OpenBadgeMatch: Codable, Hashable, Sendable {
    public var person: String?
    public var credential: String?
    public var personProblem: String?
    public var credentialProblem: String?
    /// Earned on `validFrom`'s UTC day; expires on `validUntil`'s day, or after the catalogue's
    /// validity when the badge states none; always `unverified` — only a signature check outside
    /// the engine may upgrade it.
    public var holding: CredentialHolding?

    public init() {}
}
