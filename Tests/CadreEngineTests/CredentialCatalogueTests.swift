@testable import CadreEngine
import Foundation
import Testing

@Suite struct CredentialCatalogueTests {
    @Test func readsEveryField() throws {
        let catalogue = try CredentialFixture.catalogue()
        #expect(catalogue.currency == "USD")
        #expect(catalogue.credentials.map(\.id) == ["new", "old", "gone", "forever"])
        #expect(catalogue.idsAscending == ["forever", "gone", "new", "old"])
        let new = try #require(catalogue.credential("new"))
        #expect(new == Credential(
            id: "new", name: "New Cert", issuer: "Vendor", examCode: "NEW-01",
            skills: [SkillLevel(skill: "ml", level: 3), SkillLevel(skill: "cloud", level: 2)],
            validityMonths: 24, accredited: false, cost: 20000, preparationHours: 4050, source: "vendor page"))
        let old = try #require(catalogue.credential("old"))
        #expect(old.retiredOn == CredentialFixture.day("2025-01-01"))
        #expect(old.successor == "new")
        #expect(catalogue.credential("forever")?.validityMonths == nil)
        #expect(catalogue.credential("forever")?.accredited == true)
        #expect(catalogue.credential("nope") == nil)
    }

    @Test func jsonCataloguesReadTheSame() throws {
        let json = """
            {"currency": "USD", "credentials": [
              {"id": "a", "name": "A", "issuer": "I", "cost": 100, "source": "s",
               "validityMonths": 12, "retiredOn": "2026-01-31", "skills": [{"skill": "ml", "level": 2}]}
            ]}
            """
        let catalogue = try CredentialCatalogueParser.parse([CredentialCatalogueSource(name: "c.json", contents: json)],
                                                           skills: CredentialFixture.skills)
        #expect(catalogue.credentials == [Credential(
            id: "a", name: "A", issuer: "I", skills: [SkillLevel(skill: "ml", level: 2)], validityMonths: 12,
            retiredOn: CredentialFixture.day("2026-01-31"), cost: 100, source: "s")])
    }

    /// Positions counted by hand from the YAML below (1-based line and column of the value).
    @Test func everyProblemIsLocatedAndNothingIsReturned() {
        let yaml = """
            credentials:
              - id: a
                name: A
                issuer: "I\\tab"
                cost: -5
                source: s
                validityMonths: 0
                retiredOn: 2025-02-30
                successor: zzz
                accredited: maybe
                preparationHours: 1.234
                skills:
                  - {skill: mll, level: 6}
                  - {skill: ml, level: 2}
                  - {skill: ml, level: 3}
              - id: a
                name: Again
                issuer: I
                cost: 1
                source: s
                skills: []
                colour: red
            """
        #expect(CredentialFixture.catalogueErrors(yaml) == [
            "credential.control-character c.yaml:4:13 credentials[0].issuer",
            "credential.bad-amount c.yaml:5:11 credentials[0].cost",
            "credential.validity-out-of-range c.yaml:7:21 credentials[0].validityMonths",
            "credential.bad-date c.yaml:8:16 credentials[0].retiredOn",
            "credential.unknown-successor c.yaml:9:16 credentials[0].successor",
            "credential.bad-type c.yaml:10:17 credentials[0].accredited",
            "credential.bad-amount c.yaml:11:23 credentials[0].preparationHours",
            "credential.unknown-skill c.yaml:13:17 credentials[0].skills[0].skill",
            "credential.level-out-of-range c.yaml:13:29 credentials[0].skills[0].level",
            "credential.duplicate-id c.yaml:15:17 credentials[0].skills[2].skill",
            "credential.duplicate-id c.yaml:16:9 credentials[1].id",
            "credential.missing-field c.yaml:21:13 credentials[1].skills",
            "credential.unknown-field c.yaml:22:5 credentials[1].colour",
        ])
    }

    @Test func missingRequiredFieldsAndSelfSuccession() {
        let yaml = """
            credentials:
              - id: a
                successor: a
                skills: [{skill: ml, level: 1}]
            """
        #expect(CredentialFixture.catalogueErrors(yaml) == [
            "credential.missing-field c.yaml:2:5 credentials[0].name",
            "credential.missing-field c.yaml:2:5 credentials[0].issuer",
            "credential.missing-field c.yaml:2:5 credentials[0].source",
            "credential.missing-field c.yaml:2:5 credentials[0].cost",
            "credential.unknown-successor c.yaml:3:16 credentials[0].successor",
        ])
    }

    @Test func syntaxErrorsAndEmptyCatalogues() {
        #expect(CredentialFixture.catalogueErrors("credentials:\n  - id: [unclosed\n").first?.hasPrefix("credential.syntax c.yaml:") == true)
        #expect(CredentialFixture.catalogueErrors("credentials: []\n") == ["credential.empty c.yaml:0:0 credentials"])
        #expect(CredentialFixture.catalogueErrors("currency: usd\ncredentials: []\n") == [
            "credential.empty c.yaml:0:0 credentials", "credential.bad-type c.yaml:1:11 currency",
        ])
    }

    @Test func filesMustAgreeOnTheCurrency() {
        let one = CredentialCatalogueSource(name: "one.yaml", contents: CredentialFixture.catalogueYAML)
        let two = CredentialCatalogueSource(name: "two.yaml", contents: "currency: EUR\n")
        #expect(throws: InputErrors.self) { try CredentialCatalogueParser.parse([one, two], skills: CredentialFixture.skills) }
        do {
            _ = try CredentialCatalogueParser.parse([one, two], skills: CredentialFixture.skills)
        } catch {
            #expect(error.errors.map(taxonomyErrorSummary) == ["credential.currency-mismatch two.yaml:1:11 currency"])
        }
    }

    @Test func hoursAreExactHundredths() {
        #expect(CredentialFileReader.hundredths("40") == 4000)
        #expect(CredentialFileReader.hundredths("40.5") == 4050)
        #expect(CredentialFileReader.hundredths("0.05") == 5)
        #expect(CredentialFileReader.hundredths("1.234") == nil)
        #expect(CredentialFileReader.hundredths("-1") == nil)
        #expect(CredentialFileReader.hundredths(".5") == nil)
    }

    /// The documented canonical encoding; its SHA-256 was computed with Python's hashlib.
    @Test func digestIsSHA256OfTheDocumentedEncoding() throws {
        let catalogue = try CredentialCatalogue(credentials: [
            Credential(id: "a", name: "A", issuer: "I", examCode: "X-1", skills: [SkillLevel(skill: "ml", level: 2)],
                       validityMonths: 12, retiredOn: CredentialFixture.day("2026-01-31"), cost: 100, preparationHours: 250, source: "s"),
        ], currency: "USD")
        let text = "19:cadre-credentials/1,3:USD,1:1,1:a,1:A,1:I,3:X-1,1:1,2:ml,1:2,2:12,10:2026-01-31,0:,1:0,3:100,3:250,1:s,"
        #expect(String(decoding: catalogue.canonicalEncoding, as: UTF8.self) == text)
        #expect(catalogue.digest == "25eda69126eba7a3087db0538f55c16d687aefd057016c2513efe176798b5693")
        var cheaper = catalogue.credentials
        cheaper[0].cost = 99
        #expect(try CredentialCatalogue(credentials: cheaper, currency: "USD").digest != catalogue.digest)
    }

    @Test func codeBuiltCataloguesAreCheckedByTheSameRules() {
        #expect(throws: InputErrors.self) {
            try CredentialCatalogue(credentials: [Credential(id: "a", name: "A", issuer: "I", skills: [SkillLevel(skill: "x", level: 2)],
                                                             successor: "b", source: "s")], skills: ["ml"])
        }
        do {
            _ = try CredentialCatalogue(credentials: [Credential(id: "a", name: "A\n", issuer: "I", skills: [SkillLevel(skill: "x", level: 9)],
                                                                 successor: "b", source: "s")], skills: ["ml"])
        } catch {
            #expect(error.errors.map(\.code) == [.credentialControlCharacter, .credentialUnknownSkill, .credentialLevelOutOfRange,
                                                 .credentialUnknownSuccessor])
        }
    }

    @Test func codableRoundTripRevalidates() throws {
        let catalogue = try CredentialFixture.catalogue()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(catalogue)
        #expect(try JSONDecoder().decode(CredentialCatalogue.self, from: data) == catalogue)
        let broken = String(decoding: data, as: UTF8.self).replacingOccurrences(of: #""successor":"new""#, with: #""successor":"nil""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CredentialCatalogue.self, from: Data(broken.utf8)) }
    }
}
