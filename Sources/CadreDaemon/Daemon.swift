#if canImport(Glibc)
import Glibc
#endif
import CadreEngine
import CadreStore
import CadreSystemd
import CadreWire
import Foundation
import Logging
import ServiceLifecycle

/// `cadred` in the foreground: opens the store, then runs the supervisor (and its workers), the
/// control socket and SIGHUP reloads as one `ServiceGroup`, which stops them cleanly on
/// SIGTERM/SIGINT (exit 0); when the supervisor gives up the daemon exits 1, so that systemd's
/// `Restart=on-failure` takes over.
public enum Daemon {
    public struct Options: Sendable {
        public var paths: DaemonPaths
        public var logTarget: LogTarget
        public init(paths: DaemonPaths, logTarget: LogTarget) {
            self.paths = paths
            self.logTarget = logTarget
        }
    }

    public static func run(_ options: Options, logger: Logger) async -> Int32 {
        let paths = options.paths
        let (descriptorLimit, raiseError) = DescriptorBudget.raiseDescriptorLimit()
        if let raiseError { logger.warning("descriptor limit stays at \(descriptorLimit): \(raiseError)") }
        do {
            try paths.createDirectories()
        } catch {
            logger.critical("cannot create the daemon's directories: \(error)")
            return 1
        }
        let configuration: DaemonConfiguration
        do {
            configuration = try DaemonConfiguration.load(path: paths.configurationFile)
        } catch let errors as InputErrors {
            // One record per error: a log line never holds a line break (see StderrLogHandler).
            for error in errors.errors { logger.critical("invalid configuration: \(error)") }
            return 78  // EX_CONFIG
        } catch {
            logger.critical("invalid configuration: \(error)")
            return 78  // EX_CONFIG
        }
        checkBadgeSettings(paths, logger: logger)
        let store: Store
        do {
            store = try Store(directory: paths.state)
        } catch {
            logger.critical("cannot open the store in \(paths.state): \(error)")
            return 1
        }
        let hub = EventHub(queueLimit: configuration.subscriberQueueLimit)
        let supervisor = Supervisor(
            paths: paths, configuration: configuration, store: store, hub: hub,
            executable: executablePath(), logTarget: options.logTarget, logger: logger)
        let authorizer = Authorizer(operatorsGroup: configuration.operatorsGroup, readersGroup: configuration.readersGroup)
        let budget = DescriptorBudget(descriptorLimit: descriptorLimit, configuredMaximum: configuration.maximumConnections)
        logger.info(
            "descriptor limit \(descriptorLimit): \(DescriptorBudget.reserved) kept for workers and the store, connections stop being accepted at \(budget.ceiling), \(budget.maximumConnections) for users other than root and cadre")
        if budget.maximumConnections < configuration.maximumConnections {
            logger.warning(
                "maximumConnections \(configuration.maximumConnections) lowered to \(budget.maximumConnections) to fit the descriptor limit \(descriptorLimit) (LimitNOFILE=)")
        }
        let limiter = ConnectionLimiter(limit: configuration.maximumConnectionsPerUser, globalLimit: budget.maximumConnections)
        let buffers = BufferedBytes(limit: configuration.maximumBufferedBytes) {
            // A second on: the connections' buffers are freed as their pipelines come down.
            FreeMemory.release(after: .seconds(1))
        }
        let settings = LiveSettings(configuration)
        let service = WorkforceService(
            supervisor: supervisor, store: store, hub: hub, authorizer: authorizer, logger: logger,
            policy: { settings.current.assessment }, channels: { settings.current.channels },
            badgeSettings: { try BadgeSettings.load(directory: paths.configuration) })
        let endpoint = controlEndpoint(paths: paths, logger: logger)
        let started = ReadyLatch()
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    // Shut down in reverse: reload handling, then the supervisor, then the socket.
                    .init(
                        service: DaemonServices.ControlService(
                            supervisor: supervisor, started: started,
                            open: {
                                try await ControlServer.start(
                                    endpoint, service: service, limiter: limiter, buffers: buffers, connectionCeiling: budget.ceiling,
                                    maximumMessageBytes: { settings.current.maximumMessageBytes },
                                    idleTimeout: { settings.current.idleTimeoutSeconds },
                                    messageTimeout: { settings.current.messageTimeoutSeconds }, logger: logger)
                            }, logger: logger),
                        serviceName: "control"),
                    .init(service: DaemonServices.SupervisorService(supervisor: supervisor, started: started), serviceName: "supervisor"),
                    .init(
                        service: DaemonServices.ReloadService {
                            if case .success(let fresh) = await supervisor.reload() {
                                settings.update(fresh)
                                authorizer.update(operatorsGroup: fresh.operatorsGroup, readersGroup: fresh.readersGroup)
                                limiter.setLimit(fresh.maximumConnectionsPerUser)
                                buffers.setLimit(fresh.maximumBufferedBytes)
                                limiter.setGlobalLimit(
                                    DescriptorBudget(descriptorLimit: descriptorLimit, configuredMaximum: fresh.maximumConnections).maximumConnections)
                                hub.setQueueLimit(fresh.subscriberQueueLimit)
                            }
                        }, serviceName: "reload"),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        var code: Int32 = 0
        do {
            try await group.run()
        } catch let exit as DaemonServices.Exit {
            logger.critical("\(exit)")
            code = exit.status
        } catch {
            logger.critical("\(error)")
            code = 1
        }
        if case .path(let path) = endpoint { unlink(path) }
        logger.info("stopped (exit \(code))")
        return code
    }

    /// badges.yaml is read on each badge import, so a mistake in it refuses imports rather than
    /// stopping the daemon; reading it at start puts that mistake in the journal at once.
    static func checkBadgeSettings(_ paths: DaemonPaths, logger: Logger) {
        do {
            let settings = try BadgeSettings.load(directory: paths.configuration)
            let issuers = Set(settings.trustedKeys.map(\.issuer)).count
            if issuers > 0 { logger.info("\(BadgeSettings.fileName): \(settings.trustedKeys.count) trusted keys of \(issuers) badge issuers") }
        } catch let errors as InputErrors {
            for error in errors.errors { logger.error("invalid \(BadgeSettings.fileName), badge imports are refused until it is fixed: \(error)") }
        } catch {
            logger.error("invalid \(BadgeSettings.fileName): \(error)")
        }
    }

    /// The socket systemd passed (socket activation), else the path cadred binds itself.
    static func controlEndpoint(paths: DaemonPaths, logger: Logger) -> ControlServer.Endpoint {
        let activated = SocketActivation.takeListeningSockets()
        if let socket = activated.first(where: { $0.name == "varlink" }) ?? activated.first {
            _ = fcntl(socket.fd, F_SETFD, FD_CLOEXEC)
            logger.info("control socket from systemd (fd \(socket.fd), \(socket.name))")
            return .activated(fd: socket.fd)
        }
        logger.info("control socket at \(paths.controlSocket)")
        return .path(paths.controlSocket)
    }

    /// The running binary, so workers are always the same build as their supervisor.
    static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 { return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }
}
