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

    @Test func digestIsSHA256OfTheSortedKeyJSON() throws {
        let document = try TaxonomyDocument.encode(Taxonomy(skills: [], roles: []))
        #expect(document == #"{"roles":[],"skills":[]}"#)
        // sha256sum of the 24 bytes above.
        #expect(TaxonomyDocument.digest(of: document) == "76d01deaae7d927b4530d15628c1c04f0f972e99e49c638a6c4543a7557fe334")
    }

    @Test func sha256MatchesPublishedVectors() {
        #expect(SHA256.hex(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Two blocks (FIPS 180-4 example).
        let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hex(of: Array(twoBlocks.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
