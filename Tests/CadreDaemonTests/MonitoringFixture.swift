@testable import CadreDaemon
import CadreEngine
import CadreStore
import Foundation
import Logging

/// A store with one team of six ML engineers (rung 1 needs python at 4, importance 1) and runs
/// whose assessment payloads the tests choose: everyone at python L gives readiness 1 − (4 − L)/4.
final class MonitoringFixture {
    static let day: Int64 = 86_400
    static let taxonomy = Taxonomy(
        skills: [Skill(id: "python", name: "Python", discipline: .softwareEngineering)],
        roles: [Role(id: "ml-engineer", name: "ML engineer", levels: [
            RoleLevel(rung: 1, title: "ML engineer I", requirements: [Requirement(skill: "python", level: 4, importance: 1)]),
        ])])

    let folder: String
    let store: Store

    init() throws {
        folder = NSTemporaryDirectory() + "cadre-monitoring-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/state", withIntermediateDirectories: true)
        store = try Store(directory: folder + "/state")
        _ = try store.saveTaxonomy(Self.taxonomy, source: "test")
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    static func gapMap(python level: Double, asOf: Int64) throws -> GapMap {
        let people = (1...6).map { PersonRecord(id: "p\($0)", roleLevel: RoleLevelRef(role: "ml-engineer", rung: 1), team: "core") }
        let evidence = people.map {
            EvidenceRecord(person: $0.id, skill: "python", value: level, scale: "level", source: "manager", observedAt: asOf)
        }
        return try GapMap(assessing: try AssessmentInputBuilder.build(taxonomy: taxonomy, people: people, evidence: evidence), asOf: asOf)
    }

    /// A finished run on `day`; succeeded ones carry an assessment with everyone at `python`.
    func run(day: Int64, python: Double?, trigger: String = "test") async throws -> Int64 {
        let asOf = day * Self.day
        let run = try await store.createRun(asOf: asOf, trigger: trigger, requestedBy: 0, policy: [])
        try await store.updateRun(id: run.id, state: .running, error: nil)
        guard let python else {
            try await store.updateRun(id: run.id, state: .failed, error: "boom")
            return run.id
        }
        try await store.savePhaseResult(
            runID: run.id, phase: "assessment", summary: "{}", payload: try Self.gapMap(python: python, asOf: asOf).encoded())
        try await store.updateRun(id: run.id, state: .succeeded, error: nil)
        return run.id
    }

    func supervisor(_ configuration: DaemonConfiguration) -> Supervisor {
        let paths = DaemonPaths(runtime: folder + "/run", state: folder + "/state", configuration: folder + "/etc", logs: folder)
        return Supervisor(
            paths: paths, configuration: configuration, store: store, hub: EventHub(queueLimit: 16), executable: "/bin/false",
            logTarget: .stderr, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }
}
