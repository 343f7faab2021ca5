#if canImport(Glibc)
import Glibc
#endif
import CadreStore
import CadreSystemd
import CadreWire
import Logging
import NIOCore

/// The supervisor: puts the worker pool, the run coordinator and the run ledger together, and tells
/// systemd how things stand. Each of those is its own type — the pool keeps processes alive, the
/// coordinator decides what runs next, the ledger persists — so this actor only carries events
/// from one to the other, in order.
public actor Supervisor {
    let paths: DaemonPaths
    let store: any WorkforceStore
    let hub: EventHub
    let notifier = SystemdNotifier()
    var logger: Logger
    private(set) var configuration: DaemonConfiguration
    let pool: WorkerPool
    let ledger: RunLedger
    var coordinator: RunCoordinator
    /// The last finished run, for the status line without a store read.
    var lastFinished: (id: Int64, state: RunState)?
    /// When each phase's job last went out, for the messaging share of its time.
    var dispatchedAt: [String: ContinuousClock.Instant] = [:]
    var alerts: [String] = []
    /// Alert rules tripped by the latest run and a failed scheduled run (Supervisor+Monitoring).
    var monitoring = MonitoringAlerts()
    var shuttingDown = false
    private var stopWaiter: CheckedContinuation<Int32, Never>?
    private var stopRequest: Int32?
    private var tasks: [Task<Void, Never>] = []
    private var busChannel: (any Channel)?
    let startedAt = ContinuousClock.now
    let executable: String
    let logTarget: LogTarget

    public init(
        paths: DaemonPaths, configuration: DaemonConfiguration, store: any WorkforceStore, hub: EventHub,
        executable: String, logTarget: LogTarget, logger: Logger
    ) {
        self.paths = paths
        self.configuration = configuration
        self.store = store
        self.hub = hub
        self.logger = logger
        self.executable = executable
        self.logTarget = logTarget
        pool = WorkerPool(
            phases: PhaseRegistry.names,
            settings: Self.poolSettings(configuration, executable: executable, busSocket: paths.busSocket, logTarget: logTarget.rawValue),
            hub: hub, logger: logger)
        ledger = RunLedger(store: store, hub: hub, logger: logger)
        coordinator = RunCoordinator(
            graph: PhaseRegistry.graph, databasePath: store.databasePath,
            maximumAttempts: configuration.maximumPhaseAttempts)
    }

    static func poolSettings(
        _ configuration: DaemonConfiguration, executable: String, busSocket: String, logTarget: String
    ) -> WorkerPool.Settings {
        WorkerPool.Settings(
            executable: executable, busSocket: busSocket, logTarget: logTarget,
            maximumBusFrameBytes: configuration.maximumBusFrameBytes,
            heartbeatIntervalMilliseconds: configuration.heartbeatIntervalMilliseconds,
            heartbeatMissLimit: configuration.heartbeatMissLimit, restartIntensity: configuration.restartIntensity,
            restartPeriodSeconds: configuration.restartPeriodSeconds)
    }

    /// Binds the bus, spawns every worker and returns once all have registered; then resumes the
    /// runs a previous supervisor left unfinished.
    public func start(registrationTimeout: Duration = .seconds(60)) async throws {
        busChannel = try await BusServer.start(
            path: paths.busSocket, maximumFrameBytes: configuration.maximumBusFrameBytes, pool: pool, logger: logger)
        let events = pool.events
        tasks.append(Task { [weak self] in
            for await event in events { await self?.handle(event) }
        })
        try await pool.start(registrationTimeout: registrationTimeout)
        lastFinished = try await store.runs(limit: 1).first.flatMap { $0.state.isFinished ? ($0.id, $0.state) : nil }
        for record in try await store.unfinishedRuns() {
            logger.notice("resuming run #\(record.id) (\(record.state.rawValue))")
            await apply(coordinator.enqueue(record.id))
        }
        let pool = pool
        tasks.append(Task { await pool.heartbeats() })
        if let interval = Watchdog.interval() {
            tasks.append(Task { [weak self] in await self?.watchdogLoop(every: interval / 2) })
        }
        startMonitoring()
        let registered = await pool.count
        logger.info("\(registered) workers registered")
    }

    /// READY=1 goes out once every worker has registered *and* the control socket is serving, so a
    /// client started after `systemctl start` never finds the daemon half up.
    public func announceReady() async {
        notifier.ready(status: await statusLine())
        logger.info("ready")
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

    /// SIGTERM: no new work; phases in flight may finish within the grace period (else their run
    /// is resumed at the next start: it is persisted as running); then the workers are told to exit.
    private func shutdown() async {
        shuttingDown = true
        let waiting = coordinator.active.map { "waiting for run #\($0.record.id)" } ?? "no run in flight"
        notifier.stopping(status: "stopping: \(waiting)")
        let deadline = ContinuousClock.now + .seconds(configuration.shutdownGraceSeconds)
        // Worth waiting for only while a phase's worker is alive to finish it.
        while ContinuousClock.now < deadline, await phaseInFlightWithLiveWorker() {
            await Pause.for(.milliseconds(50))
        }
        if let active = coordinator.active {
            logger.notice("run #\(active.record.id) left unfinished; it resumes at the next start")
        }
        for task in tasks { task.cancel() }
        await pool.shutdown(timeout: .seconds(3))
        do {
            try await busChannel?.close()
        } catch {
            logger.debug("bus socket already closed: \(error)")
        }
        unlink(paths.busSocket)
    }

    private func phaseInFlightWithLiveWorker() async -> Bool {
        for phase in coordinator.running where await pool.isAlive(phase) { return true }
        return false
    }

    /// SIGHUP: re-reads `cadred.yaml`; a broken file keeps the settings in force.
    public func reload() async -> Result<DaemonConfiguration, any Error> {
        notifier.reloading(status: "reloading configuration")
        do {
            let fresh = try DaemonConfiguration.load(path: paths.configurationFile)
            configuration = fresh
            coordinator.maximumAttempts = fresh.maximumPhaseAttempts
            await pool.update(
                Self.poolSettings(
                    fresh, executable: executable, busSocket: paths.busSocket, logTarget: logTarget.rawValue))
            hub.publish("reloaded", message: "configuration reloaded from \(paths.configurationFile)")
            logger.info("configuration reloaded")
            notifier.ready(status: await statusLine())
            return .success(fresh)
        } catch {
            logger.error("configuration reload failed; keeping the settings in force: \(error)")
            notifier.ready(status: await statusLine())
            return .failure(error)
        }
    }

    func watchdogLoop(every interval: Duration) async {
        while !Task.isCancelled {
            if !shuttingDown, await pool.healthy { notifier.watchdog() }
            await Pause.for(interval)
        }
    }

    func updateStatus() async {
        notifier.status(await statusLine())
    }

    /// The line `systemctl status` shows.
    func statusLine() async -> String {
        let up = await pool.upCount, count = await pool.count, restarts = await pool.restartCount
        var parts = ["workers \(up)/\(count) up"]
        if let active = coordinator.active {
            let running = coordinator.running
            parts.append("run #\(active.record.id) \(running.isEmpty ? "finishing" : "in \(running.joined(separator: " + "))")")
        } else if let last = lastFinished {
            parts.append("last run #\(last.id) \(last.state.rawValue)")
        } else {
            parts.append("no runs yet")
        }
        parts.append(coordinator.queue.isEmpty ? "queue empty" : "\(coordinator.queue.count) queued")
        if restarts > 0 { parts.append("\(restarts) worker restart\(restarts == 1 ? "" : "s")") }
        let alerts = alerts + monitoring.lines
        if !alerts.isEmpty { parts.append("alerts: \(alerts.joined(separator: "; "))") }
        return parts.joined(separator: ", ")
    }
}

extension Duration {
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
