import GRDB
import Testing
@testable import CadreStore

@Suite struct StoreReaderTests {
    @Test func readOnlyReaderCannotWrite() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        let reader = try StoreReader(databasePath: store.databasePath)
        let code = storeErrorCode {
            try storeOperation("writing through a reader") {
                try reader.pool.writeWithoutTransaction { db in
                    try db.execute(sql: "INSERT INTO data_version (version, created_at, kind, source, rows) VALUES (9, 0, 'x', 'x', 0)")
                }
            }
        }
        #expect(code == .readOnly)
        #expect(try store.dataVersion() == 1)
    }

    @Test func readerSeesTheWritersLaterCommits() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.knownPersonIDs() == [])
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        try await importPeople(store, [person("x")])
        let run = try await store.createRun(asOf: 5, trigger: "cadrectl", requestedBy: 1, policy: [9])
        #expect(try reader.knownPersonIDs() == ["x"])
        #expect(try reader.taxonomy(version: 1) == sampleTaxonomy())
        #expect(try reader.run(id: run.id) == run)
    }

    @Test func onePersonsEvidenceIsTheirRowsInScanOrder() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        try await importPeople(store, [person("a"), person("b")])
        try await importEvidence(store, [
            evidence("b", "python", 3, at: 10), evidence("a", "python", 2, at: 30),
            evidence("a", "python", 4, at: 20), evidence("a", "sql", 1, at: 5),
        ])
        let version = try store.dataVersion()
        let reader = try StoreReader(databasePath: store.databasePath)
        let vocabulary = try reader.vocabulary()
        var seen: [String] = []
        try reader.forEachEvidence(ofPerson: "a", atDataVersion: version) { row in
            seen.append("\(vocabulary.persons[row.person] ?? "?") \(vocabulary.skills[row.skill] ?? "?") \(row.observedAt)")
        }
        #expect(seen == ["a python 20", "a python 30", "a sql 5"])
        var none = 0
        try reader.forEachEvidence(ofPerson: "nobody", atDataVersion: version) { _ in none += 1 }
        #expect(none == 0)
        try reader.forEachEvidence(ofPerson: "a", atDataVersion: version - 1) { _ in none += 1 }
        #expect(none == 0, "pinned: rows of a later data version are not seen")
    }
}
