import CadreStore
import CadreWire
import Logging

/// Persistence of runs: every state change of a run and its phases, and every phase result, goes
/// to the store here — through GRDB's async writes, so the caller's actor is free while SQLite
/// works — and is announced to subscribers and the log once it is durable.
struct RunLedger: Sendable {
    let store: any WorkforceStore
    let hub: EventHub
    let logger: Logger

    func createRun(asOf: Int64, trigger: String, requestedBy uid: UInt32, policy: JSONValue) async throws -> RunRecord {
        let record = try await store.createRun(asOf: asOf, trigger: trigger, requestedBy: uid, policy: try WireJSON.encode(policy))
        log(record.id).info(
            "run #\(record.id) queued by uid \(uid) (\(trigger)), as of \(Timestamp.format(epochSeconds: asOf))",
            metadata: ["trigger": "\(trigger)"])
        hub.publish("run-queued", runID: record.id, message: "as of \(Timestamp.format(epochSeconds: asOf))")
        return record
    }

    /// Reads the run, decodes its pinned policy and marks it running. A policy that cannot be
    /// decoded fails the run: running it on defaults would give figures nobody asked for.
    func begin(runID: Int64) async throws -> (RunRecord, JSONValue) {
        guard let record = try await store.run(id: runID) else {
            throw DaemonError(.runMissing, "run #\(runID) is not in the store")
        }
        let policy: JSONValue
        if record.policy.isEmpty {
            policy = .object([:])  // pinned before policies were stored: the standard policy
        } else {
            do {
                policy = try WireJSON.decode(JSONValue.self, from: record.policy)
            } catch {
                throw DaemonError(.policyUnreadable, "run #\(runID)'s pinned policy cannot be decoded: \(error)")
            }
        }
        try await store.updateRun(id: runID, state: .running, error: nil)
        let remaining = PhaseRegistry.names.count - record.phases.filter { $0.state == .succeeded }.count
        hub.publish("run-started", runID: runID, message: "\(remaining) phases to run")
        return (record, policy)
    }

    func phaseStarted(_ job: PhaseJob) async throws {
        try await store.updatePhase(runID: job.runID, phase: job.phase, state: .running, attempts: job.attempt, error: nil)
        log(job.runID, phase: job.phase).info("run #\(job.runID): phase \(job.phase) started (attempt \(job.attempt))")
    }

    /// Stores the result and its artifacts with the supervisor's timing in its summary, in one
    /// transaction.
    func savePhaseResult(
        runID: Int64, phase: String, summary: JSONValue, payload: [UInt8], artifacts: [PhaseArtifact] = [],
        workerMilliseconds: Double, messagingMilliseconds: Double
    ) async throws {
        var summary = summary
        let artifactBytes = artifacts.reduce(0) { $0 + $1.content.count }
        if case .object(var object) = summary {
            var timing: [String: JSONValue] = [
                "workerMilliseconds": .number(workerMilliseconds), "messagingMilliseconds": .number(messagingMilliseconds),
                "payloadBytes": .number(Double(payload.count)),
            ]
            if !artifacts.isEmpty { timing["artifactBytes"] = .number(Double(artifactBytes)) }
            object["timing"] = .object(timing)
            summary = .object(object)
        }
        let summaryText = String(decoding: try WireJSON.encode(summary), as: UTF8.self)
        let started = ContinuousClock.now
        try await store.savePhaseResult(runID: runID, phase: phase, summary: summaryText, payload: payload, artifacts: artifacts)
        let persisted = (ContinuousClock.now - started).milliseconds
        log(runID, phase: phase).info(
            "run #\(runID): phase \(phase) finished: worker \(Int(workerMilliseconds)) ms, messaging \(Int(messagingMilliseconds)) ms, persisting \(payload.count + artifactBytes) bytes \(Int(persisted)) ms")
        hub.publish(
            "phase-finished", runID: runID, phase: phase, message: "{\"persistMs\":\(persisted),\"summary\":\(summaryText)}")
    }

    func phaseFailed(runID: Int64, phase: String, attempts: Int, error: String) async {
        let logger = log(runID, phase: phase)
        do {
            try await store.updatePhase(runID: runID, phase: phase, state: .failed, attempts: attempts, error: error)
        } catch let storeError {
            logger.error("cannot record the failure of phase \(phase) of run #\(runID): \(storeError)")
        }
        logger.error("run #\(runID): phase \(phase) failed: \(error)")
        hub.publish("phase-failed", runID: runID, phase: phase, message: error)
    }

    /// Records the run's end and announces it; returns the state it ended in.
    func finish(runID: Int64, error: String?) async -> RunState {
        let logger = log(runID)
        let state: RunState = error == nil ? .succeeded : .failed
        do {
            try await store.updateRun(id: runID, state: state, error: error)
        } catch let storeError {
            logger.error("cannot record the end of run #\(runID): \(storeError)")
        }
        if let error {
            logger.error("run #\(runID) failed: \(error)")
            hub.publish("run-failed", runID: runID, message: error)
        } else {
            logger.info("run #\(runID) succeeded")
            hub.publish("run-finished", runID: runID, message: "succeeded")
        }
        return state
    }

    private func log(_ runID: Int64, phase: String? = nil) -> Logger {
        var logger = logger
        logger[metadataKey: "runID"] = "\(runID)"
        if let phase { logger[metadataKey: "phase"] = "\(phase)" }
        return logger
    }
}
