import CadreEngine
import Foundation
import GRDB
import Synchronization

/// An import in progress: rows a client streams in chunks, held in a staging SQLite file under
/// `DIR/imports/` until `commit()` moves them into the store in one transaction.
///
/// Staging outside the main database keeps the single writer free while a large file streams in
/// and keeps memory flat; committing with `ATTACH` + `INSERT … SELECT` makes the import all or
/// nothing. `Sendable`: calls are serialised by a lock, so it may be shared between tasks, though
/// an import is naturally driven by the one connection streaming the file.
///
/// Once `commit()` returns or throws, or `discard()` is called, the staging file is gone and further
/// appends throw. An import dropped without either is discarded when the object is released, and
/// a staging file left by a crashed supervisor is deleted when the next `Store` opens.
public final class ImportStaging: Sendable {
    static let fileNamePrefix = "staging-"

    public let kind: ImportKind
    public let source: String
    let path: String
    private let store: Store
    private let state: Mutex<State>

    private struct State {
        var queue: DatabaseQueue?
        var rowCount = 0
        /// The distinct names the staged rows use, per vocabulary: a few hundred thousand at most,
        /// gathered as rows arrive so the commit interns them without scanning millions of rows.
        var names = StagedNames()
    }

    init(store: Store, kind: ImportKind, source: String) throws {
        try StoreText.check(source, "the import's name")
        self.store = store
        self.kind = kind
        self.source = source
        let name = "\(ImportStaging.fileNamePrefix)\(kind.rawValue)-\(UUID().uuidString).sqlite"
        self.path = (store.importsDirectory as NSString).appendingPathComponent(name)
        var configuration = Configuration()
        configuration.label = "cadre.import-staging"
        // Nothing in a staging file survives a crash anyway, so skip fsync; the in-memory journal
        // still lets a failed chunk roll back.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF")
        }
        let path = self.path
        let queue = try storeOperation("creating the staging file \(path)") {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in try db.execute(sql: ImportStaging.schema(kind)) }
            return queue
        }
        self.state = Mutex(State(queue: queue))
    }

    deinit {
        discard()
    }

    /// Rows staged so far.
    public var rowCount: Int { state.withLock { $0.rowCount } }

    /// Stages one chunk of people, all or nothing. An external id already staged in this import is
    /// a conflict: which of two rows for one person is meant is the user's call, not the store's.
    public func append(people: [StoredPerson]) throws {
        try append(.people, count: people.count) { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO staged_person (external_id, name, team, manager, role, rung, hire_date, location)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for person in people {
                for text in [person.externalID, person.name, person.team, person.manager, person.role, person.location] {
                    try StoreText.check(text, "person '\(ControlCharacters.escaped(person.externalID))'")
                }
                do {
                    try statement.execute(arguments: [
                        person.externalID, person.name, person.team, person.manager, person.role, person.rung,
                        person.hireDate, person.location,
                    ])
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw StoreError(.conflict, "person '\(person.externalID)' appears more than once in \(source)")
                }
            }
        }
    }

    /// Stages one chunk of evidence, all or nothing.
    public func append(evidence: [StoredEvidence]) throws {
        if let bad = evidence.first(where: { !$0.value.isFinite }) {
            throw StoreError(.invalidRequest, "evidence for '\(bad.person)' on '\(bad.skill)' has a non-finite value")
        }
        var batch = StagedNames()
        for row in evidence {
            batch.persons.insert(row.person)
            batch.skills.insert(row.skill)
            batch.scales.insert(row.scale)
            batch.sources.insert(row.source)
            if let assessor = row.assessor { batch.assessors.insert(assessor) }
        }
        try append(.evidence, count: evidence.count, names: batch) { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO staged_evidence
                    (person, skill, value, scale, source, observed_at, valid_until, assessor, reference)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in evidence {
                for text in [row.person, row.skill, row.scale, row.source, row.assessor, row.reference] {
                    try StoreText.check(text, "evidence for '\(ControlCharacters.escaped(row.person))' on '\(ControlCharacters.escaped(row.skill))'")
                }
                statement.setUncheckedArguments([
                    row.person, row.skill, row.value, row.scale, row.source, row.observedAt, row.validUntil,
                    row.assessor, row.reference,
                ])
                try statement.execute()
            }
        }
    }

    /// Moves every staged row into the store as one new data version and deletes the staging file.
    /// If it throws, nothing was stored and the import is over.
    public func commit() async throws -> ImportSummary {
        let (queue, names) = try state.withLock { state -> (DatabaseQueue, StagedNames) in
            guard let queue = state.queue else { throw finishedError() }
            state.queue = nil
            return (queue, state.names)
        }
        defer { removeFile() }
        try storeOperation("closing the staging file") { try queue.close() }
        return try await store.commitImport(kind: kind, source: source, stagingPath: path, names: names)
    }

    /// Abandons the import: deletes the staging file; the store is untouched. Safe to call twice.
    public func discard() {
        state.withLock { state in
            guard let queue = state.queue else { return }
            state.queue = nil
            try? queue.close()  // the file is deleted next; nothing of it is kept
            removeFile()
        }
    }

    private func append(
        _ expected: ImportKind, count: Int, names: StagedNames = StagedNames(), _ insert: (Database) throws -> Void
    ) throws {
        guard expected == kind else {
            throw StoreError(.invalidRequest, "a \(kind.rawValue) import can't take \(expected.rawValue) rows")
        }
        try state.withLock { state in
            guard let queue = state.queue else { throw finishedError() }
            try storeOperation("staging \(count) \(kind.rawValue) rows from \(source)") {
                try queue.inTransaction { db in
                    try insert(db)
                    return .commit
                }
            }
            state.rowCount += count
            state.names.formUnion(names)
        }
    }

    private func finishedError() -> StoreError {
        StoreError(.invalidRequest, "the \(kind.rawValue) import from \(source) was already committed or discarded")
    }

    private func removeFile() {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)  // most suffixes never exist
        }
    }

    private static func schema(_ kind: ImportKind) -> String {
        switch kind {
        case .people:
            return """
                CREATE TABLE staged_person (
                    external_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, team TEXT NOT NULL, manager TEXT,
                    role TEXT NOT NULL, rung INTEGER NOT NULL, hire_date TEXT NOT NULL, location TEXT
                )
                """
        case .evidence:
            return """
                CREATE TABLE staged_evidence (
                    person TEXT NOT NULL, skill TEXT NOT NULL, value REAL NOT NULL, scale TEXT NOT NULL,
                    source TEXT NOT NULL, observed_at INTEGER NOT NULL, valid_until INTEGER,
                    assessor TEXT, reference TEXT
                )
                """
        }
    }
}

/// Names an evidence import introduces, by vocabulary.
struct StagedNames: Sendable {
    var persons = Set<String>()
    var skills = Set<String>()
    var scales = Set<String>()
    var sources = Set<String>()
    var assessors = Set<String>()

    mutating func formUnion(_ other: StagedNames) {
        persons.formUnion(other.persons)
        skills.formUnion(other.skills)
        scales.formUnion(other.scales)
        sources.formUnion(other.sources)
        assessors.formUnion(other.assessors)
    }
}
