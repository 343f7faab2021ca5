import Foundation
import Testing
@testable import CadreEngine

private func bytes(_ write: (@escaping ([UInt8]) -> Void) -> Void) -> [UInt8] {
    final class Collected: @unchecked Sendable { var bytes: [UInt8] = [] }
    let collected = Collected()
    write { collected.bytes += $0 }
    return collected.bytes
}

private func files(people: Int, seed: UInt64, chunkSize: Int = 1 << 20) -> (people: [UInt8], evidence: [UInt8]) {
    let organisation = SyntheticOrganisation(
        taxonomy: SyntheticTaxonomy.make(seed: seed), people: people, seed: seed,
        asOf: CalendarDay(year: 2025, month: 6, day: 30)!)
    return (bytes { organisation.writePeople(chunkSize: chunkSize, to: $0) },
            bytes { organisation.writeEvidence(chunkSize: chunkSize, to: $0) })
}

/// FNV-1a, computed here independently of anything in the engine.
private func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
}

private func lines(_ bytes: [UInt8], _ count: Int) -> [String] {
    Array(String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).prefix(count).map(String.init))
}

@Suite struct ImportSyntheticOrganisationTests {
    @Test func splitMix64MatchesTheReferenceSequence() {
        // The first outputs of splitmix64 seeded with 0 (Vigna's reference implementation).
        var random = SplitMix64(seed: 0)
        #expect([random.next(), random.next(), random.next()] == [
            0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
        ])
    }

    @Test func sameSeedSameBytesWhateverTheChunkSize() {
        let first = files(people: 60, seed: 1)
        let again = files(people: 60, seed: 1, chunkSize: 100)
        #expect(first.people == again.people)
        #expect(first.evidence == again.evidence)
        let other = files(people: 60, seed: 2)
        #expect(first.evidence != other.evidence)
    }

    @Test func pinnedOutputForSeedOne() {
        let (people, evidence) = files(people: 60, seed: 1)
        #expect(lines(people, 3) == [
            "external_id,name,team,manager,role,level,hire_date,location",
            "E000001,Aisha Becker,Search Applied ML,,ml-engineer,4,2016-11-15,Warsaw",
            "E000002,Mohammed Nakamura,Search Applied ML,E000001,data-scientist,3,2024-01-14,London",
        ])
        #expect(lines(evidence, 2) == [
            "person,skill,value,scale,source,observed_at,assessor,reference,valid_until",
            "E000001,observability-applied,5,level,assessment,2022-07-29T12:28:30Z,Assessment Centre,ASMT-2022-2505,",
        ])
        #expect(fnv1a(people) == 8_733_613_357_039_523_942)
        #expect(fnv1a(evidence) == 4_931_571_608_868_029_702)
    }

    @Test func generatedFilesImportCleanlyAndCoverEverySourceKind() throws {
        let taxonomy = SyntheticTaxonomy.make(seed: 3)
        #expect(taxonomy.skills.count == 300)
        #expect(taxonomy.roleLevelCount == 40)
        #expect(taxonomy.roles.flatMap(\.levels).allSatisfy { (12...20).contains($0.requirements.count) })
        let parsed = try TaxonomyParser.parse([TaxonomySource(name: "synthetic.yaml", contents: SyntheticTaxonomy.yaml(taxonomy))])
        #expect(parsed == taxonomy)

        let organisation = SyntheticOrganisation(
            taxonomy: taxonomy, people: 300, seed: 3, asOf: CalendarDay(year: 2025, month: 6, day: 30)!)
        var people = PeopleImport(file: "people.csv", context: PeopleImportContext(taxonomy: taxonomy))
        var roster: [ImportedPerson] = []
        try people.feed(bytes { organisation.writePeople(to: $0) }) { roster.append($0) }
        try people.finish { roster.append($0) }
        #expect(roster.count == 300)
        #expect(Set(roster.map(\.team)).count == 19)
        #expect(roster.filter { $0.manager == nil }.count == 1)

        var evidence = EvidenceImport(
            file: "evidence.csv", context: EvidenceImportContext(taxonomy: taxonomy, people: roster.map(\.externalID)))
        var rows: [ImportedEvidence] = []
        try evidence.feed(bytes { organisation.writeEvidence(to: $0) }) { rows.append($0) }
        try evidence.finish { rows.append($0) }
        #expect((20 * 300...40 * 300).contains(rows.count))
        #expect(Set(rows.map(\.source)) == Set(SourceKind.allCases.map(\.rawValue)))
        let asOf = CalendarDay(year: 2025, month: 6, day: 30)!.secondsSinceEpoch
        #expect(rows.contains { ($0.validUntil ?? .max) < asOf })
        #expect(rows.allSatisfy { $0.observedAt <= asOf + 86_400 && $0.observedAt >= asOf - 1096 * 86_400 })
    }
}

@Suite struct ImportSampleOrganisationTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Self.root.appendingPathComponent(path)))
    }

    @Test func sampleOrganisationImportsAgainstTheDefaultTaxonomy() throws {
        let sources = try ["Config/taxonomy/skills.yaml", "Config/taxonomy/roles.yaml"].map { path in
            TaxonomySource(name: path, contents: String(decoding: try read(path), as: UTF8.self))
        }
        let taxonomy = try TaxonomyParser.parse(sources)
        var people = PeopleImport(file: "people.csv", context: PeopleImportContext(taxonomy: taxonomy))
        var roster: [ImportedPerson] = []
        try people.feed(try read("Config/sample-org/people.csv")) { roster.append($0) }
        try people.finish { roster.append($0) }
        #expect(roster.count == 200)
        #expect(Set(roster.map(\.role)) == Set(taxonomy.roles.map(\.id)))

        var evidence = EvidenceImport(
            file: "evidence.csv", context: EvidenceImportContext(taxonomy: taxonomy, people: roster.map(\.externalID)))
        var rows: [ImportedEvidence] = []
        try evidence.feed(try read("Config/sample-org/evidence.csv")) { rows.append($0) }
        try evidence.finish { rows.append($0) }
        #expect(Set(rows.map(\.source)) == Set(SourceKind.allCases.map(\.rawValue)))
        // Somebody lacks evidence for a skill their role level requires.
        let evidenced = Set(rows.map { "\($0.person) \($0.skill)" })
        let unassessed = roster.contains { person in
            let level = taxonomy.role(person.role)?.level(person.rung)
            return level?.requirements.contains { !evidenced.contains("\(person.externalID) \($0.skill)") } ?? false
        }
        #expect(unassessed)
    }
}
