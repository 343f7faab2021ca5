/// Where a pipeline run is. `queued` and `running` runs are resumed when the supervisor restarts;
/// `succeeded` and `failed` are final.
public enum RunState: String, Sendable, Hashable, Codable, CaseIterable {
    case queued, running, succeeded, failed

    public var isFinished: Bool { self == .succeeded || self == .failed }
}

/// Where one phase of a run is. Unlike a run, a failed phase may run again (a worker restart
/// re-runs its in-flight phase), so no phase state is final.
public enum PhaseState: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, running, succeeded, failed
}

/// One pipeline run and everything it is pinned to: rerunning with the same as-of time, data
/// version, taxonomy version and policy reproduces its numbers bit for bit.
public struct RunRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var state: RunState
    /// What asked for the run: `cadrectl`, `timer`, …
    public var trigger: String
    /// The uid of the peer that asked, from `SO_PEERCRED`.
    public var requestedBy: UInt32
    /// Epoch seconds: evidence observed after this is ignored and decay is measured to it.
    public var asOf: Int64
    public var dataVersion: Int64
    public var taxonomyVersion: Int64
    /// The assessment policy as the caller encoded it; stored and returned byte for byte.
    public var policy: [UInt8]
    /// Epoch milliseconds.
    public var createdAt: Int64
    public var startedAt: Int64?
    public var finishedAt: Int64?
    public var error: String?
    /// In the order the phases were first recorded.
    public var phases: [PhaseRunRecord]

    public init(
        id: Int64, state: RunState, trigger: String, requestedBy: UInt32, asOf: Int64,
        dataVersion: Int64, taxonomyVersion: Int64, policy: [UInt8], createdAt: Int64,
        startedAt: Int64? = nil, finishedAt: Int64? = nil, error: String? = nil,
        phases: [PhaseRunRecord] = []
    ) {
        self.id = id
        self.state = state
        self.trigger = trigger
        self.requestedBy = requestedBy
        self.asOf = asOf
        self.dataVersion = dataVersion
        self.taxonomyVersion = taxonomyVersion
        self.policy = policy
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.error = error
        self.phases = phases
    }
}

/// One phase of a run, without its payload (which may be tens of megabytes); fetch that with
/// `phaseResult(runID:phase:)`.
public struct PhaseRunRecord: Sendable, Hashable, Codable {
    public var runID: Int64
    public var phase: String
    public var state: PhaseState
    public var attempts: Int
    /// Epoch milliseconds of the latest attempt.
    public var startedAt: Int64?
    public var finishedAt: Int64?
    public var error: String?
    /// The caller's JSON summary, once the phase succeeded.
    public var summary: String?
    /// Bytes in the stored payload (0 when none).
    public var payloadSize: Int

    public init(
        runID: Int64, phase: String, state: PhaseState, attempts: Int, startedAt: Int64? = nil,
        finishedAt: Int64? = nil, error: String? = nil, summary: String? = nil, payloadSize: Int = 0
    ) {
        self.runID = runID
        self.phase = phase
        self.state = state
        self.attempts = attempts
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.error = error
        self.summary = summary
        self.payloadSize = payloadSize
    }
}

/// What a phase produced: a JSON summary for people and a payload for the phases that follow.
public struct PhaseResult: Sendable, Hashable {
    public var summary: String
    public var payload: [UInt8]

    public init(summary: String, payload: [UInt8]) {
        self.summary = summary
        self.payload = payload
    }
}

/// A named block of bytes a phase keeps beside its result for the later phases of the same run —
/// the assessment's estimates at T, which training and sourcing would otherwise compute again from
/// every evidence row. Views never read artifacts; they are inputs, like the payload, not output.
public struct PhaseArtifact: Sendable, Hashable {
    public var name: String
    public var content: [UInt8]

    public init(name: String, content: [UInt8]) {
        self.name = name
        self.content = content
    }
}
