#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The daemon's long-running parts as services of one `ServiceGroup`: SIGTERM and SIGINT shut them
/// down gracefully in reverse order (reload handling, then the supervisor with its workers, then
/// the control socket, which answers until the supervisor is done); a service that ends with an
/// error takes the others down.
enum DaemonServices {
    /// The supervisor ended by itself with this status (e.g. worker restarts beyond the intensity
    /// limit): the daemon exits with it so systemd's `Restart=on-failure` takes over.
    struct Exit: Error, CustomStringConvertible {
        var status: Int32
        var reason: String
        var description: String { "\(reason) (exit \(status))" }
    }

    /// Starts the workers, then runs until a graceful shutdown or the supervisor gives up.
    struct SupervisorService: Service {
        let supervisor: Supervisor
        let started: ReadyLatch

        func run() async throws {
            do {
                try await supervisor.start()
            } catch {
                started.fail(error)
                throw Exit(status: 1, reason: "workers failed to start: \(error)")
            }
            started.open()
            let supervisor = supervisor
            let status = await withGracefulShutdownHandler {
                await supervisor.runUntilStopped()
            } onGracefulShutdown: {
                Task { await supervisor.requestStop(exitCode: 0, reason: "graceful shutdown requested") }
            }
            if status != 0 { throw Exit(status: status, reason: "the supervisor stopped") }
        }
    }

    /// Serves the control socket once the workers are up, then says READY=1; closes it last.
    struct ControlService: Service {
        let supervisor: Supervisor
        let started: ReadyLatch
        let open: @Sendable () async throws -> ControlServer
        let logger: Logger

        func run() async throws {
            try await started.wait()
            let server: ControlServer
            do {
                server = try await open()
            } catch {
                logger.critical("cannot serve the control socket: \(error)")
                throw Exit(status: 1, reason: "control socket unavailable")
            }
            await supervisor.announceReady()
            // Cancelled when another service ends; either way the socket closes here.
            try? await gracefulShutdown()
            await server.stop()
        }
    }

    /// SIGHUP re-reads the configuration without dropping clients.
    struct ReloadService: Service {
        let reload: @Sendable () async -> Void

        func run() async throws {
            for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
                await reload()
            }
        }
    }
}

/// Opens once: the control service waits on it for the supervisor's workers to be registered.
final class ReadyLatch: Sendable {
    private struct State {
        var done: Result<Void, any Error>?
        var waiters: [CheckedContinuation<Void, any Error>] = []
    }

    private let state = Mutex(State())

    func open() { finish(.success(())) }
    func fail(_ error: any Error) { finish(.failure(error)) }

    func wait() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let done = state.withLock { (state: inout State) -> Result<Void, any Error>? in
                if let done = state.done { return done }
                state.waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(with: done) }
        }
    }

    private func finish(_ result: Result<Void, any Error>) {
        let waiters = state.withLock { (state: inout State) -> [CheckedContinuation<Void, any Error>] in
            guard state.done == nil else { return [] }
            state.done = result
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }
}
