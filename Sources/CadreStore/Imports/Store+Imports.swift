import GRDB

extension Store {
    /// Starts an import; see `ImportStaging`.
    public func beginImport(kind: ImportKind, source: String) throws -> ImportStaging {
        try ImportStaging(store: self, kind: kind, source: source)
    }

    /// Attaches the staging file and merges it in one immediate transaction. A new data version is
    /// created only when something changed: re-importing the same file is a no-op, not a new version.
    ///
    /// Async on GRDB's writer queue: a commit of millions of rows takes seconds, and the caller's
    /// actor (and the thread under it) must stay free for heartbeats and status calls meanwhile.
    func commitImport(kind: ImportKind, source: String, stagingPath: String, names: StagedNames) async throws -> ImportSummary {
        let time = now()
        do {
            return try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS staging", arguments: [stagingPath])
                // The merge takes every key it writes from a join on the key tables, so the rows
                // are consistent by construction; per-row foreign-key lookups would only cost time.
                // Sorting millions of rows is done in memory rather than in temporary files.
                try db.execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY")
                // Restoring connection settings after the merge (committed or rolled back): a
                // failure here cannot undo the import, and the next open resets them anyway.
                defer {
                    try? db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA temp_store = DEFAULT")
                    try? db.execute(sql: "DETACH DATABASE staging")
                }
                var summary: ImportSummary?
                try db.inTransaction(.immediate) {
                    switch kind {
                    case .people: summary = try PeopleMerge.merge(db, source: source, at: time)
                    case .evidence: summary = try EvidenceMerge.merge(db, source: source, at: time, names: names)
                    }
                    return .commit
                }
                guard let summary else { throw StoreError(.io, "the import transaction produced no summary") }
                return summary
            }
        } catch {
            throw StoreError.wrapping(error, "committing the \(kind.rawValue) import from \(source)")
        }
    }
}

/// People are versioned, not overwritten: a changed person's current row is closed at the new
/// data version and a new row opened, so every earlier version still reads the old state. People
/// absent from the file are left as they are (an import adds and changes; it doesn't remove).
enum PeopleMerge {
    static func merge(_ db: Database, source: String, at time: Int64) throws -> ImportSummary {
        try Vocabularies.intern(db, .person, column: "external_id", from: "staged_person")
        // change: 0 new person, 1 identical to the current row, 2 changed.
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.import_person;
            CREATE TEMP TABLE import_person AS
            SELECT k.id AS person, s.rowid AS staged, s.external_id AS external_id, p.id AS current_row,
                CASE
                    WHEN p.id IS NULL THEN 0
                    WHEN p.name IS s.name AND p.team IS s.team AND p.manager IS s.manager AND p.role IS s.role
                        AND p.rung IS s.rung AND p.hire_date IS s.hire_date AND p.location IS s.location THEN 1
                    ELSE 2
                END AS change
            FROM staging.staged_person s
            JOIN main.person_key k ON k.name = s.external_id
            LEFT JOIN main.person p ON p.person = k.id AND p.valid_to IS NULL;
            """)
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.import_person") }  // a temp table: gone with the connection anyway
        var counts = [0, 0, 0]
        for row in try Row.fetchAll(db, sql: "SELECT change, COUNT(*) FROM temp.import_person GROUP BY change") {
            let change: Int = row[0]
            counts[change] = row[1]
        }
        let (inserted, unchanged, updated) = (counts[0], counts[1], counts[2])
        guard inserted + updated > 0 else {
            return ImportSummary(dataVersion: try DataVersions.latest(db), inserted: 0, updated: 0, unchanged: unchanged)
        }
        let version = try DataVersions.create(db, kind: ImportKind.people.rawValue, source: source, rows: inserted + updated, at: time)
        try db.execute(sql: """
            UPDATE main.person SET valid_to = ?
            WHERE id IN (SELECT current_row FROM temp.import_person WHERE change = 2)
            """, arguments: [version])
        try db.execute(sql: """
            INSERT INTO main.person (person, name, team, manager, role, rung, hire_date, location, valid_from)
            SELECT i.person, s.name, s.team, s.manager, s.role, s.rung, s.hire_date, s.location, ?
            FROM temp.import_person i JOIN staging.staged_person s ON s.rowid = i.staged
            WHERE i.change != 1
            ORDER BY i.external_id
            """, arguments: [version])
        return ImportSummary(dataVersion: version, inserted: inserted, updated: updated, unchanged: unchanged)
    }
}

/// Evidence is append-only, and a set: a row identical in every field to one already stored is
/// counted as unchanged and not added again, so re-importing an overlapping export doesn't double
/// the weight of the evidence it repeats; a row identical to an earlier row of the same file is
/// counted as a duplicate and not added either.
enum EvidenceMerge {
    static func merge(_ db: Database, source: String, at time: Int64, names: StagedNames) throws -> ImportSummary {
        try Vocabularies.intern(db, .person, names.persons)
        try Vocabularies.intern(db, .skill, names.skills)
        try Vocabularies.intern(db, .scale, names.scales)
        try Vocabularies.intern(db, .source, names.sources)
        try Vocabularies.intern(db, .assessor, names.assessors)
        let staged = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staging.staged_evidence") ?? 0
        // The first of each group of identical rows stands for the group (GROUP BY puts NULLs
        // together, as `IS` compares them): one sort, where a per-row search would be quadratic.
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.import_distinct;
            CREATE TEMP TABLE import_distinct AS
            SELECT MIN(rowid) AS first FROM staging.staged_evidence
            GROUP BY person, skill, observed_at, value, scale, source, valid_until, assessor, reference;
            """)
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.import_distinct") }  // a temp table: gone with the connection anyway
        let distinct = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM temp.import_distinct") ?? 0
        let duplicates = staged - distinct
        let version = try DataVersions.create(db, kind: ImportKind.evidence.rawValue, source: source, rows: 0, at: time)
        // Ids continue after the largest one stored, in file order within the import (the staging
        // table's rowids count its rows from 1), so one sort — by the primary key — is all it takes.
        let lastID = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM main.evidence") ?? 0
        try db.execute(sql: """
            INSERT INTO main.evidence
                (person, skill, observed_at, id, data_version, value, scale, source, valid_until, assessor, reference)
            SELECT pk.id, sk.id, s.observed_at, ?1 + s.rowid, ?2, s.value, sc.id, so.id, s.valid_until, ak.id, s.reference
            FROM staging.staged_evidence s
            JOIN main.person_key pk ON pk.name = s.person
            JOIN main.skill_key sk ON sk.name = s.skill
            JOIN main.scale_key sc ON sc.name = s.scale
            JOIN main.source_key so ON so.name = s.source
            LEFT JOIN main.assessor_key ak ON ak.name = s.assessor
            WHERE s.rowid IN (SELECT first FROM temp.import_distinct) AND NOT EXISTS (
                SELECT 1 FROM main.evidence e
                WHERE e.person = pk.id AND e.skill = sk.id AND e.observed_at = s.observed_at
                  AND e.value = s.value AND e.scale = sc.id AND e.source = so.id
                  AND e.valid_until IS s.valid_until AND e.assessor IS ak.id AND e.reference IS s.reference
            )
            ORDER BY 1, 2, 3, 4
            """, arguments: [lastID, version])
        let inserted = db.changesCount
        if inserted == 0 {
            // Nothing new: withdraw the version (versions are max + 1, so no gap is left).
            try db.execute(sql: "DELETE FROM data_version WHERE version = ?", arguments: [version])
            return ImportSummary(
                dataVersion: try DataVersions.latest(db), inserted: 0, updated: 0, unchanged: distinct, duplicates: duplicates)
        }
        try db.execute(sql: "UPDATE data_version SET rows = ? WHERE version = ?", arguments: [inserted, version])
        return ImportSummary(
            dataVersion: version, inserted: inserted, updated: 0, unchanged: distinct - inserted, duplicates: duplicates)
    }
}

enum Vocabularies {
    /// Adds the `names` that `vocabulary` doesn't hold yet, in sorted order so the keys an import
    /// assigns don't depend on row order.
    static func intern(_ db: Database, _ vocabulary: StoreSchema.Vocabulary, _ names: Set<String>) throws {
        guard !names.isEmpty else { return }
        let statement = try db.makeStatement(sql: "INSERT OR IGNORE INTO main.\(vocabulary.rawValue) (name) VALUES (?)")
        for name in names.sorted() {
            try statement.execute(arguments: [name])
        }
    }

    /// Adds the names in `staging.table.column` that `vocabulary` doesn't hold yet, in sorted order
    /// so the keys an import assigns don't depend on row order.
    static func intern(_ db: Database, _ vocabulary: StoreSchema.Vocabulary, column: String, from table: String) throws {
        try db.execute(sql: """
            INSERT OR IGNORE INTO main.\(vocabulary.rawValue) (name)
            SELECT DISTINCT \(column) FROM staging.\(table) WHERE \(column) IS NOT NULL ORDER BY \(column)
            """)
    }
}
