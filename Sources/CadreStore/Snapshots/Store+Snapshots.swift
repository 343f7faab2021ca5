import CadreEngine
import GRDB

/// Snapshots of runs' headline figures (see `SnapshotBuilder`), and the series trends read.
extension Store {
    /// Stores (or replaces) a run's snapshot in one transaction.
    public func saveSnapshot(_ snapshot: RunSnapshot) async throws {
        let time = now()
        try await writing("saving the snapshot of run \(snapshot.runID)") { db in
            try db.execute(sql: "DELETE FROM snapshot WHERE run_id = ?", arguments: [snapshot.runID])
            try db.execute(
                sql: "INSERT INTO snapshot (run_id, as_of, version, created_at) VALUES (?, ?, ?, ?)",
                arguments: [snapshot.runID, snapshot.asOf, snapshot.version, time])
            let insert = try db.makeStatement(sql: """
                INSERT INTO snapshot_metric (metric, scope, skill, run_id, value, headcount, position)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, point) in snapshot.points.enumerated() {
                guard let value = point.value else {
                    throw StoreError(.invalidRequest, "run \(snapshot.runID)'s snapshot has no value for \(point.key)")
                }
                try insert.execute(arguments: [
                    point.metric, point.scope, point.skill ?? "", snapshot.runID, value, point.headcount, position,
                ])
            }
        }
    }

    /// A run's snapshot, its points in the order they were computed; nil when it has none.
    public func snapshot(runID: Int64) async throws -> RunSnapshot? {
        try await reading("reading the snapshot of run \(runID)") { db in try SnapshotQueries.snapshot(db, runID: runID) }
    }

    /// The snapshot of the latest run in trend order (as-of, then run id), or the latest before
    /// `runID` in that order: the "previous run" a change is measured against.
    public func latestSnapshot(before runID: Int64? = nil) async throws -> RunSnapshot? {
        try await reading("reading the latest snapshot") { db in
            let id: Int64?
            if let runID {
                id = try Int64.fetchOne(db, sql: """
                    SELECT s.run_id FROM snapshot s, snapshot r
                    WHERE r.run_id = ?1 AND (s.as_of < r.as_of OR (s.as_of = r.as_of AND s.run_id < r.run_id))
                    ORDER BY s.as_of DESC, s.run_id DESC LIMIT 1
                    """, arguments: [runID])
            } else {
                id = try Int64.fetchOne(db, sql: "SELECT run_id FROM snapshot ORDER BY as_of DESC, run_id DESC LIMIT 1")
            }
            return try id.flatMap { try SnapshotQueries.snapshot(db, runID: $0) }
        }
    }

    /// One metric of one group over runs, ordered by as-of then run id, from `asOfAtLeast` on.
    public func series(_ key: MetricKey, asOfAtLeast since: Int64? = nil) async throws -> [TrendPoint] {
        try await reading("reading the series of \(key)") { db in
            try Row.fetchAll(db, sql: """
                SELECT m.run_id, s.as_of, m.value, m.headcount
                FROM snapshot_metric m JOIN snapshot s ON s.run_id = m.run_id
                WHERE m.metric = ? AND m.scope = ? AND m.skill = ? AND (?4 IS NULL OR s.as_of >= ?4)
                ORDER BY s.as_of, m.run_id
                """, arguments: [key.metric, key.scope, key.skill ?? "", since]
            ).map { TrendPoint(runID: $0[0], asOf: $0[1], value: $0[2], headcount: $0[3]) }
        }
    }

    /// Succeeded runs whose snapshot is missing or older than `version`, oldest first: what the
    /// backfill computes.
    public func runsNeedingSnapshots(version: Int) async throws -> [RunRecord] {
        try await reading("listing runs without a snapshot") { db in
            try StoreQueries.runs(db, sql: """
                SELECT \(StoreQueries.runColumns) FROM run
                WHERE state = 'succeeded'
                  AND id NOT IN (SELECT run_id FROM snapshot WHERE version >= ?)
                ORDER BY id
                """, arguments: [version])
        }
    }

    /// Finished runs by state, over the store's whole history.
    public func finishedRunCounts() async throws -> [String: Int] {
        try await reading("counting finished runs") { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT state, COUNT(*) FROM run WHERE state IN ('succeeded', 'failed') GROUP BY state
                """) {
                counts[row[0]] = row[1]
            }
            return counts
        }
    }
}

enum SnapshotQueries {
    static func snapshot(_ db: Database, runID: Int64) throws -> RunSnapshot? {
        guard let head = try Row.fetchOne(db, sql: "SELECT as_of, version FROM snapshot WHERE run_id = ?", arguments: [runID])
        else { return nil }
        let points = try Row.fetchAll(db, sql: """
            SELECT metric, scope, skill, value, headcount FROM snapshot_metric WHERE run_id = ? ORDER BY position
            """, arguments: [runID]
        ).map { row -> MetricPoint in
            let skill: String = row[2]
            return MetricPoint(metric: row[0], scope: row[1], skill: skill.isEmpty ? nil : skill, value: row[3], headcount: row[4])
        }
        return RunSnapshot(runID: runID, asOf: head[0], version: head[1], points: points)
    }
}
