@testable import CadreDaemon
import CadreEngine
import CadreStore
import CadreWire
import Foundation
import Logging
import Testing

/// The sample organisation in a store of its own — the default taxonomy, `Config/sample-org`
/// (people, evidence, credential holdings, HR events, workforce plan), the default course and
/// credential catalogues, `Config/channels.yaml`, and a few course completions — and runs of the
/// pipeline computed in this process: each phase actor is called as its worker calls it, and its
/// output is persisted as the supervisor persists it.
final class PipelineFixture {
    /// 2025-06-30 as a run's as-of date: T is the start of 2025-07-01, UTC.
    static let asOf: Int64 = 1_751_328_000
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Courses of the default catalogue completed by sample people before the as-of date, so
    /// planning has completions to take out of their offer.
    static let completions = """
        person,course,completed_on
        E000001,int-probability-statistics-2,2025-01-15
        E000002,ven-probability-statistics-3,2025-02-01
        E000003,int-linear-algebra-calculus-2,2024-11-20
        E000004,int-probability-statistics-2,2025-03-10
        E000005,ven-probability-statistics-3,2025-05-05
        """

    let folder: String
    let store: Store
    let reader: StoreReader
    let policy: JSONValue

    init() async throws {
        folder = NSTemporaryDirectory() + "cadre-pipeline-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/state", withIntermediateDirectories: true)
        store = try Store(directory: folder + "/state")
        let taxonomyFolder = Self.root.appendingPathComponent("Config/taxonomy")
        let taxonomy = try TaxonomyParser.parse(
            try FileManager.default.contentsOfDirectory(atPath: taxonomyFolder.path).filter { $0.hasSuffix(".yaml") }.sorted().map {
                TaxonomySource(name: $0, contents: try Self.text("Config/taxonomy/\($0)"))
            })
        _ = try store.saveTaxonomy(taxonomy, source: "Config/taxonomy")

        let imports = ImportSessions(
            store: store, hub: EventHub(queueLimit: 16), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            policy: { .standard })
        try await Self.importFile(imports, kind: "people", try Self.text("Config/sample-org/people.csv"))
        try await Self.importFile(imports, kind: "evidence", try Self.text("Config/sample-org/evidence.csv"))

        let courses = try CatalogueParser.parse(
            [CatalogueSource(name: "courses.yaml", contents: try Self.text("Config/catalogue/courses.yaml"))],
            skills: taxonomy.skills.map(\.id))
        _ = try await store.saveDocument(
            .courseCatalogue, digest: courses.digest, source: "courses.yaml", items: courses.count, content: try WireJSON.encode(courses))
        let credentials = try CredentialCatalogueParser.parse(
            [CredentialCatalogueSource(name: "catalogue.yaml", contents: try Self.text("Config/credentials/catalogue.yaml"))],
            taxonomy: taxonomy)
        _ = try await store.saveDocument(
            .credentialCatalogue, digest: credentials.digest, source: "catalogue.yaml", items: credentials.credentials.count,
            content: try WireJSON.encode(credentials))

        try await Self.importFile(imports, kind: "completions", Self.completions)
        try await Self.importFile(imports, kind: "credentials", try Self.text("Config/sample-org/credentials.csv"))
        try await Self.importFile(imports, kind: "hr-events", try Self.text("Config/sample-org/hr-events.csv"))
        try await Self.importFile(imports, kind: "plan", try Self.text("Config/sample-org/workforce-plan.csv"))

        var phases = PhasePolicies()
        phases.sourcing.channels = try ChannelCatalog.parse(file: "channels.yaml", contents: try Self.text("Config/channels.yaml"))
        policy = try PhasePolicies.pin(assessment: .standard, phases: phases)
        reader = try StoreReader(databasePath: store.databasePath)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Creates a run as of `asOf` and computes `phases` in order, each persisted (with its
    /// artifacts) once `persist` has seen it — a test changes what is kept to stand in for a run
    /// of an older build. Returns the run's id.
    func run(
        phases: [any Phase.Type], asOf: Int64 = PipelineFixture.asOf,
        persist: (_ phase: String, _ output: PhaseOutput) throws -> PhaseOutput = { $1 }
    ) async throws -> Int64 {
        let run = try await store.createRun(asOf: asOf, trigger: "test", requestedBy: 0, policy: try WireJSON.encode(policy))
        for type in phases {
            let job = PhaseJob(
                runID: run.id, phase: type.name, attempt: 1, asOf: asOf, dataVersion: run.dataVersion,
                taxonomyVersion: run.taxonomyVersion, databasePath: store.databasePath, policy: policy)
            let output = try persist(type.name, try await type.init().run(job, context: PhaseContext(store: reader) { _, _, _ in }))
            try await store.savePhaseResult(
                runID: run.id, phase: type.name, summary: String(decoding: try WireJSON.encode(output.summary), as: UTF8.self),
                payload: output.payload, artifacts: output.artifacts)
        }
        return run.id
    }

    /// The job a phase of `runID` was given.
    func job(_ runID: Int64, phase: String) async throws -> PhaseJob {
        let run = try #require(try await store.run(id: runID))
        return PhaseJob(
            runID: runID, phase: phase, attempt: 1, asOf: run.asOf, dataVersion: run.dataVersion,
            taxonomyVersion: run.taxonomyVersion, databasePath: store.databasePath, policy: policy)
    }

    func summary(_ runID: Int64, phase: String) throws -> [String: JSONValue] {
        let stored = try #require(try reader.phaseResult(runID: runID, phase: phase))
        guard case .object(let object) = try WireJSON.decode(JSONValue.self, from: Array(stored.summary.utf8)) else { return [:] }
        return object
    }

    private static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    private static func importFile(_ imports: ImportSessions, kind: String, _ contents: String) async throws {
        let peer = PeerCredentials(pid: 1, uid: 0, gid: 0)
        let id = try await imports.begin(Workforce.BeginImportParameters(kind: kind, name: "\(kind).csv"), peer: peer, connection: 1)
        _ = try await imports.chunk(id, data: contents, connection: 1)
        _ = try await imports.commit(id, connection: 1)
    }
}
