import GRDB
import Testing
@testable import CadreStore

@Suite struct StoreReaderTests {
    @Test func readOnlyReaderCannotWrite() throws {
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

    @Test func readerSeesTheWritersLaterCommits() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.knownPersonIDs() == [])
        _ = try store.saveTaxonomy(sampleTaxonomy(), source: "t.yaml")
        try importPeople(store, [person("x")])
        let run = try store.createRun(asOf: 5, trigger: "cadrectl", requestedBy: 1, policy: [9])
        #expect(try reader.knownPersonIDs() == ["x"])
        #expect(try reader.taxonomy(version: 1) == sampleTaxonomy())
        #expect(try reader.run(id: run.id) == run)
    }
}
