import CadreEngine
import Foundation
import GRDB
import GRDBSQLite

/// A read-only connection for a phase worker process.
///
/// Pinning is by data version, not by snapshot: every query takes the version the run was pinned
/// to and sees exactly the inputs as they were when that version was created, however much the
/// supervisor has imported since. The connection is opened read-only, so a worker can't write even
/// by mistake.
public final class StoreReader: Sendable {
    public let databasePath: String
    let pool: DatabasePool

    public init(databasePath: String) throws {
        self.databasePath = databasePath
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw StoreError(.notFound, "no store at \(databasePath); start cadred once to create it")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "cadre.store-reader"
        self.pool = try storeOperation("opening \(databasePath) read-only") {
            let pool = try DatabasePool(path: databasePath, configuration: configuration)
            let current = try pool.read { db in try StoreSchema.migrator.hasCompletedMigrations(db) }
            guard current else {
                throw StoreError(.schema, "the store at \(databasePath) has an older schema; start cadred to migrate it")
            }
            return pool
        }
    }

    public func taxonomy(version: Int64) throws -> Taxonomy? {
        try read("reading taxonomy version \(version)") { db in try StoreQueries.taxonomy(db, version: version) }
    }

    public func phaseResult(runID: Int64, phase: String) throws -> PhaseResult? {
        try read("reading the result of phase \(phase) of run \(runID)") { db in
            try StoreQueries.phaseResult(db, runID: runID, phase: phase)
        }
    }

    /// The artifact `name` the phase kept beside its result (`PhaseArtifact`); nil when the phase
    /// has not succeeded or kept none by that name (a run of an older build).
    public func phaseArtifact(runID: Int64, phase: String, name: String) throws -> [UInt8]? {
        try read("reading artifact \(name) of phase \(phase) of run \(runID)") { db in
            try StoreQueries.phaseArtifact(db, runID: runID, phase: phase, name: name)
        }
    }

    public func run(id: Int64) throws -> RunRecord? {
        try read("reading run \(id)") { db in try StoreQueries.run(db, id: id) }
    }

    /// The person rows in force at data version `?1`, with their ids, by id (byte order).
    private static let peopleAtVersion = """
        FROM person p JOIN person_key k ON k.id = p.person
        WHERE p.valid_from <= ?1 AND (p.valid_to IS NULL OR p.valid_to > ?1)
        ORDER BY k.name
        """

    /// Everyone as they were at `atDataVersion`, ordered by external id (byte order).
    public func people(atDataVersion version: Int64) throws -> [StoredPerson] {
        try read("reading people at data version \(version)") { db in
            try Row.fetchAll(db, sql: """
                SELECT k.name, p.name, p.team, p.manager, p.role, p.rung, p.hire_date, p.location \(Self.peopleAtVersion)
                """, arguments: [version]
            ).map { row in
                StoredPerson(
                    externalID: row[0], name: row[1], team: row[2], manager: row[3], role: row[4], rung: row[5],
                    hireDate: row[6], location: row[7])
            }
        }
    }

    /// External ids of everyone in the latest data version, to check an evidence import against.
    public func knownPersonIDs() throws -> Set<String> {
        try read("reading known people") { db in
            Set(try String.fetchAll(db, sql: """
                SELECT k.name FROM person p JOIN person_key k ON k.id = p.person WHERE p.valid_to IS NULL
                """))
        }
    }

    /// The names behind the integer keys `forEachEvidence` hands out. Keys never change and
    /// vocabularies only grow, so one read serves any data version up to the latest.
    ///
    /// Persons and assessors are as many as people: a caller that maps person keys another way
    /// (`roster`) and never names assessors leaves them out, and gets them empty.
    public func vocabulary(persons: Bool = true, assessors: Bool = true) throws -> EvidenceVocabulary {
        try read("reading the evidence vocabulary") { db in
            func names(_ table: StoreSchema.Vocabulary, _ wanted: Bool = true) throws -> InternedNames {
                guard wanted else { return InternedNames([]) }
                return InternedNames(try Row.fetchAll(db, sql: "SELECT id, name FROM \(table.rawValue)").map { ($0[0], $0[1]) })
            }
            return EvidenceVocabulary(
                persons: try names(.person, persons), skills: try names(.skill), scales: try names(.scale),
                sources: try names(.source), assessors: try names(.assessor, assessors))
        }
    }

    /// Everyone at `atDataVersion` with what a phase's input is built from — the key evidence rows
    /// name them by, id, team, role level, hire date — read column by column from SQLite, ordered
    /// by external id (byte order).
    public func roster(atDataVersion version: Int64) throws -> [RosterEntry] {
        try read("reading the roster at data version \(version)") { db in
            let statement = try db.makeStatement(sql: """
                SELECT p.person, k.name, p.team, p.role, p.rung, p.hire_date \(Self.peopleAtVersion)
                """)
            let cursor = try Row.fetchCursor(statement, arguments: [version])
            let sqlite = statement.sqliteStatement
            func text(_ column: Int32) -> String {
                guard let bytes = sqlite3_column_text(sqlite, column) else { return "" }
                return String(cString: bytes)
            }
            var entries: [RosterEntry] = []
            while try cursor.next() != nil {
                entries.append(RosterEntry(
                    key: Int(sqlite3_column_int64(sqlite, 0)), externalID: text(1), team: text(2), role: text(3),
                    rung: Int(sqlite3_column_int64(sqlite, 4)), hireDate: text(5)))
            }
            return entries
        }
    }

    /// Calls `body` for every evidence row stored at or before `atDataVersion`, ordered by person
    /// key, skill key, observed time and id: one forward scan of the table, no sorting. The same
    /// rows come in the same order on every call; the assessment puts them in its own canonical
    /// order, so its floating-point sums are the same on every run.
    ///
    /// The view reads its columns lazily from the current SQLite row; it is valid only inside `body`.
    public func forEachEvidence(atDataVersion version: Int64, _ body: (EvidenceRowView) throws -> Void) throws {
        try read("reading evidence at data version \(version)") { db in
            let statement = try db.makeStatement(sql: EvidenceRowView.selectSQL)
            try EvidenceRowView.forEach(statement, arguments: [version], body)
        }
    }

    /// One person's evidence at `atDataVersion`, in the same order as `forEachEvidence`.
    public func forEachEvidence(
        ofPerson externalID: String, atDataVersion version: Int64, _ body: (EvidenceRowView) throws -> Void
    ) throws {
        try read("reading evidence of \(externalID) at data version \(version)") { db in
            let statement = try db.makeStatement(sql: EvidenceRowView.selectPersonSQL)
            try EvidenceRowView.forEach(statement, arguments: [version, externalID], body)
        }
    }

    /// The rows `forEachEvidence` hands out whose source key is `source` and that name a reference
    /// (training rows naming the course completed), in the same order. Still one scan of the
    /// table, but inside SQLite: the other rows never reach the caller.
    public func forEachReferencedEvidence(
        source: Int, atDataVersion version: Int64, _ body: (EvidenceRowView) throws -> Void
    ) throws {
        try read("reading referenced evidence at data version \(version)") { db in
            let statement = try db.makeStatement(sql: EvidenceRowView.selectReferencedSQL)
            try EvidenceRowView.forEach(statement, arguments: [version, source], body)
        }
    }

    /// Every evidence row at `atDataVersion` with its names resolved; for exports and small stores.
    public func evidence(atDataVersion version: Int64) throws -> [StoredEvidence] {
        let vocabulary = try vocabulary()
        var rows: [StoredEvidence] = []
        try forEachEvidence(atDataVersion: version) { row in
            rows.append(StoredEvidence(
                person: vocabulary.persons[row.person] ?? "", skill: vocabulary.skills[row.skill] ?? "",
                value: row.value, scale: vocabulary.scales[row.scale] ?? "",
                source: vocabulary.sources[row.source] ?? "", observedAt: row.observedAt,
                validUntil: row.validUntil, assessor: row.assessor.flatMap { vocabulary.assessors[$0] },
                reference: row.reference))
        }
        return rows
    }

    /// SQLite's page caches and the connections, closed once idle (they reopen on demand): a
    /// worker between phases holds none of what its last phase read.
    public func releaseMemory() {
        pool.releaseMemoryEventually()
    }

    private func read<T>(_ what: String, _ body: (Database) throws -> T) throws -> T {
        try storeOperation(what) { try pool.read(body) }
    }
}

/// One person as `StoreReader.roster` reads them.
public struct RosterEntry: Sendable, Hashable {
    /// The person's key in the store (`EvidenceRowView.person`).
    public var key: Int
    public var externalID: String
    public var team: String
    public var role: String
    public var rung: Int
    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    public var hireDate: String
}
