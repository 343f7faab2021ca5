@testable import CadreEngine
import Testing

@Suite struct CredentialHoldingImportTests {
    static func context() throws -> HoldingImportContext {
        HoldingImportContext(people: ["p1", "p2"], catalogue: try CredentialFixture.catalogue(),
                             asOf: CredentialFixture.day("2025-06-30"))
    }

    static func errors(_ text: String) throws -> [String] {
        do {
            let holdings = try CredentialHoldingImport.holdings(in: Array(text.utf8), file: "h.csv", context: context())
            Issue.record("expected errors, got \(holdings.count) holdings")
            return []
        } catch let errors as InputErrors {
            return errors.errors.map(taxonomyErrorSummary)
        }
    }

    @Test func csvRowsWithAndWithoutExpiry() throws {
        let csv = """
            person,credential,earned_on,expires_on,reference
            p1,new,2024-01-31,,CERT-1
            p2,old,2023-05-15,2026-05-15,
            p2,forever,2020-02-29,,

            """
        let holdings = try CredentialHoldingImport.holdings(in: Array(csv.utf8), file: "h.csv", context: Self.context())
        #expect(holdings == [
            CredentialFixture.holding("p1", "new", "2024-01-31", "2026-01-31").with(reference: "CERT-1"),
            CredentialFixture.holding("p2", "old", "2023-05-15", "2026-05-15"),
            CredentialFixture.holding("p2", "forever", "2020-02-29", nil),
        ])
        #expect(holdings.allSatisfy { $0.verification == .notApplicable })
    }

    @Test func jsonRowsInAnyColumnOrder() throws {
        let json = #"[{"earned_on": "2025-01-31", "credential": "gone", "person": "p1"}]"#
        let holdings = try CredentialHoldingImport.holdings(in: Array(json.utf8), file: "h.json", context: Self.context())
        // 12 months after Jan 31 is the next Jan 31; the catalogue's `gone` lasts 12 months.
        #expect(holdings == [CredentialFixture.holding("p1", "gone", "2025-01-31", "2026-01-31")])
    }

    /// One row per error; each is reported at its line and column, and no holding comes back.
    @Test func everyRowErrorIsLocatedAndTheFileIsRejected() throws {
        let csv = """
            person,credential,earned_on,expires_on,reference
            p9,new,2024-01-01,,
            p1,neww,2024-01-01,,
            p1,new,2024-03-01,2024-03-01,
            p1,new,2025-07-01,,
            p2,old,2023-05-15,,
            p2,old,2023-05-15,2026-01-01,again
            p2,old,2023-13-01,,
            ,old,2023-01-01,,

            """
        #expect(try Self.errors(csv) == [
            "import.unknown-person h.csv:2:1 person",
            "credential.unknown-credential h.csv:3:2 credential",
            "credential.expires-before-earned h.csv:4:4 expires_on",
            "credential.earned-in-future h.csv:5:3 earned_on",
            "credential.duplicate-holding h.csv:7:3 earned_on",
            "import.bad-date h.csv:8:3 earned_on",
            "import.missing-field h.csv:9:1 person",
        ])
    }

    @Test func headerProblemsRejectTheFile() throws {
        #expect(try Self.errors("person,credential,expires_on\np1,new,2026-01-01\n") == [
            "import.missing-column h.csv:1:0 earned_on",
        ])
        #expect(try Self.errors("person,credential,earned_on,colour\np1,new,2024-01-01,red\n") == [
            "import.unknown-column h.csv:1:4 colour",
        ])
    }

    @Test func aControlCharacterInAReferenceIsRejected() throws {
        let json = #"{"person": "p1", "credential": "new", "earned_on": "2024-01-01", "reference": "A\u0007B"}"#
        #expect(try Self.errors(json) == ["credential.control-character h.csv:1:0 reference"])
    }
}

extension CredentialHolding {
    func with(reference: String?) -> CredentialHolding {
        var copy = self
        copy.reference = reference
        return copy
    }
}
