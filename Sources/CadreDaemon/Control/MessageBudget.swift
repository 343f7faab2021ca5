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

    static let defaultAnonymousLimit = 64 * 1024

    private let anonymousLimit: Int
    private let timeout: TimeAmount
    private let logger: Logger
    private var mayRead: Bool?
    /// Bytes received since the last NUL.
    private var inProgress = 0
    private var readHeld = false
    /// Data past `anonymousLimit` that arrived before the peer's rights were known.
    private var held: [ByteBuffer] = []
    /// A read went to the socket and no data has come back yet: time passes on the peer's account.
    private var waitingForPeer = false
    private var timer: Scheduled<Void>?

    init(anonymousLimit: Int = MessageBudget.defaultAnonymousLimit, timeout: TimeAmount, logger: Logger) {
        self.anonymousLimit = anonymousLimit
        self.timeout = timeout
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let view = buffer.readableBytesView
        let started = inProgress == 0
        // One socket read can hold several messages, and NIO reads a few times per wake-up: every
        // message in this buffer is measured, not only the one left in progress.
        var oversized = false
        var position = view.startIndex
        while let terminator = view[position...].firstIndex(of: 0) {
            if inProgress + (terminator - position) > anonymousLimit { oversized = true }
            inProgress = 0
            position = terminator + 1
        }
        inProgress += view.endIndex - position
        if inProgress > anonymousLimit { oversized = true }
        if position > view.startIndex {
            // A message ended here: the next one (if any) starts its own clock.
            timer?.cancel()
            timer = nil
        }
        if inProgress > 0, timer == nil || started { arm(context: context) }
        guard mayRead != true, oversized || !held.isEmpty else {
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
        held = []
        context.close(promise: nil)
    }
}
