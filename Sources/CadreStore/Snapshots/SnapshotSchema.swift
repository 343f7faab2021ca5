import GRDB

/// The `v3-snapshots` migration: a run's headline figures, one row per metric, group and skill,
/// so a trend is one index range read however many runs there are.
enum SnapshotSchema {
    static func create(_ db: Database) throws {
        // `version` is the SnapshotBuilder version that computed the rows: older ones are
        // recomputed by the backfill. Ordered reads of runs go through snapshot_order.
        try db.execute(sql: """
            CREATE TABLE snapshot (
                run_id INTEGER PRIMARY KEY REFERENCES run(id) ON DELETE CASCADE,
                as_of INTEGER NOT NULL,
                version INTEGER NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX snapshot_order ON snapshot(as_of, run_id);
            CREATE TABLE snapshot_metric (
                metric TEXT NOT NULL,
                scope TEXT NOT NULL,
                skill TEXT NOT NULL,
                run_id INTEGER NOT NULL REFERENCES snapshot(run_id) ON DELETE CASCADE,
                value REAL NOT NULL,
                headcount INTEGER,
                position INTEGER NOT NULL,
                PRIMARY KEY (metric, scope, skill, run_id)
            ) WITHOUT ROWID;
            CREATE INDEX snapshot_metric_run ON snapshot_metric(run_id, position);
            """)
    }
}
