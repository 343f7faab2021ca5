import CadreStore
import CadreWire

/// One phase of the pipeline, as hosted by its worker process: an actor that decodes its inputs,
/// calls the engine and encodes the result. The mathematics lives in `CadreEngine`; a phase only
/// reads through a read-only store pinned to the run's data version and hands back bytes.
///
/// Adding a phase means writing its engine code, one type conforming to this protocol, and one line
/// in `PhaseRegistry`: the supervisor, the bus and the run coordinator don't change.
public protocol Phase: Actor {
    /// The name on the wire, in the store and in `cadred worker --phase NAME`.
    static var name: String { get }
    /// Phases whose persisted results this one reads; they run first.
    static var dependencies: [String] { get }

    init()

    func run(_ job: PhaseJob, context: PhaseContext) async throws -> PhaseOutput
}

/// What a phase may use while it runs: the pinned store, and a way to report progress.
public struct PhaseContext: Sendable {
    public let store: StoreReader
    private let report: @Sendable (_ done: Int, _ total: Int, _ note: String) -> Void

    public init(store: StoreReader, report: @escaping @Sendable (Int, Int, String) -> Void) {
        self.store = store
        self.report = report
    }

    public func progress(_ done: Int, of total: Int, _ note: String) {
        report(done, total, note)
    }
}

/// A phase's result: a short summary a person reads, the full result as bytes the supervisor
/// persists without interpreting, and what the phase keeps beside it for the later phases of the
/// run (`PhaseArtifact`), persisted with it.
public struct PhaseOutput: Sendable {
    public var summary: JSONValue
    public var payload: [UInt8]
    public var artifacts: [PhaseArtifact]

    public init(summary: JSONValue, payload: [UInt8], artifacts: [PhaseArtifact] = []) {
        self.summary = summary
        self.payload = payload
        self.artifacts = artifacts
    }
}

/// A phase that cannot produce a result from these inputs. Re-running won't help, so the run fails
/// with this code and message rather than being retried.
public struct PhaseError: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

/// Every phase the daemon runs, in an order that respects dependencies.
public enum PhaseRegistry {
    public static let phases: [any Phase.Type] = [
        TaxonomyPhase.self, AssessmentPhase.self, TrainingPhase.self, CredentialingPhase.self, RetentionPhase.self,
        SourcingPhase.self,
    ]

    public static var names: [String] { phases.map { $0.name } }

    /// The dependency graph the run coordinator dispatches by.
    static var graph: RunCoordinator.Graph {
        RunCoordinator.Graph(phases: phases.map { ($0.name, $0.dependencies) })
    }

    public static func phase(named name: String) -> (any Phase.Type)? {
        phases.first { $0.name == name }
    }
}
