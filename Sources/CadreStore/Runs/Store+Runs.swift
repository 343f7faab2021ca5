import GRDB

extension Store {
    /// Records a queued run pinned to the current data version and the latest taxonomy version, read
    /// in the same transaction that inserts the run, so no import can slip in between.
    public func createRun(asOf: Int64, trigger: String, requestedBy: UInt32, policy: [UInt8]) async throws -> RunRecord {
        try StoreText.check(trigger, "the run's trigger")
        let createdAt = now()
        return try await writing("creating a run") { db in
            guard let taxonomy = try StoreQueries.latestTaxonomyVersion(db) else {
                throw StoreError(.noTaxonomy, "no taxonomy is loaded; load one with `cadrectl taxonomy load FILE` first")
            }
            let dataVersion = try DataVersions.latest(db)
            try db.execute(sql: """
                INSERT INTO run (state, trigger, requested_by, as_of, data_version, taxonomy_version, policy, created_at)
                VALUES ('queued', ?, ?, ?, ?, ?, COALESCE(?, x''), ?)
                """, arguments: [trigger, Int64(requestedBy), asOf, dataVersion, taxonomy.version, policy.databaseBlob, createdAt])
            return RunRecord(
                id: db.lastInsertedRowID, state: .queued, trigger: trigger, requestedBy: requestedBy, asOf: asOf,
                dataVersion: dataVersion, taxonomyVersion: taxonomy.version, policy: policy, createdAt: createdAt)
        }
    }

    /// `running` stamps `started_at` (once: a resumed run keeps its first start); `succeeded` and
    /// `failed` stamp `finished_at` (a run cancelled while queued has no start). A finished run is final: changing its state is a conflict.
    public func updateRun(id: Int64, state: RunState, error: String?) async throws {
        let time = now()
        try await writing("updating run \(id)") { db in
            guard let current = try String.fetchOne(db, sql: "SELECT state FROM run WHERE id = ?", arguments: [id]) else {
                throw StoreError(.notFound, "run \(id) doesn't exist")
            }
            if let current = RunState(rawValue: current), current.isFinished, current != state {
                throw StoreError(.conflict, "run \(id) already \(current.rawValue); it can't become \(state.rawValue)")
            }
            try db.execute(sql: """
                UPDATE run SET state = ?, error = ?,
                    started_at = CASE WHEN ? THEN COALESCE(started_at, ?) ELSE started_at END,
                    finished_at = CASE WHEN ? THEN COALESCE(finished_at, ?) ELSE NULL END
                WHERE id = ?
                """, arguments: [state.rawValue, error, state == .running, time, state.isFinished, time, id])
        }
    }

    /// Creates the phase row on first use. `running` stamps a fresh `started_at` for the attempt and
    /// clears `finished_at`; `succeeded`/`failed` stamp `finished_at`; `pending` clears both.
    public func updatePhase(runID: Int64, phase: String, state: PhaseState, attempts: Int, error: String?) async throws {
        let time = now()
        let startedAt: Int64? = state == .running ? time : nil
        let finishedAt: Int64? = state == .succeeded || state == .failed ? time : nil
        try await writing("updating phase \(phase) of run \(runID)") { db in
            try Store.requireRun(db, runID)
            try db.execute(sql: """
                INSERT INTO phase_run (run_id, phase, state, attempts, started_at, finished_at, error)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (run_id, phase) DO UPDATE SET
                    state = ?3, attempts = ?4, error = ?7,
                    started_at = CASE ?3 WHEN 'running' THEN ?5 WHEN 'pending' THEN NULL ELSE started_at END,
                    finished_at = ?6
                """, arguments: [runID, phase, state.rawValue, attempts, startedAt, finishedAt, error])
        }
    }

    /// Stores the phase's result and marks it succeeded in one statement, so a crash can never leave
    /// a succeeded phase without its result (or a result on an unfinished phase). Its artifacts
    /// replace any an earlier attempt stored, in the same transaction.
    public func savePhaseResult(
        runID: Int64, phase: String, summary: String, payload: [UInt8], artifacts: [PhaseArtifact] = []
    ) async throws {
        let time = now()
        try await writing("saving the result of phase \(phase) of run \(runID)") { db in
            try Store.requireRun(db, runID)
            try db.execute(sql: """
                INSERT INTO phase_run (run_id, phase, state, attempts, started_at, finished_at, error, summary, payload)
                VALUES (?1, ?2, 'succeeded', 1, NULL, ?3, NULL, ?4, COALESCE(?5, x''))
                ON CONFLICT (run_id, phase) DO UPDATE SET
                    state = 'succeeded', attempts = MAX(attempts, 1), finished_at = ?3, error = NULL,
                    summary = ?4, payload = COALESCE(?5, x'')
                """, arguments: [runID, phase, time, summary, payload.databaseBlob])
            try db.execute(sql: "DELETE FROM phase_artifact WHERE run_id = ? AND phase = ?", arguments: [runID, phase])
            for artifact in artifacts {
                try db.execute(sql: """
                    INSERT INTO phase_artifact (run_id, phase, name, content) VALUES (?, ?, ?, COALESCE(?, x''))
                    """, arguments: [runID, phase, artifact.name, artifact.content.databaseBlob])
            }
        }
    }

    public func phaseResult(runID: Int64, phase: String) async throws -> PhaseResult? {
        try await reading("reading the result of phase \(phase) of run \(runID)") { db in
            try StoreQueries.phaseResult(db, runID: runID, phase: phase)
        }
    }

    public func run(id: Int64) async throws -> RunRecord? {
        try await reading("reading run \(id)") { db in try StoreQueries.run(db, id: id) }
    }

    /// Newest first.
    public func runs(limit: Int) async throws -> [RunRecord] {
        try await reading("listing runs") { db in
            try StoreQueries.runs(db, sql: "SELECT \(StoreQueries.runColumns) FROM run ORDER BY id DESC LIMIT ?", arguments: [max(0, limit)])
        }
    }

    /// The run whose `phase` succeeded that a view of "the latest" means: without `asOfAtMost`, the
    /// newest such run; with it, the one whose as-of time is the latest not after it (the newest of
    /// those that share it).
    public func latestRun(withSucceeded phase: String, asOfAtMost limit: Int64? = nil) async throws -> RunRecord? {
        try await reading("finding the latest run with a finished \(phase) phase") { db in
            try StoreQueries.runs(db, sql: """
                SELECT \(StoreQueries.runColumns) FROM run
                WHERE id IN (SELECT run_id FROM phase_run WHERE phase = ?1 AND state = 'succeeded')
                  AND (?2 IS NULL OR as_of <= ?2)
                ORDER BY CASE WHEN ?2 IS NULL THEN 0 ELSE as_of END DESC, id DESC
                LIMIT 1
                """, arguments: [phase, limit]).first
        }
    }

    /// Queued or running, oldest first: what a restarted supervisor resumes.
    public func unfinishedRuns() async throws -> [RunRecord] {
        try await reading("listing unfinished runs") { db in
            try StoreQueries.runs(db, sql: """
                SELECT \(StoreQueries.runColumns) FROM run WHERE state IN ('queued', 'running') ORDER BY id
                """)
        }
    }

    private static func requireRun(_ db: Database, _ runID: Int64) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM run WHERE id = ?", arguments: [runID]) != nil else {
            throw StoreError(.notFound, "run \(runID) doesn't exist")
        }
    }
}
