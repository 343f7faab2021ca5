import GRDB

/// The store's tables, as a sequence of named migrations.
///
/// A migration, once released, is never edited: later phases append new ones (`v2-…`) to
/// `migrator`. Readers refuse a database whose migrations are behind theirs rather than guessing.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-inputs", migrate: createInputs)
        migrator.registerMigration("v1-runs", migrate: createRuns)
        migrator.registerMigration("v2-documents", migrate: createDocuments)
        migrator.registerMigration("v3-snapshots", migrate: SnapshotSchema.create)
        migrator.registerMigration("v4-phase-artifacts", migrate: createPhaseArtifacts)
        migrator.registerMigration("v5-evidence-references", migrate: createEvidenceReferenceIndex)
        return migrator
    }

    /// Tables interning strings that repeat across millions of evidence rows. Keys are assigned
    /// densely from 1 in the order names are first imported (sorted within one import), and a
    /// name's key never changes.
    enum Vocabulary: String, CaseIterable {
        case person = "person_key"
        case skill = "skill_key"
        case scale = "scale_key"
        case source = "source_key"
        case assessor = "assessor_key"
    }

    private static func createInputs(_ db: Database) throws {
        // Plain INTEGER PRIMARY KEY (no AUTOINCREMENT): versions are max + 1, so an import that turns
        // out to change nothing can withdraw its version inside the transaction without leaving a gap.
        try db.execute(sql: """
            CREATE TABLE data_version (
                version INTEGER PRIMARY KEY,
                created_at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                source TEXT NOT NULL,
                rows INTEGER NOT NULL
            );
            CREATE TABLE taxonomy_version (
                version INTEGER PRIMARY KEY,
                data_version INTEGER NOT NULL UNIQUE REFERENCES data_version(version),
                loaded_at INTEGER NOT NULL,
                source TEXT NOT NULL,
                digest TEXT NOT NULL,
                skills INTEGER NOT NULL,
                roles INTEGER NOT NULL,
                role_levels INTEGER NOT NULL,
                document TEXT NOT NULL
            );
            """)
        for table in Vocabulary.allCases {
            try db.execute(sql: """
                CREATE TABLE \(table.rawValue) (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)
                """)
        }
        // A person's history: one row per state, open (valid_to NULL) for the current one. The row
        // valid at data version V has valid_from <= V < valid_to.
        try db.execute(sql: """
            CREATE TABLE person (
                id INTEGER PRIMARY KEY,
                person INTEGER NOT NULL REFERENCES person_key(id),
                name TEXT NOT NULL,
                team TEXT NOT NULL,
                manager TEXT,
                role TEXT NOT NULL,
                rung INTEGER NOT NULL,
                hire_date TEXT NOT NULL,
                location TEXT,
                valid_from INTEGER NOT NULL REFERENCES data_version(version),
                valid_to INTEGER REFERENCES data_version(version)
            );
            CREATE UNIQUE INDEX person_current ON person(person) WHERE valid_to IS NULL;
            CREATE INDEX person_history ON person(person, valid_from);
            """)
        // Clustered on the order assessment reads it in, so reading a version is one forward scan
        // of the table, not millions of lookups through an index. `id` is unique across imports,
        // increasing in file order within one, and breaks ties.
        try db.execute(sql: """
            CREATE TABLE evidence (
                person INTEGER NOT NULL REFERENCES person_key(id),
                skill INTEGER NOT NULL REFERENCES skill_key(id),
                observed_at INTEGER NOT NULL,
                id INTEGER NOT NULL,
                data_version INTEGER NOT NULL REFERENCES data_version(version),
                value REAL NOT NULL,
                scale INTEGER NOT NULL REFERENCES scale_key(id),
                source INTEGER NOT NULL REFERENCES source_key(id),
                valid_until INTEGER,
                assessor INTEGER REFERENCES assessor_key(id),
                reference TEXT,
                PRIMARY KEY (person, skill, observed_at, id)
            ) WITHOUT ROWID;
            """)
    }

    /// Catalogues and plans (one row per version, the latest at or before a run's data version
    /// applies) and record batches (every batch at or before it applies). See `Store+Documents`.
    private static func createDocuments(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE document (
                kind TEXT NOT NULL,
                data_version INTEGER NOT NULL REFERENCES data_version(version),
                digest TEXT NOT NULL,
                source TEXT NOT NULL,
                loaded_at INTEGER NOT NULL,
                items INTEGER NOT NULL,
                content BLOB NOT NULL,
                PRIMARY KEY (kind, data_version)
            );
            CREATE TABLE record_batch (
                kind TEXT NOT NULL,
                data_version INTEGER NOT NULL REFERENCES data_version(version),
                source TEXT NOT NULL,
                rows INTEGER NOT NULL,
                content BLOB NOT NULL,
                PRIMARY KEY (kind, data_version)
            );
            """)
    }

    private static func createRuns(_ db: Database) throws {
        // The payload is the last column of phase_run: SQLite reads a row's columns in order, so
        // listing phases without it never touches the payload's overflow pages.
        try db.execute(sql: """
            CREATE TABLE run (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                state TEXT NOT NULL,
                trigger TEXT NOT NULL,
                requested_by INTEGER NOT NULL,
                as_of INTEGER NOT NULL,
                data_version INTEGER NOT NULL REFERENCES data_version(version),
                taxonomy_version INTEGER NOT NULL REFERENCES taxonomy_version(version),
                policy BLOB NOT NULL,
                created_at INTEGER NOT NULL,
                started_at INTEGER,
                finished_at INTEGER,
                error TEXT
            );
            CREATE INDEX run_unfinished ON run(state) WHERE state IN ('queued', 'running');
            CREATE TABLE phase_run (
                run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                phase TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                started_at INTEGER,
                finished_at INTEGER,
                error TEXT,
                summary TEXT,
                payload BLOB,
                UNIQUE (run_id, phase)
            );
            """)
    }

    /// What a phase keeps for later phases of its run beside its result (`PhaseArtifact`): saved
    /// in the transaction that saves the result, replaced with it, and gone with its phase row.
    private static func createPhaseArtifacts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE phase_artifact (
                run_id INTEGER NOT NULL,
                phase TEXT NOT NULL,
                name TEXT NOT NULL,
                content BLOB NOT NULL,
                PRIMARY KEY (run_id, phase, name),
                FOREIGN KEY (run_id, phase) REFERENCES phase_run(run_id, phase) ON DELETE CASCADE
            );
            """)
    }

    /// The evidence rows naming what they came from (a completed course), by source: a covering
    /// partial index, so the planning phases read the completions — one row in eight of a
    /// typical store — without scanning the table. Its column order is the scan's order.
    private static func createEvidenceReferenceIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX evidence_reference
            ON evidence(source, person, skill, observed_at, id, data_version, value, scale, valid_until, assessor, reference)
            WHERE reference IS NOT NULL;
            """)
    }
}
