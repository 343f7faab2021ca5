#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Logging
import NIOCore
import NIOPosix

/// The worker pool's end of the bus: a Unix socket in the runtime directory (mode 0600) that
/// each worker connects to and registers on. Frames from a worker are handed to the pool one
/// at a time, in order; frames to it go through an outbox so the pool never waits on a socket.
enum BusServer {
    static func start(path: String, maximumFrameBytes: Int, pool: WorkerPool, logger: Logger) async throws -> any Channel {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try BusPipeline.configure(channel, maximumFrameBytes: maximumFrameBytes)
                }
            }
        chmod(path, 0o600)
        let channel = server.channel
        Task {
            do {
                try await server.executeThenClose { connections in
                    try await withThrowingDiscardingTaskGroup { group in
                        for try await connection in connections {
                            group.addTask { await serve(connection, pool: pool, logger: logger) }
                        }
                    }
                }
            } catch {
                logger.debug("bus server stopped: \(error)")
            }
        }
        return channel
    }

    private static func serve(_ connection: NIOAsyncChannel<BusFrame, BusFrame>, pool: WorkerPool, logger: Logger) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var frames = inbound.makeAsyncIterator()
                guard let first = try await frames.next(), case .register(let registration) = first.message else {
                    logger.warning("bus connection did not register; closing it")
                    return
                }
                let (outbox, link) = AsyncStream<BusFrame>.makeStream()
                guard await pool.attach(registration, link: link) else { return }
                defer { link.finish() }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await frame in outbox { try await outbound.write(frame) }
                    }
                    while let frame = try await frames.next() {
                        await pool.received(frame, from: registration.pid)
                    }
                    link.finish()
                    group.cancelAll()
                }
            }
        } catch {
            logger.notice("bus connection closed: \(error)")
        }
    }
}
