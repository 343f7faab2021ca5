import Foundation
import GRDB
import Testing
@testable import CadreStore

@Suite struct MigrationTests {
    @Test func freshDirectoryGetsDatabaseInWALModeWithEveryTable() throws {
        let directory = try TemporaryDirectory()
        let nested = (directory.path as NSString).appendingPathComponent("state/cadre")
        let store = try Store(directory: nested)
        #expect(store.databasePath == nested + "/cadre.sqlite")
        #expect(FileManager.default.fileExists(atPath: store.databasePath))
        #expect(try store.dataVersion() == 0)
        try store.pool.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == true)
            let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            let expected: Set<String> = [
                "data_version", "taxonomy_version", "person_key", "skill_key", "scale_key", "source_key",
                "assessor_key", "person", "evidence", "run", "phase_run", "document", "record_batch", "phase_artifact",
            ]
            #expect(expected.isSubset(of: tables), "missing: \(expected.subtracting(tables))")
            #expect(try StoreSchema.migrator.appliedMigrations(db) == ["v1-inputs", "v1-runs", "v2-documents", "v3-snapshots", "v4-phase-artifacts", "v5-evidence-references"])
        }
    }

    @Test func reopeningKeepsDataAndDoesNotRemigrate() async throws {
        let directory = try TemporaryDirectory()
        do {
            let store = try makeStore(directory)
            _ = try store.saveTaxonomy(sampleTaxonomy(), source: "taxonomy.yaml")
            _ = try await store.createRun(asOf: 1_700_000_000, trigger: "timer", requestedBy: 0, policy: [1, 2, 3])
        }
        let reopened = try makeStore(directory)
        #expect(try reopened.dataVersion() == 1)
        #expect(try reopened.latestTaxonomyVersion()?.version == 1)
        #expect(try await reopened.runs(limit: 10).map(\.id) == [1])
    }

    @Test func readerRefusesMissingDatabase() throws {
        let directory = try TemporaryDirectory()
        let code = storeErrorCode { _ = try StoreReader(databasePath: directory.path + "/nothing.sqlite") }
        #expect(code == .notFound)
    }

    @Test func readerRefusesDatabaseWithOlderSchema() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/old.sqlite"
        let queue = try DatabaseQueue(path: path)
        var partial = DatabaseMigrator()
        partial.registerMigration("v1-inputs") { db in try db.execute(sql: "CREATE TABLE data_version (version INTEGER)") }
        try partial.migrate(queue)
        try queue.close()
        #expect(storeErrorCode { _ = try StoreReader(databasePath: path) } == .schema)
    }

    @Test func garbageFileIsReportedAsCorrupt() throws {
        let directory = try TemporaryDirectory()
        let path = (directory.path as NSString).appendingPathComponent(Store.databaseFileName)
        try Data(repeating: 0x5a, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect(storeErrorCode { _ = try Store(directory: directory.path) } == .corrupt)
    }
}
