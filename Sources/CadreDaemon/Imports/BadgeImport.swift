import CadreEngine
import CadreWire
import Foundation
import Yams

/// Open Badges 3.0 credentials imported as holdings: each file is parsed (structure checked,
/// located errors), its recipient matched to a person and its achievement to a catalogue
/// credential as `badges.yaml` (beside `cadred.yaml`) says, and the whole set stored as one batch
/// of holdings — or, if any badge is malformed or unmatched, nothing.
///
/// Signatures: a badge's proof is recorded (JWT, Data Integrity, none) but not verified, so every
/// imported badge is `unverified`. Unverified holdings are shown with their status and coverage
/// but never count as assessment evidence (never silently trusted).
struct BadgeImport {
    /// `badges.yaml`: which recipient identifier names a person and what achievements mean.
    struct Settings: Codable, Sendable {
        /// `id` (credentialSubject.id), `emailAddress`, `sourcedId`…
        var identityType: String = "sourcedId"
        /// Identity value → person external id; for an HR id type, a value missing here is taken
        /// as the external id itself.
        var people: [String: String] = [:]
        /// Achievement id → catalogue credential id.
        var achievements: [String: String] = [:]
        /// Alignment targetUrl or targetCode → catalogue credential id.
        var alignments: [String: String] = [:]

        init() {}

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            identityType = try container.decodeIfPresent(String.self, forKey: .identityType) ?? "sourcedId"
            people = try container.decodeIfPresent([String: String].self, forKey: .people) ?? [:]
            achievements = try container.decodeIfPresent([String: String].self, forKey: .achievements) ?? [:]
            alignments = try container.decodeIfPresent([String: String].self, forKey: .alignments) ?? [:]
        }

        static func load(directory: String) throws -> Settings {
            let path = (directory as NSString).appendingPathComponent("badges.yaml")
            guard FileManager.default.fileExists(atPath: path) else { return Settings() }
            do {
                return try YAMLDecoder().decode(Settings.self, from: try String(contentsOfFile: path, encoding: .utf8))
            } catch {
                throw InputErrors([InputError(.init("config.badges"), file: path, message: "\(error)", hint: "see docs/CREDENTIALS.md")])
            }
        }
    }

    let settings: Settings
    let catalogue: CredentialCatalogue
    let knownPeople: [String]

    /// Every badge's holding, or every problem found (located by file and field).
    func holdings(_ files: [Workforce.SourceFile]) throws -> [CredentialHolding] {
        var people = settings.people
        if settings.identityType != "emailAddress" && settings.identityType != "id" {
            for id in knownPeople where people[id] == nil { people[id] = id }
        }
        let matching = OpenBadgeMatching(
            identityType: settings.identityType, people: people, achievements: settings.achievements,
            alignments: settings.alignments)
        let known = Set(knownPeople)
        var holdings: [CredentialHolding] = []
        var errors: [InputError] = []
        for file in files {
            let badge: OpenBadge
            do {
                badge = try OpenBadgeParser.parse(Array(file.contents.utf8), file: file.name)
            } catch {
                errors.append(contentsOf: error.errors)
                continue
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
            if let holding = match.holding {
                guard known.contains(holding.person) else {
                    errors.append(InputError(
                        .importUnknownPerson, file: file.name, field: "credentialSubject",
                        message: "the badge names person '\(holding.person)', who is not imported"))
                    continue
                }
                holdings.append(holding)
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return holdings
    }
}
