import CadreWire
import Logging
import NIOCore

/// One control connection. Calls are answered in the order they arrive, as varlink requires: cheap
/// ones (Ping, introspection, permission refusals) right here on the event loop, without a thread
/// hop; the rest in a task whose reply is written back on the loop before the next call starts. A
/// message that isn't a varlink call closes this connection and nothing else.
///
/// The connection reads only while it has room: fewer than `queueLimit` calls waiting and its
/// replies flowing (the channel writable). A peer that sends and never reads stops being read
/// instead of growing the daemon's memory (the channel runs with `autoRead` off). A call waiting
/// its turn counts its message's bytes against the limit of all connections together
/// (`BufferedBytes`); one that finds no room there closes its connection.
final class VarlinkConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let service: WorkforceService
    private let limiter: ConnectionLimiter
    private let buffers: BufferedBytes
    private let logger: Logger
    private var peer: PeerCredentials?
    private var counted = false
    private var exempt = false
    /// Calls waiting their turn, each with the size of its message as counted in `buffers`.
    private var queue = CircularBuffer<(call: VarlinkCall, bytes: Int)>()
    private var queuedBytes = 0
    private var busy = false
    private var subscribed = false
    /// A read was held back for lack of room; it is asked for once there is room again.
    private var readHeld = false
    static let queueLimit = 16
    /// Names this connection to the imports it opens, which end when it does.
    private let connection = ConnectionLimiter.nextConnectionID()
    /// `SO_PEERCRED` of the socket; tests on an `EmbeddedChannel` (no socket) hand in their own.
    private let credentials: @Sendable (any Channel) -> EventLoopFuture<PeerCredentials>

    init(
        service: WorkforceService, limiter: ConnectionLimiter, buffers: BufferedBytes = BufferedBytes(limit: .max),
        logger: Logger, credentials: @escaping @Sendable (any Channel) -> EventLoopFuture<PeerCredentials> = PeerCredentials.of
    ) {
        self.service = service
        self.limiter = limiter
        self.buffers = buffers
        self.logger = logger
        self.credentials = credentials
    }

    func channelActive(context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        credentials(context.channel).hop(to: context.eventLoop).whenComplete { result in
            let (handler, context) = bound.value
            handler.accept(result, context: context)
        }
        context.fireChannelActive()
    }

    private func accept(_ result: Result<PeerCredentials, any Error>, context: ChannelHandlerContext) {
        guard case .success(let peer) = result else {
            logger.warning("control connection without peer credentials; closing")
            context.close(promise: nil)
            return
        }
        if let refusal = limiter.admit(uid: peer.uid) {
            let error = Workforce.TooManyConnectionsError(uid: Int(peer.uid), limit: refusal.limit)
            // Integers only: cannot fail to encode; the connection is closed either way.
            if let bytes = try? VarlinkCodec.encodeError(Workforce.ErrorName.tooManyConnections, error) {
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes))).whenComplete { _ in
                    channel.close(promise: nil)
                }
            } else {
                context.close(promise: nil)
            }
            return
        }
        counted = true
        self.peer = peer
        if limiter.exempt.contains(peer.uid) {
            exempt = true
            context.triggerUserOutboundEvent(MessageBudget.PeerExempt(), promise: nil)
        }
        // Until its rights are known, the peer's message in progress is held small (MessageBudget).
        let (channel, service) = (context.channel, service)
        Task {
            let rights = MessageBudget.PeerRights(mayRead: await service.authorizer.access(of: peer) >= .reader)
            channel.triggerUserOutboundEvent(rights, promise: nil)
        }
        drain(context: context)
        readIfRoom(context: context)
    }

    private func readIfRoom(context: ChannelHandlerContext) {
        if queue.count < Self.queueLimit, context.channel.isWritable {
            readHeld = false
            context.read()
        } else {
            readHeld = true
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        readIfRoom(context: context)
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if readHeld { readIfRoom(context: context) }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if counted, let peer { limiter.close(uid: peer.uid) }
        buffers.give(queuedBytes)
        queuedBytes = 0
        queue.removeAll()
        let (service, connection) = (service, connection)
        Task { await service.imports.connectionClosed(connection) }
        counted = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard !subscribed else {
            // A subscription owns its connection until the client hangs up.
            logger.notice("call on a subscribed connection; closing it")
            context.close(promise: nil)
            return
        }
        let call: VarlinkCall
        do {
            call = try VarlinkCodec.decodeCall(message.readableBytesView)
        } catch {
            logger.notice("malformed varlink message from \(peer.map(\.description) ?? "peer"): closing the connection")
            context.close(promise: nil)
            return
        }
        let bytes = message.readableBytes + 1  // and its NUL
        guard buffers.take(bytes, exempt: exempt) else {
            logger.notice(
                "closing a control connection of \(peer.map(\.description) ?? "peer"): the messages of all connections together would pass maximumBufferedBytes (\(buffers.limit) bytes)")
            context.close(promise: nil)
            return
        }
        queue.append((call, bytes))
        queuedBytes += bytes
        drain(context: context)
    }

    private func drain(context: ChannelHandlerContext) {
        while !busy, !subscribed, let peer, let next = queue.popFirst() {
            let call = next.call
            buffers.give(next.bytes)
            queuedBytes -= next.bytes
            if let outcome = service.immediate(call, peer: peer) {
                deliver(outcome, for: call, context: context)
                continue
            }
            busy = true
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let loop = context.eventLoop
            let (service, connection) = (service, connection)
            Task {
                let outcome = await service.handle(call, peer: peer, connection: connection)
                loop.execute {
                    let (handler, context) = bound.value
                    handler.busy = false
                    handler.deliver(outcome, for: call, context: context)
                    handler.drain(context: context)
                    if handler.readHeld { handler.readIfRoom(context: context) }
                }
            }
        }
    }

    private func deliver(_ outcome: CallOutcome, for call: VarlinkCall, context: ChannelHandlerContext) {
        switch outcome {
        case .reply(let bytes):
            guard !call.isOneway else { return }
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: nil)
        case .subscribe:
            // A oneway call gets no replies (varlink), so a oneway Subscribe has nothing to stream.
            guard !call.isOneway else { return }
            subscribed = true
            service.hub.subscribe(context.channel)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent, !busy, !subscribed, queue.isEmpty {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.notice("control connection closed: \(error)")
        context.close(promise: nil)
    }
}

/// The answer to one call: bytes to write, or the connection turning into an event stream.
enum CallOutcome: Sendable {
    case reply([UInt8])
    case subscribe
}
