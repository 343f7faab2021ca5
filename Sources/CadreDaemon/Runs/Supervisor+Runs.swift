import CadreStore
import CadreWire
import Foundation
import Logging

/// Runs: queued, then phase by phase through the workers, each result persisted before the next
/// phase starts, so a supervisor restart resumes from the last persisted phase.
extension Supervisor {
    /// Pins a new run to the current data and taxonomy versions and queues it.
    func startRun(asOf: Int64, trigger: String, requestedBy uid: UInt32, policy: JSONValue) throws -> RunRecord {
        guard !shuttingDown else { throw ControlFailure.shuttingDown }
        let record = try store.createRun(asOf: asOf, trigger: trigger, requestedBy: uid, policy: try WireJSON.encode(policy))
        var logger = logger
        logger[metadataKey: "runID"] = "\(record.id)"
        logger.info("run #\(record.id) queued by uid \(uid) (\(trigger)), as of \(Timestamp.format(epochSeconds: asOf))")
        hub.publish("run-queued", runID: record.id, message: "as of \(Timestamp.format(epochSeconds: asOf))")
        queue.append(record.id)
        advance()
        return record
    }

    /// After a supervisor restart: runs left queued or running go back on the queue, oldest first.
    func resumeUnfinishedRuns() throws {
        for record in try store.unfinishedRuns() where !queue.contains(record.id) {
            logger.notice("resuming run #\(record.id) (\(record.state.rawValue))")
            queue.append(record.id)
        }
        advance()
    }

    /// Moves the pipeline forward: starts the next queued run, or the next phase of the active one.
    func advance() {
        guard !shuttingDown else { return }
        if active == nil {
            guard !queue.isEmpty else { return }
            let id = queue.removeFirst()
            do {
                guard let record = try store.run(id: id) else { return advance() }
                let done = Set(record.phases.filter { $0.state == .succeeded }.map(\.phase))
                active = ActiveRun(record: record, remaining: PhaseRegistry.names.filter { !done.contains($0) })
                for phase in record.phases { active?.attempts[phase.phase] = phase.attempts }
                try store.updateRun(id: id, state: .running, error: nil)
                hub.publish("run-started", runID: id, message: "\(active?.remaining.count ?? 0) phases to run")
            } catch {
                logger.error("cannot start run #\(id): \(error)")
                hub.publish("run-failed", runID: id, message: "\(error)")
                return advance()
            }
        }
        guard let run = active, !run.dispatched else { return }
        guard let phase = run.remaining.first else {
            finishActiveRun(error: nil)
            return
        }
        guard let slot = slots[phase], slot.link != nil, slot.job == nil else {
            return  // dispatched when the worker (re)registers
        }
        let attempt = (run.attempts[phase] ?? 0) + 1
        guard attempt <= configuration.maximumPhaseAttempts else {
            // Attempts persist across supervisor restarts: a phase that keeps taking its worker (or
            // the whole daemon) down is not tried a fourth time because the count started afresh.
            let error = "phase \(phase) was already attempted \(attempt - 1) times without finishing"
            try? store.updatePhase(runID: run.record.id, phase: phase, state: .failed, attempts: attempt - 1, error: error)
            hub.publish("phase-failed", runID: run.record.id, phase: phase, message: error)
            finishActiveRun(error: error)
            return
        }
        let record = run.record
        let policy = (try? WireJSON.decode(JSONValue.self, from: record.policy)) ?? .object([:])
        dispatch(
            PhaseJob(
                runID: record.id, phase: phase, attempt: attempt, asOf: record.asOf, dataVersion: record.dataVersion,
                taxonomyVersion: record.taxonomyVersion, databasePath: store.databasePath, policy: policy))
    }

    /// A worker died while computing `job`. Phases are deterministic in (run, inputs), so the job is
    /// sent again to its replacement — unless it has now taken down `maximumPhaseAttempts` workers,
    /// which says the inputs, not the worker, are the problem: then the run fails and the pipeline
    /// moves on rather than crash-looping.
    func redispatchAfterCrash(_ job: PhaseJob) {
        guard job.attempt < configuration.maximumPhaseAttempts else {
            slots[job.phase]?.job = nil
            active?.dispatched = false
            let error = "the \(job.phase) worker died \(job.attempt) times computing this phase"
            try? store.updatePhase(runID: job.runID, phase: job.phase, state: .failed, attempts: job.attempt, error: error)
            hub.publish("phase-failed", runID: job.runID, phase: job.phase, message: error)
            finishActiveRun(error: "phase \(job.phase) failed: \(error)")
            return
        }
        var next = job
        next.attempt += 1
        dispatch(next)
    }

    func dispatch(_ job: PhaseJob) {
        guard var slot = slots[job.phase], let link = slot.link else { return }
        slot.job = job
        slot.dispatchedAt = .now
        slot.state = .busy
        slots[job.phase] = slot
        active?.dispatched = true
        active?.attempts[job.phase] = job.attempt
        do {
            try store.updatePhase(runID: job.runID, phase: job.phase, state: .running, attempts: job.attempt, error: nil)
        } catch {
            logger.error("cannot record phase start: \(error)")
        }
        var logger = logger
        logger[metadataKey: "runID"] = "\(job.runID)"
        logger[metadataKey: "phase"] = "\(job.phase)"
        logger.info("run #\(job.runID): phase \(job.phase) started (attempt \(job.attempt))")
        hub.publish(
            "phase-started", runID: job.runID, phase: job.phase, pid: slot.pid,
            message: job.attempt > 1 ? "attempt \(job.attempt)" : nil)
        link.yield(BusFrame(.runPhase(job)))
        updateStatus()
    }

    func received(_ frame: BusFrame, from pid: Int32) {
        guard let phase = slots.first(where: { $0.value.pid == pid })?.key else { return }
        switch frame.message {
        case .heartbeatAck:
            slots[phase]?.lastAck = .now
        case .progress(let progress):
            guard slots[phase]?.job?.runID == progress.runID else { return }
            hub.publish(
                "progress", runID: progress.runID, phase: progress.phase, pid: pid, done: progress.done,
                total: progress.total, message: progress.note)
        case .phaseSucceeded(let completion):
            guard let job = slots[phase]?.job, job.runID == completion.runID, job.attempt == completion.attempt else { return }
            let roundTrip = slots[phase]?.dispatchedAt.map { (ContinuousClock.now - $0).milliseconds } ?? 0
            completePhase(
                job, summary: completion.summary, payload: frame.attachment,
                timing: PhaseTiming(
                    workerMilliseconds: completion.workerMilliseconds,
                    messagingMilliseconds: max(0, roundTrip - completion.workerMilliseconds),
                    payloadBytes: frame.attachment.count))
        case .phaseFailed(let failure):
            guard let job = slots[phase]?.job, job.runID == failure.runID, job.attempt == failure.attempt else { return }
            slots[phase]?.job = nil
            slots[phase]?.state = .ready
            active?.dispatched = false
            try? store.updatePhase(
                runID: job.runID, phase: job.phase, state: .failed, attempts: job.attempt,
                error: "\(failure.code): \(failure.message)")
            hub.publish("phase-failed", runID: job.runID, phase: job.phase, pid: pid, message: "\(failure.code): \(failure.message)")
            finishActiveRun(error: "phase \(job.phase) failed: \(failure.code): \(failure.message)")
        default:
            logger.warning("unexpected bus message from worker \(phase): \(frame.message)")
        }
    }

    private func completePhase(_ job: PhaseJob, summary: JSONValue, payload: [UInt8], timing: PhaseTiming) {
        slots[job.phase]?.job = nil
        slots[job.phase]?.state = .ready
        active?.dispatched = false
        var summary = summary
        if case .object(var object) = summary {
            object["timing"] = try? WireJSON.value(timing)
            summary = .object(object)
        }
        let summaryText = (try? WireJSON.encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let persistStarted = ContinuousClock.now
        do {
            try store.savePhaseResult(runID: job.runID, phase: job.phase, summary: summaryText, payload: payload)
        } catch {
            logger.error("cannot persist phase \(job.phase) of run #\(job.runID): \(error)")
            try? store.updatePhase(runID: job.runID, phase: job.phase, state: .failed, attempts: job.attempt, error: "\(error)")
            finishActiveRun(error: "could not persist phase \(job.phase): \(error)")
            return
        }
        var logger = logger
        logger[metadataKey: "runID"] = "\(job.runID)"
        logger[metadataKey: "phase"] = "\(job.phase)"
        let persisted = (ContinuousClock.now - persistStarted).milliseconds
        logger.info(
            "run #\(job.runID): phase \(job.phase) finished: worker \(Int(timing.workerMilliseconds)) ms, messaging \(Int(timing.messagingMilliseconds)) ms, persisting \(payload.count) bytes \(Int(persisted)) ms")
        hub.publish(
            "phase-finished", runID: job.runID, phase: job.phase,
            message: "{\"persistMs\":\(persisted),\"summary\":\(summaryText)}")
        active?.remaining.removeAll { $0 == job.phase }
        advance()
    }

    func finishActiveRun(error: String?) {
        guard let run = active else { return }
        active = nil
        let id = run.record.id
        var logger = logger
        logger[metadataKey: "runID"] = "\(id)"
        do {
            try store.updateRun(id: id, state: error == nil ? .succeeded : .failed, error: error)
        } catch {
            logger.error("cannot record the end of run #\(id): \(error)")
        }
        if let error {
            logger.error("run #\(id) failed: \(error)")
            hub.publish("run-failed", runID: id, message: error)
        } else {
            logger.info("run #\(id) succeeded")
            hub.publish("run-finished", runID: id, message: "succeeded")
        }
        updateStatus()
        advance()
    }

    /// Where a phase's time went, as the supervisor sees it; stored in the phase's summary.
    struct PhaseTiming: Codable {
        var workerMilliseconds: Double
        var messagingMilliseconds: Double
        var payloadBytes: Int
    }

    func status(version: String) throws -> Workforce.Status {
        let uptime = ContinuousClock.now - startedAt
        var alerts = self.alerts
        let taxonomy = try store.latestTaxonomyVersion()
        if taxonomy == nil { alerts.append("no taxonomy loaded: cadrectl taxonomy load Config/taxonomy") }
        let runs = try store.runs(limit: configuration.recentRuns)
        if let last = runs.first(where: { $0.state.isFinished }), last.state == .failed {
            alerts.append("last run #\(last.id) failed")
        }
        return Workforce.Status(
            version: CadreVersion.current, pid: Int(getpid()),
            uptimeSeconds: Double(uptime.components.seconds) + Double(uptime.components.attoseconds) / 1e18,
            ready: isReady, dataVersion: try store.dataVersion(), taxonomy: taxonomy.map(APIMapping.taxonomyVersion),
            workers: workerViews(), recentRuns: runs.map(APIMapping.run), alerts: alerts)
    }
}
