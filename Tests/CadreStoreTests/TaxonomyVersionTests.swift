import CadreEngine
import Testing
@testable import CadreStore

@Suite struct TaxonomyVersionTests {
    @Test func firstLoadCreatesVersionOneAndDataVersionOne() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory, clock: TickingClock(start: 5_000))
        let info = try store.saveTaxonomy(sampleTaxonomy(), source: "Config/taxonomy.yaml")
        #expect(info.version == 1)
        #expect(info.dataVersion == 1)
        #expect(info.loadedAt == 5_000)
        #expect(info.source == "Config/taxonomy.yaml")
        #expect((info.skills, info.roles, info.roleLevels) == (2, 1, 2))
        #expect(info.unchanged == false)
        #expect(info.digest.count == 64)
        #expect(info.digest == sampleTaxonomy().digest)
        #expect(try store.dataVersion() == 1)
        #expect(try store.taxonomy(version: 1) == sampleTaxonomy())
        #expect(try store.taxonomy(version: 2) == nil)
    }

    @Test func identicalTaxonomyIsUnchangedAndCreatesNothing() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let first = try store.saveTaxonomy(sampleTaxonomy(), source: "a.yaml")
        let again = try store.saveTaxonomy(sampleTaxonomy(), source: "b.yaml")
        #expect(again.unchanged)
        #expect(again.version == first.version)
        #expect(again.source == "a.yaml")
        #expect(try store.dataVersion() == 1)
        #expect(try store.taxonomyVersions().count == 1)
    }

    @Test func changedTaxonomyBecomesANewVersionAndTheOldOneStaysReadable() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let first = try store.saveTaxonomy(sampleTaxonomy(evaluationLevel: 3), source: "a.yaml")
        let second = try store.saveTaxonomy(sampleTaxonomy(evaluationLevel: 4), source: "a.yaml")
        #expect(second.version == 2)
        #expect(second.dataVersion == 2)
        #expect(second.digest != first.digest)
        #expect(try store.latestTaxonomyVersion()?.version == 2)
        #expect(try store.taxonomyVersions().map(\.version) == [1, 2])
        #expect(try store.taxonomy(version: 1)?.role("ml-engineer")?.level(2)?.requirements[1].level == 3)
        #expect(try store.taxonomy(version: 2)?.role("ml-engineer")?.level(2)?.requirements[1].level == 4)
        // Going back to the first taxonomy is a change from the latest, so it is a third version.
        let third = try store.saveTaxonomy(sampleTaxonomy(evaluationLevel: 3), source: "a.yaml")
        #expect(third.version == 3)
        #expect(third.digest == first.digest)
    }

    @Test func storedDocumentIsSortedKeyJSONAndDigestIsTheEngines() throws {
        let empty = Taxonomy(skills: [], roles: [])
        #expect(try TaxonomyDocument.encode(empty) == #"{"roles":[],"skills":[]}"#)
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        #expect(try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml").digest == sampleTaxonomy().digest)
    }
}
