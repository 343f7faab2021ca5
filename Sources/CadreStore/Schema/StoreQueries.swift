import CadreEngine
import Foundation
import GRDB

/// Reads that both the writer (`Store`) and a worker's `StoreReader` answer, written once.
enum StoreQueries {
    // MARK: Taxonomy

    private static let taxonomyInfoColumns =
        "version, data_version, loaded_at, source, digest, skills, roles, role_levels"

    static func taxonomyVersions(_ db: Database) throws -> [TaxonomyVersionInfo] {
        try Row.fetchAll(db, sql: "SELECT \(taxonomyInfoColumns) FROM taxonomy_version ORDER BY version")
            .map(taxonomyInfo)
    }

    static func latestTaxonomyVersion(_ db: Database) throws -> TaxonomyVersionInfo? {
        try Row.fetchOne(
            db, sql: "SELECT \(taxonomyInfoColumns) FROM taxonomy_version ORDER BY version DESC LIMIT 1"
        ).map(taxonomyInfo)
    }

    static func taxonomy(_ db: Database, version: Int64) throws -> Taxonomy? {
        guard let document = try String.fetchOne(
            db, sql: "SELECT document FROM taxonomy_version WHERE version = ?", arguments: [version])
        else { return nil }
        do {
            return try TaxonomyDocument.decode(document)
        } catch {
            throw StoreError(.corrupt, "taxonomy version \(version) can't be decoded: \(error)")
        }
    }

    private static func taxonomyInfo(_ row: Row) -> TaxonomyVersionInfo {
        TaxonomyVersionInfo(
            version: row[0], dataVersion: row[1], loadedAt: row[2], source: row[3], digest: row[4],
            skills: row[5], roles: row[6], roleLevels: row[7])
    }

    // MARK: Runs

    static let runColumns = """
        id, state, trigger, requested_by, as_of, data_version, taxonomy_version, policy,
        created_at, started_at, finished_at, error
        """

    static func run(_ db: Database, id: Int64) throws -> RunRecord? {
        try runs(db, sql: "SELECT \(runColumns) FROM run WHERE id = ?", arguments: [id]).first
    }

    /// Runs matching `sql` (which selects `runColumns`), each with its phases, in the order `sql` gives.
    static func runs(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [RunRecord] {
        var runs = try Row.fetchAll(db, sql: sql, arguments: arguments).map(runRecord)
        guard !runs.isEmpty else { return runs }
        let index = Dictionary(uniqueKeysWithValues: runs.enumerated().map { ($1.id, $0) })
        let ids = runs.map(\.id)
        let phases = try Row.fetchCursor(db, sql: """
            SELECT run_id, phase, state, attempts, started_at, finished_at, error, summary,
                   COALESCE(length(payload), 0)
            FROM phase_run WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY rowid
            """, arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"])
        while let row = try phases.next() {
            let phase = try phaseRecord(row)
            if let position = index[phase.runID] { runs[position].phases.append(phase) }
        }
        return runs
    }

    static func phaseResult(_ db: Database, runID: Int64, phase: String) throws -> PhaseResult? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT summary, payload FROM phase_run
            WHERE run_id = ? AND phase = ? AND state = 'succeeded'
            """, arguments: [runID, phase])
        else { return nil }
        let payload: Data? = row[1]
        return PhaseResult(summary: row[0] ?? "", payload: [UInt8](payload ?? Data()))
    }

    static func phaseArtifact(_ db: Database, runID: Int64, phase: String, name: String) throws -> [UInt8]? {
        let content = try Data.fetchOne(db, sql: """
            SELECT a.content FROM phase_artifact a
            JOIN phase_run p ON p.run_id = a.run_id AND p.phase = a.phase AND p.state = 'succeeded'
            WHERE a.run_id = ? AND a.phase = ? AND a.name = ?
            """, arguments: [runID, phase, name])
        return content.map { [UInt8]($0) }
    }

    private static func runRecord(_ row: Row) throws -> RunRecord {
        let stateName: String = row[1]
        guard let state = RunState(rawValue: stateName) else {
            throw StoreError(.corrupt, "run \(row[0] as Int64) has unknown state '\(stateName)'")
        }
        let requestedBy: Int64 = row[3]
        let policy: Data? = row[7]
        return RunRecord(
            id: row[0], state: state, trigger: row[2], requestedBy: UInt32(truncatingIfNeeded: requestedBy),
            asOf: row[4], dataVersion: row[5], taxonomyVersion: row[6], policy: [UInt8](policy ?? Data()), createdAt: row[8],
            startedAt: row[9], finishedAt: row[10], error: row[11])
    }

    private static func phaseRecord(_ row: Row) throws -> PhaseRunRecord {
        let stateName: String = row[2]
        guard let state = PhaseState(rawValue: stateName) else {
            throw StoreError(.corrupt, "phase \(row[1] as String) of run \(row[0] as Int64) has unknown state '\(stateName)'")
        }
        return PhaseRunRecord(
            runID: row[0], phase: row[1], state: state, attempts: row[3], startedAt: row[4],
            finishedAt: row[5], error: row[6], summary: row[7], payloadSize: row[8])
    }
}
