#if canImport(Glibc)
import Glibc
#endif
import CadreSystemd
import CadreWire
import Foundation
import Logging

/// Worker processes: spawning, registration, heartbeats, and restarts when one dies.
extension Supervisor {
    func spawn(_ phase: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "worker", "--phase", phase, "--bus", paths.busSocket, "--log-target", logTarget.rawValue,
            "--maximum-frame-bytes", String(configuration.maximumBusFrameBytes),
        ]
        // Only the supervisor speaks to systemd; workers must not inherit its notify or activation state.
        var environment = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            environment[key] = nil
        }
        process.environment = environment
        process.terminationHandler = { [weak self] process in
            let pid = process.processIdentifier
            let status = process.terminationStatus
            let signaled = process.terminationReason == .uncaughtSignal
            Task { await self?.workerExited(phase: phase, pid: pid, status: status, signaled: signaled) }
        }
        try process.run()
        slots[phase]?.process = process
        slots[phase]?.pid = process.processIdentifier
        slots[phase]?.lastAck = nil
        slots[phase]?.link = nil
        if slots[phase]?.state != .restarting { slots[phase]?.state = .starting }
        var logger = logger
        logger[metadataKey: "phase"] = "\(phase)"
        logger[metadataKey: "workerPID"] = "\(process.processIdentifier)"
        logger.info("worker \(phase) started (pid \(process.processIdentifier))")
        hub.publish("worker-started", phase: phase, pid: process.processIdentifier)
    }

    /// A worker's first frame. Accepted only from the process this supervisor spawned for that phase.
    func attach(_ registration: WorkerRegistration, link: AsyncStream<BusFrame>.Continuation) -> Bool {
        guard var slot = slots[registration.phase], slot.pid == registration.pid,
            registration.wireVersion == BusFrame.wireVersion
        else {
            logger.warning("refused bus registration \(registration.phase) pid \(registration.pid)")
            return false
        }
        slot.link = link
        slot.lastAck = .now
        slot.state = .ready
        link.yield(BusFrame(.welcome(heartbeatIntervalMilliseconds: configuration.heartbeatIntervalMilliseconds)))
        slots[registration.phase] = slot
        logger.debug("worker \(registration.phase) registered (pid \(registration.pid))")
        workersRegisteredIfAll()
        if let job = slot.job {
            redispatchAfterCrash(job)
        } else {
            advance()
        }
        updateStatus()
        return true
    }

    func workerExited(phase: String, pid: Int32, status: Int32, signaled: Bool) {
        guard var slot = slots[phase], slot.pid == pid else { return }
        slot.link?.finish()
        slot.link = nil
        slot.process = nil
        let how = signaled ? "killed by signal \(status)" : "exited with status \(status)"
        if shuttingDown {
            slot.state = .stopped
            slots[phase] = slot
            return
        }
        var logger = logger
        logger[metadataKey: "phase"] = "\(phase)"
        logger[metadataKey: "workerPID"] = "\(pid)"
        if let job = slot.job { logger[metadataKey: "runID"] = "\(job.runID)" }
        logger.error("worker \(phase) (pid \(pid)) \(how); restarting it")
        hub.publish("worker-exited", runID: slot.job?.runID, phase: phase, pid: pid, message: how)
        guard intensity.allow(at: .now) else {
            alerts.append("worker restart intensity exceeded")
            logger.critical(
                "more than \(configuration.restartIntensity) worker restarts in \(configuration.restartPeriodSeconds)s; giving up")
            slot.state = .stopped
            slots[phase] = slot
            requestStop(exitCode: 1, reason: "worker restart intensity exceeded")
            return
        }
        slot.restarts += 1
        slot.state = .restarting
        slots[phase] = slot
        do {
            try spawn(phase)
            hub.publish(
                "worker-restarted", runID: slot.job?.runID, phase: phase, pid: slots[phase]?.pid,
                message: "restart \(slot.restarts)")
        } catch {
            logger.critical("cannot respawn worker \(phase): \(error)")
            requestStop(exitCode: 1, reason: "cannot respawn worker \(phase)")
        }
        updateStatus()
    }

    func heartbeatLoop() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(configuration.heartbeatIntervalMilliseconds))
            heartbeat()
        }
    }

    /// Pings every worker, and kills one that has stopped answering so it is restarted.
    private func heartbeat() {
        heartbeatSequence += 1
        let interval = Duration.milliseconds(configuration.heartbeatIntervalMilliseconds)
        let limit = interval * configuration.heartbeatMissLimit
        let now = ContinuousClock.now
        if let previous = lastHeartbeat, now - previous > max(interval * 2, .seconds(1)) {
            // The supervisor itself was held up (a long store write): the workers' answers waited
            // in its queue, so their silence says nothing about them. Start counting afresh.
            logger.notice("supervisor stalled for \(now - previous); heartbeat deadlines restart")
            for phase in slots.keys where slots[phase]?.link != nil { slots[phase]?.lastAck = now }
        }
        lastHeartbeat = now
        for (phase, slot) in slots {
            guard let link = slot.link else { continue }
            link.yield(BusFrame(.heartbeat(seq: heartbeatSequence)))
            if let last = slot.lastAck, ContinuousClock.now - last > limit {
                logger.error("worker \(phase) (pid \(slot.pid)) missed heartbeats for \(limit); killing it")
                kill(slot.pid, SIGKILL)
            }
        }
    }

    /// Every worker registered and answering — its last answer at most three heartbeats old: the
    /// only condition under which systemd hears WATCHDOG=1. Stricter than the kill deadline
    /// (`heartbeatMissLimit` heartbeats), so a worker that stops answering silences the watchdog
    /// at once, and its replacement brings it back.
    var workersHealthy: Bool {
        let limit = Duration.milliseconds(configuration.heartbeatIntervalMilliseconds * 3)
        return slots.values.allSatisfy { slot in
            guard slot.link != nil, let last = slot.lastAck else { return false }
            return ContinuousClock.now - last <= limit
        }
    }

    func watchdogLoop(every interval: Duration) async {
        while !Task.isCancelled {
            if workersHealthy, !shuttingDown { notifier.watchdog() }
            try? await Task.sleep(for: interval)
        }
    }

    func workerViews() -> [Workforce.Worker] {
        PhaseRegistry.names.compactMap { phase in
            guard let slot = slots[phase] else { return nil }
            let age = slot.lastAck.map { ContinuousClock.now - $0 }
            return Workforce.Worker(
                phase: phase, pid: Int(slot.pid), state: slot.state.rawValue, restarts: slot.restarts,
                lastHeartbeatMs: age.map { Int($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) })
        }
    }
}
