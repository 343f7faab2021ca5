/// The messages between the supervisor and its phase workers, carried in `BusFrame`s over the Unix
/// sockets in the runtime directory. Versioned by `BusFrame.wireVersion`; a peer that speaks another
/// version is refused at the first frame. Encoded as JSON (Swift's synthesized `Codable` shape:
/// `{"heartbeat":{"seq":7}}`), with bulky phase results in the frame's binary attachment.
public enum BusMessage: Codable, Hashable, Sendable {
    /// worker → supervisor, first frame on a connection.
    case register(WorkerRegistration)
    /// supervisor → worker: registration accepted.
    case welcome(heartbeatIntervalMilliseconds: Int)
    /// supervisor → worker; the worker answers `heartbeatAck` with the same sequence number, even mid-phase.
    case heartbeat(seq: UInt64)
    case heartbeatAck(seq: UInt64)
    /// supervisor → worker: compute this phase of this run.
    case runPhase(PhaseJob)
    /// worker → supervisor, any number of times while a phase runs.
    case progress(PhaseProgress)
    /// worker → supervisor: the phase's result; the encoded result, then its artifacts, are the
    /// frame's attachment (`PhaseCompletion.attachment`).
    case phaseSucceeded(PhaseCompletion)
    case phaseFailed(PhaseFailure)
    /// supervisor → worker: finish the current frame and exit 0.
    case shutdown
}

public struct WorkerRegistration: Codable, Hashable, Sendable {
    public var phase: String
    public var pid: Int32
    public var wireVersion: UInt16

    public init(phase: String, pid: Int32, wireVersion: UInt16 = BusFrame.wireVersion) {
        self.phase = phase
        self.pid = pid
        self.wireVersion = wireVersion
    }
}

/// Everything a worker needs to compute a phase deterministically: the run's pins and where to read.
public struct PhaseJob: Codable, Hashable, Sendable {
    public var runID: Int64
    public var phase: String
    public var attempt: Int
    /// Seconds since the Unix epoch.
    public var asOf: Int64
    public var dataVersion: Int64
    public var taxonomyVersion: Int64
    /// The store's database, opened read-only by the worker.
    public var databasePath: String
    /// The assessment policy (scales, source weights and half-lives) in force for this run, as JSON.
    public var policy: JSONValue

    public init(
        runID: Int64, phase: String, attempt: Int, asOf: Int64, dataVersion: Int64,
        taxonomyVersion: Int64, databasePath: String, policy: JSONValue
    ) {
        self.runID = runID
        self.phase = phase
        self.attempt = attempt
        self.asOf = asOf
        self.dataVersion = dataVersion
        self.taxonomyVersion = taxonomyVersion
        self.databasePath = databasePath
        self.policy = policy
    }
}

public struct PhaseProgress: Codable, Hashable, Sendable {
    public var runID: Int64
    public var phase: String
    public var done: Int
    public var total: Int
    public var note: String

    public init(runID: Int64, phase: String, done: Int, total: Int, note: String) {
        self.runID = runID
        self.phase = phase
        self.done = done
        self.total = total
        self.note = note
    }
}

public struct PhaseCompletion: Codable, Hashable, Sendable {
    public var runID: Int64
    public var phase: String
    public var attempt: Int
    /// A short, human-readable JSON object (counts, headline figures) shown by `cadrectl runs show`.
    public var summary: JSONValue
    /// Wall time of the phase inside the worker, from job received to result encoded; the
    /// supervisor subtracts it from the round trip to measure messaging.
    public var workerMilliseconds: Double
    /// What the phase keeps beside its result for the later phases of the run (the assessment's
    /// estimates at T): their bytes follow the result's in the attachment, in this order.
    public var artifacts: [ArtifactExtent]

    public init(
        runID: Int64, phase: String, attempt: Int, summary: JSONValue, workerMilliseconds: Double = 0,
        artifacts: [ArtifactExtent] = []
    ) {
        self.runID = runID
        self.phase = phase
        self.attempt = attempt
        self.summary = summary
        self.workerMilliseconds = workerMilliseconds
        self.artifacts = artifacts
    }
}

public struct PhaseFailure: Codable, Hashable, Sendable {
    public var runID: Int64
    public var phase: String
    public var attempt: Int
    /// Stable error code (`taxonomy.unknown-skill`, `store.no-taxonomy`, …).
    public var code: String
    public var message: String

    public init(runID: Int64, phase: String, attempt: Int, code: String, message: String) {
        self.runID = runID
        self.phase = phase
        self.attempt = attempt
        self.code = code
        self.message = message
    }
}
