#if canImport(Glibc)
import Glibc
#endif
import CadreStore
import CadreWire
import Logging

/// Carrying events between the pool, the coordinator and the ledger.
extension Supervisor {
    /// Pins a new run to the current data and taxonomy versions and queues it.
    func startRun(asOf: Int64, trigger: String, requestedBy uid: UInt32, policy: JSONValue) async throws -> RunRecord {
        guard !shuttingDown else { throw ControlFailure.shuttingDown }
        let record = try await ledger.createRun(asOf: asOf, trigger: trigger, requestedBy: uid, policy: policy)
        await apply(coordinator.enqueue(record.id))
        return record
    }

    /// One event from the worker pool, handled to the end (persistence included) before the next.
    func handle(_ event: WorkerPool.Event) async {
        switch event {
        case .ready(let phase):
            await apply(coordinator.workerReady(phase))
            await updateStatus()
        case .exited(let phase, let pid, let exit):
            let runID = coordinator.active.flatMap { $0.inFlight[phase] != nil ? $0.record.id : nil }
            hub.publish("worker-exited", runID: runID, phase: phase, pid: pid, message: exit.description)
            await apply(coordinator.workerLost(phase))
            await updateStatus()
        case .gaveUp(let reason):
            alerts.append(reason)
            requestStop(exitCode: 1, reason: reason)
        case .frame(let phase, let pid, let frame):
            await received(frame, phase: phase, pid: pid)
        }
    }

    private func received(_ frame: BusFrame, phase: String, pid: Int32) async {
        switch frame.message {
        case .progress(let progress):
            guard coordinator.active?.record.id == progress.runID, coordinator.active?.inFlight[phase] != nil else { return }
            hub.publish(
                "progress", runID: progress.runID, phase: progress.phase, pid: pid, done: progress.done,
                total: progress.total, message: progress.note)
        case .phaseSucceeded(let completion):
            guard coordinator.awaits(phase, runID: completion.runID, attempt: completion.attempt) else { return }
            let roundTrip = dispatchedAt[phase].map { (ContinuousClock.now - $0).milliseconds } ?? 0
            do {
                let (payload, artifacts) = try completion.split(frame.attachment)
                try await ledger.savePhaseResult(
                    runID: completion.runID, phase: phase, summary: completion.summary, payload: payload,
                    artifacts: artifacts.map { PhaseArtifact(name: $0.name, content: $0.content) },
                    workerMilliseconds: completion.workerMilliseconds,
                    messagingMilliseconds: max(0, roundTrip - completion.workerMilliseconds))
                await apply(coordinator.phaseSucceeded(phase, runID: completion.runID, attempt: completion.attempt))
            } catch {
                await apply(
                    coordinator.phaseFailed(
                        phase, runID: completion.runID, attempt: completion.attempt,
                        error: "could not persist its result: \(error)"))
            }
        case .phaseFailed(let failure):
            guard coordinator.awaits(phase, runID: failure.runID, attempt: failure.attempt) else { return }
            await apply(
                coordinator.phaseFailed(
                    phase, runID: failure.runID, attempt: failure.attempt, error: "\(failure.code): \(failure.message)"))
        default:
            logger.warning("unexpected bus message from worker \(phase): \(frame.message)")
        }
    }

    /// Carries out the coordinator's actions in order; loading a run yields further actions.
    func apply(_ actions: [RunCoordinator.Action]) async {
        var pending = actions[...]
        while let action = pending.popFirst() {
            switch action {
            case .load(let runID):
                guard !shuttingDown else { continue }
                do {
                    let (record, policy) = try await ledger.begin(runID: runID)
                    pending.append(contentsOf: coordinator.begin(record, policy: policy))
                } catch {
                    pending.append(contentsOf: coordinator.beginFailed(runID, error: "\(error)"))
                }
            case .dispatch(let job):
                do {
                    try await ledger.phaseStarted(job)
                } catch {
                    pending.append(
                        contentsOf: coordinator.phaseFailed(
                            job.phase, runID: job.runID, attempt: job.attempt, error: "could not record its start: \(error)"))
                    continue
                }
                // A worker that died meanwhile has been (or will be) reported by the pool; its
                // replacement gets the job again through the coordinator.
                dispatchedAt[job.phase] = .now
                if await pool.send(job) {
                    hub.publish(
                        "phase-started", runID: job.runID, phase: job.phase, pid: await pool.pid(of: job.phase),
                        message: job.attempt > 1 ? "attempt \(job.attempt)" : nil)
                }
            case .failPhase(let runID, let phase, let attempts, let error):
                await ledger.phaseFailed(runID: runID, phase: phase, attempts: attempts, error: error)
            case .finish(let runID, let error):
                let state = await ledger.finish(runID: runID, error: error)
                lastFinished = (runID, state)
                await runFinished(runID, state: state)
                // The phases' payloads passed through here on their way to the store.
                store.releaseMemory()
                FreeMemory.release(after: .seconds(1))
            }
        }
        await updateStatus()
    }

    func status() async throws -> Workforce.Status {
        let uptime = ContinuousClock.now - startedAt
        var alerts = self.alerts + monitoring.lines
        let taxonomy = try store.latestTaxonomyVersion()
        if taxonomy == nil { alerts.append("no taxonomy loaded: cadrectl taxonomy load Config/taxonomy") }
        let runs = try await store.runs(limit: configuration.recentRuns)
        if let last = runs.first(where: { $0.state.isFinished }), last.state == .failed {
            alerts.append("last run #\(last.id) failed")
        }
        let dropped = notifier.droppedCount, lost = notifier.lostCount
        if dropped + lost > 0 {
            alerts.append(
                "the service manager is not reading its notify socket: \(dropped) status line(s) or keep-alive(s) dropped, "
                    + "\(lost) state change(s) undelivered")
        }
        return Workforce.Status(
            version: CadreVersion.current, pid: Int(getpid()),
            uptimeSeconds: Double(uptime.components.seconds) + Double(uptime.components.attoseconds) / 1e18,
            ready: await pool.isReady, dataVersion: try store.dataVersion(), taxonomy: taxonomy.map(APIMapping.taxonomyVersion),
            workers: await pool.views(), recentRuns: runs.map(APIMapping.run), alerts: alerts)
    }
}
