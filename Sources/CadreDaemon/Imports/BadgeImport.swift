import CadreEngine
import CadreSignatures
import CadreWire

/// Open Badges 3.0 credentials imported as holdings: each file is parsed (structure checked,
/// located errors), its recipient matched to a person and its achievement to a catalogue
/// credential as `badges.yaml` says, its proof checked against the issuer keys the operator
/// trusts (`BadgeVerifier`), and the whole set stored as one batch of holdings — or, if any badge
/// is malformed, unmatched or carries a bad signature, nothing.
///
/// A holding is `verified` only when its VC-JWT's signature is valid under a trusted key of its
/// issuer; every other badge is `unverified` (shown with its status and coverage, never counted
/// as assessment evidence), and the outcome says why.
struct BadgeImport {
    let settings: BadgeSettings
    let catalogue: CredentialCatalogue
    let knownPeople: [String]

    /// One badge file's holding and what checking its proof found.
    struct Outcome {
        var file: String
        var badge: OpenBadge
        var holding: CredentialHolding
        var verification: BadgeVerification

        var wire: Workforce.BadgeOutcome {
            let (status, detail): (String, String) = switch verification {
            case .verified(let algorithm, let key): ("verified", "\(algorithm) signature of key `\(key)`")
            case .unverified(let reason): ("unverified", reason)
            case .rejected(_, let reason): ("rejected", reason)
            }
            var proof = badge.proof.kind
            if case .jwt(let jwt) = badge.proof { proof += " " + (jwt.algorithm ?? "none") }
            if case .dataIntegrity(let suite?) = badge.proof { proof += " " + suite }
            return Workforce.BadgeOutcome(
                file: file, person: holding.person, credential: holding.credential, issuer: badge.issuer.id, proof: proof,
                verification: status, detail: detail)
        }
    }

    /// Every badge's outcome, or every problem found (located by file and field).
    func outcomes(_ files: [Workforce.SourceFile]) throws -> [Outcome] {
        var people = settings.people
        if settings.identityType != "emailAddress" && settings.identityType != "id" {
            for id in knownPeople where people[id] == nil { people[id] = id }
        }
        let matching = OpenBadgeMatching(
            identityType: settings.identityType, people: people, achievements: settings.achievements,
            alignments: settings.alignments)
        let verifier = BadgeVerifier(trusted: settings.trustedIssuers)
        let known = Set(knownPeople)
        var outcomes: [Outcome] = []
        var errors: [InputError] = []
        for file in files {
            let badge: OpenBadge
            do {
                badge = try OpenBadgeParser.parse(Array(file.contents.utf8), file: file.name)
            } catch {
                errors.append(contentsOf: error.errors)
                continue
            }
            let verification = verifier.check(badge)
            if case .rejected(let field, let reason) = verification {
                let (line, column) = Self.position(of: field, in: file.contents)
                errors.append(InputError(
                    .openBadgeBadSignature, file: file.name, line: line, column: column, field: field,
                    message: "credential `\(badge.id ?? badge.achievement.id)` of trusted issuer `\(badge.issuer.id)`: \(reason)",
                    hint: "the badge was altered or was not signed by its issuer; ask the issuer for the badge again, or check the key in badges.yaml (trustedIssuers)"))
            }
            let match = matching.match(badge, catalogue: catalogue)
            if let problem = match.personProblem {
                errors.append(InputError(
                    .init("openbadge.unmatched-recipient"), file: file.name, field: "credentialSubject", message: problem,
                    hint: "map the recipient in badges.yaml (identityType, people)"))
            }
            if let problem = match.credentialProblem {
                errors.append(InputError(
                    .init("openbadge.unmatched-achievement"), file: file.name, field: "credentialSubject.achievement",
                    message: problem, hint: "map the achievement or an alignment to a catalogue credential in badges.yaml"))
            }
            if var holding = match.holding {
                guard known.contains(holding.person) else {
                    errors.append(InputError(
                        .importUnknownPerson, file: file.name, field: "credentialSubject",
                        message: "the badge names person '\(holding.person)', who is not imported"))
                    continue
                }
                if case .verified = verification { holding.verification = .verified }
                outcomes.append(Outcome(file: file.name, badge: badge, holding: holding, verification: verification))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return outcomes
    }

    /// Where a part of a compact JWT starts in the file (1-based line and column): the header for
    /// `jwt.header…`, the signature for `jwt.signature`. The JWT is one line after any blank ones.
    static func position(of field: String, in contents: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var bytes = contents.utf8[...]
        while let byte = bytes.first, [0x20, 0x09, 0x0A, 0x0D].contains(byte) {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            bytes = bytes.dropFirst()
        }
        guard field == "jwt.signature" else { return (line, column) }
        var dots = 0
        for byte in bytes {
            column += 1
            if byte == UInt8(ascii: ".") {
                dots += 1
                if dots == 2 { break }
            }
        }
        return (line, column)
    }
}
