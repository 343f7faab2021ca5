#if canImport(Glibc)
import Glibc
#endif
import CadreStore
import CadreSystemd
import CadreWire
import Foundation
import Logging
import NIOCore

/// The supervisor: spawns one worker process per phase, keeps them alive (heartbeats, restarts with
/// an intensity limit), coordinates runs phase by phase, persists every phase result as the store's
/// single writer, and tells systemd how things stand.
///
/// Runs execute one at a time, in the order they were queued, so results never depend on timing.
public actor Supervisor {
    enum WorkerState: String {
        case starting, ready, busy, restarting, stopped
    }

    struct WorkerSlot {
        let phase: String
        var process: Process?
        var pid: Int32 = 0
        var state: WorkerState = .starting
        var restarts = 0
        var link: AsyncStream<BusFrame>.Continuation?
        var lastAck: ContinuousClock.Instant?
        /// The job this worker is computing; re-sent (attempt + 1) if the worker dies.
        var job: PhaseJob?
        var dispatchedAt: ContinuousClock.Instant?
    }

    struct ActiveRun {
        var record: RunRecord
        var remaining: [String]
        var attempts: [String: Int] = [:]
        var dispatched = false
    }

    let paths: DaemonPaths
    let store: Store
    let hub: EventHub
    let notifier = SystemdNotifier()
    let executable: String
    let logTarget: LogTarget
    var logger: Logger
    private(set) var configuration: DaemonConfiguration
    let startedAt = ContinuousClock.now

    var slots: [String: WorkerSlot] = [:]
    var intensity: RestartIntensity
    var queue: [Int64] = []
    var active: ActiveRun?
    var shuttingDown = false
    var heartbeatSequence: UInt64 = 0
    var lastHeartbeat: ContinuousClock.Instant?
    var alerts: [String] = []
    private var readyWaiter: CheckedContinuation<Void, any Error>?
    private var stopWaiter: CheckedContinuation<Int32, Never>?
    private var stopRequest: Int32?
    private var tasks: [Task<Void, Never>] = []
    private var busChannel: (any Channel)?

    public init(
        paths: DaemonPaths, configuration: DaemonConfiguration, store: Store, hub: EventHub,
        executable: String, logTarget: LogTarget, logger: Logger
    ) {
        self.paths = paths
        self.configuration = configuration
        self.store = store
        self.hub = hub
        self.executable = executable
        self.logTarget = logTarget
        self.logger = logger
        intensity = RestartIntensity(
            limit: configuration.restartIntensity, period: .seconds(configuration.restartPeriodSeconds))
        for phase in PhaseRegistry.names { slots[phase] = WorkerSlot(phase: phase) }
    }

    public var isReady: Bool { slots.values.allSatisfy { $0.link != nil } && !slots.isEmpty }

    /// Binds the bus, spawns every worker and returns once all have registered.
    public func start(registrationTimeout: Duration = .seconds(60)) async throws {
        busChannel = try await BusServer.start(
            path: paths.busSocket, maximumFrameBytes: configuration.maximumBusFrameBytes, supervisor: self,
            logger: logger)
        for phase in PhaseRegistry.names { try spawn(phase) }
        let timeout = Task { [weak self] in
            try? await Task.sleep(for: registrationTimeout)
            await self?.registrationTimedOut()
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            if isReady { continuation.resume() } else { readyWaiter = continuation }
        }
        timeout.cancel()
        try resumeUnfinishedRuns()
        tasks.append(Task { [weak self] in await self?.heartbeatLoop() })
        if let interval = Watchdog.interval() {
            tasks.append(Task { [weak self] in await self?.watchdogLoop(every: interval / 2) })
        }
        logger.info("\(slots.count) workers registered")
    }

    /// READY=1 goes out once every worker has registered *and* the control socket is serving, so a
    /// client started after `systemctl start` never finds the daemon half up.
    public func announceReady() {
        notifier.ready(status: statusLine())
        logger.info("ready")
    }

    private func registrationTimedOut() {
        guard let waiter = readyWaiter else { return }
        readyWaiter = nil
        waiter.resume(throwing: SupervisorError(message: "workers did not register within the timeout"))
    }

    func workersRegisteredIfAll() {
        if isReady, let waiter = readyWaiter {
            readyWaiter = nil
            waiter.resume()
        }
    }

    /// Waits until a stop is requested (signal, or a failure the supervisor can't recover from),
    /// shuts down and returns the exit status.
    public func runUntilStopped() async -> Int32 {
        let code: Int32
        if let stopRequest {
            code = stopRequest
        } else {
            code = await withCheckedContinuation { stopWaiter = $0 }
        }
        await shutdown()
        return code
    }

    public func requestStop(exitCode: Int32, reason: String) {
        guard stopRequest == nil else { return }
        logger.notice("stopping: \(reason)")
        stopRequest = exitCode
        if let waiter = stopWaiter {
            stopWaiter = nil
            waiter.resume(returning: exitCode)
        }
    }

    /// SIGTERM: no new work; the phase in flight may finish within the grace period (else its run is
    /// resumed at next start: it is persisted as running); then the workers are told to exit.
    private func shutdown() async {
        shuttingDown = true
        notifier.stopping(status: "stopping: \(active.map { "waiting for run #\($0.record.id)" } ?? "no run in flight")")
        let deadline = ContinuousClock.now + .seconds(configuration.shutdownGraceSeconds)
        // Worth waiting for only while the phase's worker is alive to finish it.
        while let active, active.dispatched, let phase = active.remaining.first, slots[phase]?.link != nil,
            ContinuousClock.now < deadline
        {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if let active {
            logger.notice("run #\(active.record.id) left unfinished; it resumes at the next start")
        }
        for task in tasks { task.cancel() }
        for phase in slots.keys {
            slots[phase]?.link?.yield(BusFrame(.shutdown))
            slots[phase]?.link?.finish()
        }
        let exitDeadline = ContinuousClock.now + .seconds(3)
        while slots.values.contains(where: { $0.process?.isRunning == true }), ContinuousClock.now < exitDeadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        for slot in slots.values where slot.process?.isRunning == true {
            logger.warning("worker \(slot.phase) (pid \(slot.pid)) did not exit; killing it")
            kill(slot.pid, SIGKILL)
        }
        try? await busChannel?.close()
        unlink(paths.busSocket)
    }

    /// SIGHUP: re-reads `cadred.yaml`; a broken file keeps the settings in force.
    public func reload() -> Result<DaemonConfiguration, any Error> {
        notifier.reloading(status: "reloading configuration")
        defer { notifier.ready(status: statusLine()) }
        do {
            let fresh = try DaemonConfiguration.load(path: paths.configurationFile)
            configuration = fresh
            intensity = RestartIntensity(limit: fresh.restartIntensity, period: .seconds(fresh.restartPeriodSeconds))
            hub.publish("reloaded", message: "configuration reloaded from \(paths.configurationFile)")
            logger.info("configuration reloaded")
            return .success(fresh)
        } catch {
            logger.error("configuration reload failed; keeping the settings in force: \(error)")
            return .failure(error)
        }
    }

    func updateStatus() {
        notifier.status(statusLine())
    }

    /// The line `systemctl status` shows.
    func statusLine() -> String {
        let up = slots.values.filter { $0.link != nil }.count
        let restarts = slots.values.reduce(0) { $0 + $1.restarts }
        var parts = ["workers \(up)/\(slots.count) up"]
        if let active {
            parts.append("run #\(active.record.id) \(active.remaining.first.map { "in \($0)" } ?? "finishing")")
        } else if let last = try? store.runs(limit: 1).first {
            parts.append("last run #\(last.id) \(last.state.rawValue)")
        } else {
            parts.append("no runs yet")
        }
        parts.append(queue.isEmpty ? "queue empty" : "\(queue.count) queued")
        if restarts > 0 { parts.append("\(restarts) worker restart\(restarts == 1 ? "" : "s")") }
        if !alerts.isEmpty { parts.append("alerts: \(alerts.joined(separator: "; "))") }
        return parts.joined(separator: ", ")
    }
}

extension Duration {
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}

struct SupervisorError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
