@testable import CadreEngine
import Foundation
import Testing

/// A small catalogue and roster with hand-picked dates, shared by the credentialing tests.
enum CredentialFixture {
    static let skills = ["cloud", "ml", "stats"]

    static func day(_ text: String) -> CalendarDay {
        var text = text
        guard let day = text.withUTF8({ FieldScanning.day($0) }) else {
            Issue.record("bad test date \(text)")
            return CalendarDay(daysSinceEpoch: 0)
        }
        return day
    }

    /// `old` retired 2025-01-01 with successor `new`; `gone` retired with none; `forever` never expires.
    static let catalogueYAML = """
        currency: USD
        credentials:
          - id: new
            name: New Cert
            issuer: Vendor
            examCode: NEW-01
            validityMonths: 24
            cost: 20000
            preparationHours: 40.5
            source: vendor page
            skills:
              - {skill: ml, level: 3}
              - {skill: cloud, level: 2}
          - id: old
            name: Old Cert
            issuer: Vendor
            validityMonths: 36
            retiredOn: 2025-01-01
            successor: new
            cost: 15000
            source: vendor page
            skills: [{skill: ml, level: 2}]
          - id: gone
            name: Gone Cert
            issuer: Other
            validityMonths: 12
            retiredOn: 2024-06-30
            cost: 5000
            source: blog
            skills: [{skill: stats, level: 2}]
          - id: forever
            name: Forever Cert
            issuer: Other
            accredited: true
            cost: 9900
            source: blog
            skills: [{skill: stats, level: 1}]
        """

    static func catalogue() throws -> CredentialCatalogue {
        try CredentialCatalogueParser.parse([CredentialCatalogueSource(name: "catalogue.yaml", contents: catalogueYAML)],
                                            skills: skills)
    }

    static func catalogueErrors(_ yaml: String, skills: [String] = skills) -> [String] {
        do {
            _ = try CredentialCatalogueParser.parse([CredentialCatalogueSource(name: "c.yaml", contents: yaml)], skills: skills)
            return []
        } catch {
            return error.errors.map(taxonomyErrorSummary)
        }
    }

    static func holding(_ person: String, _ credential: String, _ earned: String, _ expires: String?) -> CredentialHolding {
        CredentialHolding(person: person, credential: credential, earnedOn: day(earned), expiresOn: expires.map(day))
    }

    static var openBadgesFolder: URL {
        TaxonomyTestFiles.repositoryRoot.appendingPathComponent("../shared/data/openbadges").standardizedFileURL
    }
}
