import Logging
import NIOCore

/// Stops accepting control connections while `ceiling` of them are open, and starts again as soon
/// as one closes. Without it, a daemon at its descriptor limit is woken for every waiting client,
/// fails `accept` with `EMFILE` and is woken again: a busy loop that starves everything else. With
/// it, clients wait in the listen backlog (or are refused by the kernel when it is full) and cost
/// the daemon nothing.
///
/// It sits on the listening channel, whose reads are accepts, and holds back `read` while full.
final class AcceptThrottle: ChannelDuplexHandler {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel
    typealias OutboundIn = Never

    private let ceiling: Int
    private let logger: Logger
    private var open = 0
    private var readHeld = false

    init(ceiling: Int, logger: Logger) {
        self.ceiling = ceiling
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let child = unwrapInboundIn(data)
        open += 1
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        child.closeFuture.hop(to: context.eventLoop).whenComplete { _ in
            let (throttle, context) = bound.value
            throttle.open -= 1
            if throttle.readHeld, throttle.open < throttle.ceiling {
                throttle.readHeld = false
                throttle.logger.notice("control connections below \(throttle.ceiling) again; accepting")
                context.read()
            }
        }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        guard open < ceiling else {
            if !readHeld {
                logger.warning("\(open) control connections open: not accepting more until one closes")
            }
            readHeld = true
            return
        }
        context.read()
    }
}
