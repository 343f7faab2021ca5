#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Logging

/// The worker pool: one `cadred worker --phase NAME` process per phase, spawned, registered on the
/// bus, heartbeated, and restarted when it dies — within an intensity limit past which the pool
/// gives up and the daemon exits for systemd to restart it.
///
/// It knows nothing of runs: it carries jobs to workers and reports what comes back as `Event`s,
/// one at a time and in order, to whoever runs the phase graph. It does no store I/O, so its
/// heartbeats and the watchdog never wait on a database write.
actor WorkerPool {
    enum Event: Sendable {
        /// The phase's worker registered (first start or after a restart) and is idle.
        case ready(phase: String)
        /// A frame other than a heartbeat answer, from the phase's current worker.
        case frame(phase: String, pid: Int32, BusFrame)
        /// The phase's worker died; a replacement is being started unless the pool gave up.
        case exited(phase: String, pid: Int32, WorkerProcess.Exit)
        /// Restarts exceeded the intensity limit, or a worker could not be started.
        case gaveUp(reason: String)
    }

    enum State: String, Sendable {
        case starting, ready, busy, restarting, stopped
    }

    struct Slot {
        let phase: String
        var pid: Int32 = 0
        var state: State = .starting
        var restarts = 0
        var link: AsyncStream<BusFrame>.Continuation?
        var lastAck: ContinuousClock.Instant?
        var alive = false
    }

    struct Settings: Sendable {
        var executable: String
        var busSocket: String
        var logTarget: String
        var maximumBusFrameBytes: Int
        var heartbeatIntervalMilliseconds: Int
        var heartbeatMissLimit: Int
        var restartIntensity: Int
        var restartPeriodSeconds: Int
    }

    nonisolated let events: AsyncStream<Event>
    private let sink: AsyncStream<Event>.Continuation
    private let phases: [String]
    private var settings: Settings
    private var slots: [String: Slot] = [:]
    private var intensity: RestartIntensity
    private var heartbeatSequence: UInt64 = 0
    private var stopping = false
    private var registrationWaiter: CheckedContinuation<Void, any Error>?
    private let hub: EventHub
    private let logger: Logger

    init(phases: [String], settings: Settings, hub: EventHub, logger: Logger) {
        self.phases = phases
        self.settings = settings
        self.hub = hub
        self.logger = logger
        intensity = RestartIntensity(limit: settings.restartIntensity, period: .seconds(settings.restartPeriodSeconds))
        (events, sink) = AsyncStream<Event>.makeStream()
        for phase in phases { slots[phase] = Slot(phase: phase) }
    }

    var isReady: Bool { !slots.isEmpty && slots.values.allSatisfy { $0.link != nil } }

    /// Spawns every worker and returns once all have registered on the bus.
    func start(registrationTimeout: Duration) async throws {
        for phase in phases { try spawn(phase) }
        let timeout = Task { [weak self] in
            await Pause.for(registrationTimeout)
            await self?.registrationTimedOut()
        }
        defer { timeout.cancel() }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            if isReady { continuation.resume() } else { registrationWaiter = continuation }
        }
    }

    func update(_ settings: Settings) {
        self.settings = settings
        intensity = RestartIntensity(limit: settings.restartIntensity, period: .seconds(settings.restartPeriodSeconds))
    }

    private func registrationTimedOut() {
        guard let waiter = registrationWaiter else { return }
        registrationWaiter = nil
        waiter.resume(throwing: DaemonError(.workersDidNotRegister, "workers did not register within the timeout"))
    }

    // MARK: processes

    private func spawn(_ phase: String) throws {
        // Only the supervisor speaks to systemd; workers must not inherit its notify or activation state.
        var environment = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            environment[key] = nil
        }
        let pid = try WorkerProcess.spawn(
            executable: settings.executable,
            arguments: [
                "worker", "--phase", phase, "--bus", settings.busSocket, "--log-target", settings.logTarget,
                "--maximum-frame-bytes", String(settings.maximumBusFrameBytes),
            ],
            environment: environment)
        slots[phase]?.pid = pid
        slots[phase]?.alive = true
        slots[phase]?.lastAck = nil
        slots[phase]?.link = nil
        if slots[phase]?.state != .restarting { slots[phase]?.state = .starting }
        Task { [weak self] in
            let exit = await WorkerProcess.exit(of: pid)
            await self?.exited(phase: phase, pid: pid, exit)
        }
        var logger = logger
        logger[metadataKey: "phase"] = "\(phase)"
        logger[metadataKey: "workerPID"] = "\(pid)"
        logger.info("worker \(phase) started (pid \(pid))")
        hub.publish("worker-started", phase: phase, pid: pid)
    }

    /// A worker's first frame. Accepted only from the process this pool spawned for that phase.
    func attach(_ registration: WorkerRegistration, link: AsyncStream<BusFrame>.Continuation) -> Bool {
        guard var slot = slots[registration.phase], slot.pid == registration.pid, slot.alive,
            registration.wireVersion == BusFrame.wireVersion
        else {
            logger.warning("refused bus registration \(registration.phase) pid \(registration.pid)")
            return false
        }
        slot.link = link
        slot.lastAck = .now
        slot.state = .ready
        link.yield(BusFrame(.welcome(heartbeatIntervalMilliseconds: settings.heartbeatIntervalMilliseconds)))
        slots[registration.phase] = slot
        logger.debug("worker \(registration.phase) registered (pid \(registration.pid))")
        if isReady, let waiter = registrationWaiter {
            registrationWaiter = nil
            waiter.resume()
        }
        sink.yield(.ready(phase: registration.phase))
        return true
    }

    func received(_ frame: BusFrame, from pid: Int32) {
        guard let phase = slots.first(where: { $0.value.pid == pid })?.key else { return }
        switch frame.message {
        case .heartbeatAck:
            slots[phase]?.lastAck = .now
        case .phaseSucceeded, .phaseFailed:
            slots[phase]?.state = .ready
            sink.yield(.frame(phase: phase, pid: pid, frame))
        default:
            sink.yield(.frame(phase: phase, pid: pid, frame))
        }
    }

    /// Sends the job to its phase's worker; false when that worker is not registered.
    func send(_ job: PhaseJob) -> Bool {
        guard let link = slots[job.phase]?.link else { return false }
        slots[job.phase]?.state = .busy
        link.yield(BusFrame(.runPhase(job)))
        return true
    }

    func pid(of phase: String) -> Int32? { slots[phase]?.pid }

    private func exited(phase: String, pid: Int32, _ exit: WorkerProcess.Exit) {
        guard var slot = slots[phase], slot.pid == pid else { return }
        slot.link?.finish()
        slot.link = nil
        slot.alive = false
        if stopping {
            slot.state = .stopped
            slots[phase] = slot
            return
        }
        var logger = logger
        logger[metadataKey: "phase"] = "\(phase)"
        logger[metadataKey: "workerPID"] = "\(pid)"
        logger.error("worker \(phase) (pid \(pid)) \(exit); restarting it")
        sink.yield(.exited(phase: phase, pid: pid, exit))
        guard intensity.allow(at: .now) else {
            logger.critical(
                "more than \(settings.restartIntensity) worker restarts in \(settings.restartPeriodSeconds)s; giving up")
            slot.state = .stopped
            slots[phase] = slot
            sink.yield(.gaveUp(reason: "worker restart intensity exceeded"))
            return
        }
        slot.restarts += 1
        slot.state = .restarting
        slots[phase] = slot
        do {
            try spawn(phase)
            hub.publish("worker-restarted", phase: phase, pid: slots[phase]?.pid, message: "restart \(slot.restarts)")
        } catch {
            logger.critical("cannot respawn worker \(phase): \(error)")
            sink.yield(.gaveUp(reason: "cannot respawn worker \(phase): \(error)"))
        }
    }

    // MARK: heartbeats

    /// Pings every worker each interval, and kills one that has stopped answering so it is restarted.
    func heartbeats() async {
        while !Task.isCancelled && !stopping {
            await Pause.for(.milliseconds(settings.heartbeatIntervalMilliseconds))
            heartbeat()
        }
    }

    private func heartbeat() {
        heartbeatSequence += 1
        let limit = Duration.milliseconds(settings.heartbeatIntervalMilliseconds) * settings.heartbeatMissLimit
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
    /// only condition under which systemd hears WATCHDOG=1. Stricter than the kill deadline, so a
    /// worker that stops answering silences the watchdog at once, and its replacement brings it back.
    var healthy: Bool {
        let limit = Duration.milliseconds(settings.heartbeatIntervalMilliseconds * 3)
        return slots.values.allSatisfy { slot in
            guard slot.link != nil, let last = slot.lastAck else { return false }
            return ContinuousClock.now - last <= limit
        }
    }

    // MARK: views and shutdown

    var upCount: Int { slots.values.filter { $0.link != nil }.count }
    var restartCount: Int { slots.values.reduce(0) { $0 + $1.restarts } }
    var count: Int { slots.count }

    func isAlive(_ phase: String) -> Bool { slots[phase]?.link != nil }

    func views() -> [Workforce.Worker] {
        phases.compactMap { phase in
            guard let slot = slots[phase] else { return nil }
            let age = slot.lastAck.map { ContinuousClock.now - $0 }
            return Workforce.Worker(
                phase: phase, pid: Int(slot.pid), state: slot.state.rawValue, restarts: slot.restarts,
                lastHeartbeatMs: age.map { Int($0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) })
        }
    }

    /// Tells every worker to exit, waits up to `timeout` for them, then kills what is left.
    func shutdown(timeout: Duration) async {
        stopping = true
        for phase in slots.keys {
            slots[phase]?.link?.yield(BusFrame(.shutdown))
            slots[phase]?.link?.finish()
        }
        let deadline = ContinuousClock.now + timeout
        while slots.values.contains(where: \.alive), ContinuousClock.now < deadline {
            await Pause.for(.milliseconds(20))
        }
        for slot in slots.values where slot.alive {
            logger.warning("worker \(slot.phase) (pid \(slot.pid)) did not exit; killing it")
            kill(slot.pid, SIGKILL)
        }
        sink.finish()
    }
}
