import Logging
import NIOCore

/// What a control connection may make the daemon hold before it has shown who it is, and how long
/// a message may take to arrive. Sits in front of the NUL framer and watches the message in
/// progress (the bytes since the last NUL):
///
/// - Until the connection handler has resolved the peer's rights, a message is held to
///   `anonymousLimit` bytes: past it, what came is kept back and the connection is not read
///   further (back-pressure, not an error) until the rights are known. A reader or operator then gets the framer's full
///   `maximumMessageBytes`; anyone else — who may only `Ping` and introspect — is closed once a
///   message passes `anonymousLimit`. So a peer without rights costs at most `anonymousLimit` plus
///   one read buffer, however many bytes it sends.
/// - A message must arrive whole within `timeout` of its first byte; a peer that trickles a byte
///   at a time (which keeps the idle timer quiet) is closed. Time when the daemon itself is not
///   reading (back-pressure) does not count against the peer.
/// - What it holds — the message in progress, and data kept back — counts against the limit of
///   all connections together (`BufferedBytes`); a connection whose next bytes would pass it is
///   closed, unless its peer is root or the daemon's own user.
final class MessageBudget: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Sent by the connection handler (a user outbound event) once the peer's rights are known.
    struct PeerRights: Sendable {
        /// Whether the peer is a reader or an operator.
        var mayRead: Bool
    }

    /// Sent by the connection handler before the first read when the peer is root or the daemon's
    /// own user: its bytes are counted against `BufferedBytes` but never refused.
    struct PeerExempt: Sendable {}

    static let defaultAnonymousLimit = 64 * 1024

    private let anonymousLimit: Int
    private let timeout: TimeAmount
    private let buffers: BufferedBytes
    private let logger: Logger
    private var mayRead: Bool?
    private var exempt = false
    /// Bytes of this connection counted in `buffers` now.
    private var charged = 0
    /// Of the message in progress, the bytes already passed on to the framer, which holds them.
    private var passed = 0
    /// Bytes received since the last NUL.
    private var inProgress = 0
    private var readHeld = false
    /// Data past `anonymousLimit` that arrived before the peer's rights were known.
    private var held: [ByteBuffer] = []
    /// A read went to the socket and no data has come back yet: time passes on the peer's account.
    private var waitingForPeer = false
    private var timer: Scheduled<Void>?

    init(
        anonymousLimit: Int = MessageBudget.defaultAnonymousLimit, timeout: TimeAmount,
        buffers: BufferedBytes = BufferedBytes(limit: .max), logger: Logger
    ) {
        self.anonymousLimit = anonymousLimit
        self.timeout = timeout
        self.buffers = buffers
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let started = inProgress == 0
        // One socket read can hold several messages, and NIO reads a few times per wake-up: every
        // message in this buffer is measured, not only the one left in progress.
        var oversized = false
        var position = 0
        while let terminator = buffer.readableNULOffset(from: position) {
            if inProgress + (terminator - position) > anonymousLimit { oversized = true }
            inProgress = 0
            position = terminator + 1
        }
        inProgress += buffer.readableBytes - position
        if inProgress > anonymousLimit { oversized = true }
        if position > 0 {
            // A message ended here: the next one (if any) starts its own clock.
            timer?.cancel()
            timer = nil
        }
        if inProgress > 0, timer == nil || started { arm(context: context) }
        guard mayRead != true, oversized || !held.isEmpty else {
            // Whole messages go on to the handler, which counts them while they wait.
            passed = inProgress
            guard account(context: context) else { return }
            context.fireChannelRead(data)
            return
        }
        if mayRead == false {
            refuse(context: context, "a message of more than \(anonymousLimit) bytes from a peer without reader rights")
            return
        }
        // Rights unknown: keep what came (one read's worth at most) and read nothing more.
        held.append(buffer)
        readHeld = true
        _ = account(context: context)
    }

    /// Brings this connection's count in `buffers` to what it holds now: the message in progress
    /// (in the framer), and data kept back here. Closes the connection and returns false when the
    /// total has no room for it.
    private func account(context: ChannelHandlerContext) -> Bool {
        let holding = passed + held.reduce(0) { $0 + $1.readableBytes }
        if holding < charged {
            buffers.give(charged - holding)
        } else if holding > charged {
            guard buffers.take(holding - charged, exempt: exempt) else {
                refuse(context: context, "the messages of all connections together would pass maximumBufferedBytes (\(buffers.limit) bytes)")
                return false
            }
        }
        charged = holding
        return true
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        waitingForPeer = false
        context.fireChannelReadComplete()
    }

    func read(context: ChannelHandlerContext) {
        guard !(readHeld && mayRead == nil) else { return }  // resumed when the rights arrive
        waitingForPeer = true
        context.read()
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        if event is PeerExempt {
            exempt = true
            promise?.succeed()
            return
        }
        guard let rights = event as? PeerRights else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        promise?.succeed()
        mayRead = rights.mayRead
        if !held.isEmpty {
            guard rights.mayRead else {
                refuse(context: context, "a message of more than \(anonymousLimit) bytes from a peer without reader rights")
                return
            }
            let waiting = held
            held = []
            passed = inProgress
            guard account(context: context) else { return }
            for buffer in waiting { context.fireChannelRead(wrapInboundOut(buffer)) }
            context.fireChannelReadComplete()
        }
        if readHeld {
            readHeld = false
            waitingForPeer = true
            context.read()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        buffers.give(charged)
        charged = 0
    }

    private func arm(context: ChannelHandlerContext) {
        timer?.cancel()
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: timeout) {
            let (budget, context) = bound.value
            budget.timer = nil
            guard budget.inProgress > 0 else { return }
            if budget.waitingForPeer {
                budget.refuse(context: context, "a message not complete \(budget.timeout.nanoseconds / 1_000_000_000) s after it began")
            } else {
                budget.arm(context: context)  // the daemon is not reading: not the peer's delay
            }
        }
    }

    private func refuse(context: ChannelHandlerContext, _ reason: String) {
        logger.notice("closing a control connection: \(reason)")
        timer?.cancel()
        timer = nil
        inProgress = 0
        passed = 0
        held = []
        buffers.give(charged)
        charged = 0
        context.close(promise: nil)
    }
}
