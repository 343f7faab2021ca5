import CadreEngine

/// What the daemon asks of its store — versioned inputs, runs and their phase results — so that
/// another backend (PostgreSQL, for several daemons sharing one organisation) can stand behind
/// the same calls without the daemon changing. `Store` (SQLite through GRDB) is the one in use;
/// no type here exposes a statement or a connection.
///
/// Calls the supervisor makes while it must stay responsive (runs, documents) are async; the
/// short reads a view or a reload makes are synchronous.
public protocol WorkforceStore: Sendable {
    /// Where phase workers open their read-only, version-pinned reader.
    var databasePath: String { get }
    func dataVersion() throws -> Int64

    func saveTaxonomy(_ taxonomy: Taxonomy, source: String) throws -> TaxonomyVersionInfo
    func latestTaxonomyVersion() throws -> TaxonomyVersionInfo?
    func taxonomyVersions() throws -> [TaxonomyVersionInfo]
    func taxonomy(version: Int64) throws -> Taxonomy?

    func beginImport(kind: ImportKind, source: String) throws -> ImportStaging
    func saveDocument(_ kind: DocumentKind, digest: String, source: String, items: Int, content: [UInt8]) async throws -> StoredDocument
    func document(_ kind: DocumentKind, atDataVersion dataVersion: Int64?) async throws -> StoredDocument?
    func appendBatch(_ kind: BatchKind, source: String, rows: Int, content: [UInt8]) async throws -> Int64

    func createRun(asOf: Int64, trigger: String, requestedBy: UInt32, policy: [UInt8]) async throws -> RunRecord
    func updateRun(id: Int64, state: RunState, error: String?) async throws
    func updatePhase(runID: Int64, phase: String, state: PhaseState, attempts: Int, error: String?) async throws
    func savePhaseResult(runID: Int64, phase: String, summary: String, payload: [UInt8], artifacts: [PhaseArtifact]) async throws
    func phaseResult(runID: Int64, phase: String) async throws -> PhaseResult?
    func run(id: Int64) async throws -> RunRecord?
    func runs(limit: Int) async throws -> [RunRecord]
    func latestRun(withSucceeded phase: String, asOfAtMost limit: Int64?) async throws -> RunRecord?
    func unfinishedRuns() async throws -> [RunRecord]

    func saveSnapshot(_ snapshot: RunSnapshot) async throws
    func snapshot(runID: Int64) async throws -> RunSnapshot?
    func latestSnapshot(before runID: Int64?) async throws -> RunSnapshot?
    func series(_ key: MetricKey, asOfAtLeast since: Int64?) async throws -> [TrendPoint]
    func runsNeedingSnapshots(version: Int) async throws -> [RunRecord]
    func finishedRunCounts() async throws -> [String: Int]

    /// Lets go of caches and idle connections between runs; returns at once, the work happens
    /// when no access is in progress.
    func releaseMemory()
}

extension WorkforceStore {
    public func document(_ kind: DocumentKind) async throws -> StoredDocument? {
        try await document(kind, atDataVersion: nil)
    }

    public func latestRun(withSucceeded phase: String) async throws -> RunRecord? {
        try await latestRun(withSucceeded: phase, asOfAtMost: nil)
    }

    public func latestSnapshot() async throws -> RunSnapshot? {
        try await latestSnapshot(before: nil)
    }

    public func series(_ key: MetricKey) async throws -> [TrendPoint] {
        try await series(key, asOfAtLeast: nil)
    }
}

extension Store: WorkforceStore {}
