#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Logging
import NIOCore
import NIOPosix

/// The varlink control socket: taken from systemd (socket activation) or bound by the daemon at
/// `<runtime>/io.cadre.Workforce` with mode 0660.
final class ControlServer: Sendable {
    let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
    }

    enum Endpoint: Sendable {
        case path(String)
        case activated(fd: Int32)
    }

    static func start(
        _ endpoint: Endpoint, service: WorkforceService, limiter: ConnectionLimiter, buffers: BufferedBytes, connectionCeiling: Int,
        maximumMessageBytes: @escaping @Sendable () -> Int, idleTimeout: @escaping @Sendable () -> Int,
        messageTimeout: @escaping @Sendable () -> Int, logger: Logger
    ) async throws -> ControlServer {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptThrottle(ceiling: connectionCeiling, logger: logger))
                }
            }
            // Each connection asks for reads itself, only while it has room (VarlinkConnectionHandler).
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(IdleStateHandler(readTimeout: .seconds(Int64(idleTimeout()))))
                    try sync.addHandler(MessageBudget(timeout: .seconds(Int64(messageTimeout())), buffers: buffers, logger: logger))
                    try sync.addHandler(
                        ByteToMessageHandler(VarlinkFrameDecoder(maximumMessageLength: maximumMessageBytes())))
                    try sync.addHandler(VarlinkConnectionHandler(service: service, limiter: limiter, buffers: buffers, logger: logger))
                }
            }
        let channel: any Channel
        switch endpoint {
        case .path(let path):
            channel = try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
            // Group members connect; the operators/readers split is enforced per call from SO_PEERCRED.
            chmod(path, 0o660)
        case .activated(let fd):
            channel = try await bootstrap.withBoundSocket(fd).get()
        }
        return ControlServer(channel: channel)
    }

    func stop() async {
        // Closing fails only when the channel is already closed, which is what was asked.
        try? await channel.close()
    }
}
