import Foundation
import GRDB

/// The supervisor's handle on the database: the only process that writes it.
///
/// Every input mutation (taxonomy load, people import, evidence import) creates a new data
/// version; nothing an older version shows is ever changed, so a run pinned to a data version and
/// a taxonomy version reads the same inputs however long after it is re-run. Reads through a
/// `Store` run concurrently with its writes (WAL).
public final class Store: Sendable {
    /// The file name inside the state directory.
    public static let databaseFileName = "cadre.sqlite"
    /// Staging files for imports in progress live here; they are deleted on commit, on discard,
    /// and on the next `Store` start after a crash.
    public static let importsDirectoryName = "imports"

    public let databasePath: String
    let directory: String
    let pool: DatabasePool
    /// Epoch milliseconds for the `*_at` columns; injectable so tests can assert them.
    let now: @Sendable () -> Int64

    public convenience init(directory: String) throws {
        try self.init(directory: directory, clock: Store.systemClock)
    }

    /// Creates `directory` and the database if needed and brings the schema up to date.
    public init(directory: String, clock: @escaping @Sendable () -> Int64) throws {
        self.directory = directory
        self.databasePath = (directory as NSString).appendingPathComponent(Store.databaseFileName)
        self.now = clock
        let importsDirectory = (directory as NSString).appendingPathComponent(Store.importsDirectoryName)
        let databasePath = self.databasePath
        self.pool = try storeOperation("opening \(databasePath)") {
            try FileManager.default.createDirectory(atPath: importsDirectory, withIntermediateDirectories: true)
            Store.removeAbandonedStaging(in: importsDirectory)
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            configuration.label = "cadre.store"
            let pool = try DatabasePool(path: databasePath, configuration: configuration)
            try StoreSchema.migrator.migrate(pool)
            return pool
        }
    }

    public static let systemClock: @Sendable () -> Int64 = {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The latest data version; 0 before anything was loaded.
    public func dataVersion() throws -> Int64 {
        try read("reading the data version") { db in try DataVersions.latest(db) }
    }

    var importsDirectory: String {
        (directory as NSString).appendingPathComponent(Store.importsDirectoryName)
    }

    /// SQLite's page caches and the reader connections, closed once idle (they reopen on demand).
    public func releaseMemory() {
        pool.releaseMemoryEventually()
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        try storeOperation(what) { try pool.read(body) }
    }

    func write<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        try storeOperation(what) { try pool.write(body) }
    }

    /// Reads on GRDB's reader queue; the caller's actor or task thread is free meanwhile.
    func reading<T: Sendable>(_ what: String, file: String = #fileID, line: Int = #line, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw StoreError.wrapping(error, what, file: file, line: line)
        }
    }

    /// Writes on GRDB's writer queue (behind any commit in progress) without holding the caller's
    /// thread: an actor awaiting it goes on answering heartbeats and status calls.
    func writing<T: Sendable>(_ what: String, file: String = #fileID, line: Int = #line, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw StoreError.wrapping(error, what, file: file, line: line)
        }
    }

    /// A staging file outlives its import only when the supervisor died mid-import; the client saw
    /// no acknowledgement, so the partial rows are dropped.
    private static func removeAbandonedStaging(in importsDirectory: String) {
        // Best effort: a leftover file only costs disk space, and the next start tries again.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: importsDirectory)) ?? []
        for name in names where name.hasPrefix(ImportStaging.fileNamePrefix) {
            try? FileManager.default.removeItem(atPath: (importsDirectory as NSString).appendingPathComponent(name))
        }
    }
}

/// The data-version counter, shared by every kind of input.
enum DataVersions {
    static func latest(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(version) FROM data_version") ?? 0
    }

    /// Appends the next version; call inside the transaction that makes the mutation.
    static func create(_ db: Database, kind: String, source: String, rows: Int, at time: Int64) throws -> Int64 {
        let version = try latest(db) + 1
        try db.execute(
            sql: "INSERT INTO data_version (version, created_at, kind, source, rows) VALUES (?, ?, ?, ?, ?)",
            arguments: [version, time, kind, source, rows])
        return version
    }
}
