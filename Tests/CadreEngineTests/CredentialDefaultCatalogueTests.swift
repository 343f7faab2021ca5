@testable import CadreEngine
import Foundation
import Testing

/// The shipped catalogue (Config/credentials/catalogue.yaml) loads against the default taxonomy
/// and states the facts of ../shared/data/credentials/FACTS.md exactly.
@Suite struct CredentialDefaultCatalogueTests {
    let catalogue: CredentialCatalogue
    let taxonomy: Taxonomy

    init() throws {
        taxonomy = try TaxonomyParser.parse(TaxonomyTestFiles.defaultTaxonomySources())
        let url = TaxonomyTestFiles.repositoryRoot.appendingPathComponent("Config/credentials/catalogue.yaml")
        let text = String(decoding: try TaxonomyTestFiles.read(url), as: UTF8.self)
        catalogue = try CredentialCatalogueParser.parse(
            [CredentialCatalogueSource(name: "Config/credentials/catalogue.yaml", contents: text)], taxonomy: taxonomy)
    }

    struct Fact: Sendable, CustomStringConvertible {
        var id: String
        var examCode: String?
        var validityMonths: Int?
        var retiredOn: String?
        var successor: String?
        var description: String { id }
    }

    static let facts: [Fact] = [
        Fact(id: "aws-mls-c01", examCode: "MLS-C01", validityMonths: 36, retiredOn: "2026-03-31", successor: "aws-mla-c01"),
        Fact(id: "aws-mla-c01", examCode: "MLA-C01", validityMonths: 36),
        Fact(id: "aws-aif-c01", examCode: "AIF-C01", validityMonths: 36),
        Fact(id: "aws-aip-c01", examCode: "AIP-C01", validityMonths: 36),
        Fact(id: "gcp-pmle", examCode: "PMLE", validityMonths: 24),
        Fact(id: "gcp-genai-leader", validityMonths: 36),
        Fact(id: "azure-ai-102", examCode: "AI-102", validityMonths: 12, retiredOn: "2026-06-30", successor: "azure-ai-103"),
        Fact(id: "azure-dp-100", examCode: "DP-100", validityMonths: 12, retiredOn: "2026-06-01", successor: "azure-ai-300"),
        Fact(id: "azure-ai-900", examCode: "AI-900", retiredOn: "2026-06-30", successor: "azure-ai-901"),
        Fact(id: "databricks-ml-associate", validityMonths: 24),
        Fact(id: "databricks-genai-engineer-associate", validityMonths: 24),
        Fact(id: "databricks-ml-professional", validityMonths: 36),
        Fact(id: "nvidia-nca-genl", examCode: "NCA-GENL", validityMonths: 24),
        Fact(id: "nvidia-ncp-genl", examCode: "NCP-GENL", validityMonths: 24),
        Fact(id: "tensorflow-developer", retiredOn: "2024-05-01"),
    ]

    @Test(arguments: facts)
    func statesTheGatheredFacts(fact: Fact) throws {
        let credential = try #require(catalogue.credential(fact.id))
        #expect(credential.examCode == fact.examCode)
        #expect(credential.validityMonths == fact.validityMonths)
        #expect(credential.retiredOn == fact.retiredOn.map(CredentialFixture.day))
        #expect(credential.successor == fact.successor)
        #expect(credential.accredited == false, "no accreditation was found for \(fact.id)")
        #expect(!credential.source.isEmpty)
        #expect(!credential.skills.isEmpty)
    }

    @Test func pricesStatedInTheFactsAreExact() {
        #expect(catalogue.credential("aws-aif-c01")?.cost == 10000)
        #expect(catalogue.credential("aws-aip-c01")?.cost == 30000)
        #expect(catalogue.credential("gcp-pmle")?.cost == 20000)
        #expect(catalogue.credential("gcp-genai-leader")?.cost == 9900)
        #expect(catalogue.currency == "USD")
    }

    @Test func everyRecommendedCredentialOfTheDefaultTaxonomyIsInTheCatalogue() throws {
        let compiled = try CompiledTaxonomy(taxonomy)
        let recommended = CredentialingInput.recommendations(of: taxonomy, compiled: compiled)
        #expect(recommended.joined().count == 14)
        _ = try CredentialingInput(asOf: CredentialFixture.day("2026-11-30"), catalogue: catalogue, taxonomy: compiled,
                                   holdings: [], personIDs: [], personRoleLevel: [], recommended: recommended)
    }
}
