import CadreEngine
import Foundation
import Synchronization
@testable import CadreStore

/// A fresh directory under the system temp dir, removed when the test is done with it.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("cadre-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    var importsPath: String { (path as NSString).appendingPathComponent(Store.importsDirectoryName) }

    func stagingFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: importsPath)) ?? []).sorted()
    }
}

/// A clock that ticks one millisecond per reading from a known start, so timestamps can be asserted.
final class TickingClock: Sendable {
    private let next: Mutex<Int64>
    init(start: Int64) { next = Mutex(start) }
    func read() -> Int64 { next.withLock { value in defer { value += 1 }; return value } }
}

func makeStore(_ directory: TemporaryDirectory, clock: TickingClock = TickingClock(start: 1_000)) throws -> Store {
    try Store(directory: directory.path, clock: { clock.read() })
}

func sampleTaxonomy(evaluationLevel: Int = 3) -> Taxonomy {
    Taxonomy(
        skills: [
            Skill(id: "ml-model-evaluation", name: "Model evaluation", discipline: .mathStats, onet: ["2.A.2.a"]),
            Skill(id: "python", name: "Python", discipline: .softwareEngineering),
        ],
        roles: [
            Role(id: "ml-engineer", name: "ML engineer", levels: [
                RoleLevel(rung: 1, title: "ML engineer I", requirements: [
                    Requirement(skill: "python", level: 2, importance: 4),
                ]),
                RoleLevel(rung: 2, title: "ML engineer II", requirements: [
                    Requirement(skill: "python", level: 3, importance: 4),
                    Requirement(skill: "ml-model-evaluation", level: evaluationLevel, importance: 5),
                ]),
            ]),
        ])
}

func person(_ id: String, team: String = "vision", rung: Int = 1, manager: String? = nil) -> StoredPerson {
    StoredPerson(
        externalID: id, name: "Person \(id)", team: team, manager: manager, role: "ml-engineer", rung: rung,
        hireDate: "2021-03-01", location: nil)
}

func evidence(
    _ person: String, _ skill: String, _ value: Double, at observedAt: Int64, source: String = "assessment",
    scale: String = "level", assessor: String? = nil, reference: String? = nil
) -> StoredEvidence {
    StoredEvidence(
        person: person, skill: skill, value: value, scale: scale, source: source, observedAt: observedAt,
        assessor: assessor, reference: reference)
}

/// Stages and commits one import.
@discardableResult
func importPeople(_ store: Store, _ people: [StoredPerson], source: String = "people.csv") async throws -> ImportSummary {
    let staging = try store.beginImport(kind: .people, source: source)
    try staging.append(people: people)
    return try await staging.commit()
}

@discardableResult
func importEvidence(_ store: Store, _ rows: [StoredEvidence], source: String = "evidence.csv") async throws -> ImportSummary {
    let staging = try store.beginImport(kind: .evidence, source: source)
    try staging.append(evidence: rows)
    return try await staging.commit()
}

/// Runs `body` and returns the `StoreError` code it threw, or nil when it didn't throw one.
func storeErrorCode(_ body: () throws -> Void) -> StoreError.Code? {
    do {
        try body()
        return nil
    } catch let error as StoreError {
        return error.code
    } catch {
        return StoreError.Code("unexpected: \(error)")
    }
}

func storeErrorCode(_ body: () async throws -> Void) async -> StoreError.Code? {
    do {
        try await body()
        return nil
    } catch let error as StoreError {
        return error.code
    } catch {
        return StoreError.Code("unexpected: \(error)")
    }
}
