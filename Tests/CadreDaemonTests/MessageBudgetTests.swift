@testable import CadreDaemon
import Logging
import NIOCore
import NIOEmbedded
import Synchronization
import Testing

/// The message budget on an `EmbeddedChannel`: bytes held from a peer whose rights are unknown,
/// and the clock of a message in progress (the embedded loop's time, advanced by hand).
@Suite("Message budget before authorisation")
struct MessageBudgetTests {
    static func channel(
        limit: Int = 16, timeout: TimeAmount = .seconds(5), buffers: BufferedBytes = BufferedBytes(limit: .max)
    ) throws -> (EmbeddedChannel, ConnectionHandlerTests.ReadCounter) {
        let reads = ConnectionHandlerTests.ReadCounter()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(reads)
        try channel.pipeline.syncOperations.addHandler(
            MessageBudget(anonymousLimit: limit, timeout: timeout, buffers: buffers, logger: Logger(label: "test")))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, reads)
    }

    static func bytes(_ count: Int, terminated: Bool = false) -> ByteBuffer {
        ByteBuffer(bytes: Array(repeating: UInt8(ascii: "x"), count: count) + (terminated ? [0] : []))
    }

    @Test("past the small limit, a peer of unknown rights is not read; without reader rights it is closed")
    func anonymousPeer() throws {
        let (channel, reads) = try Self.channel()
        try channel.writeInbound(Self.bytes(20))
        channel.read()
        #expect(reads.reads == 0, "held until the peer's rights are known")
        channel.triggerUserOutboundEvent(MessageBudget.PeerRights(mayRead: false), promise: nil)
        #expect(!channel.isActive)
    }

    @Test("a whole message over the limit in one read is kept back until the rights are known")
    func wholeMessageInOneRead() throws {
        let (stranger, _) = try Self.channel()
        try stranger.writeInbound(Self.bytes(20, terminated: true))
        #expect(try stranger.readInbound(as: ByteBuffer.self) == nil, "not passed on before the rights are known")
        stranger.triggerUserOutboundEvent(MessageBudget.PeerRights(mayRead: false), promise: nil)
        #expect(!stranger.isActive)

        let (reader, _) = try Self.channel()
        try reader.writeInbound(Self.bytes(20, terminated: true))
        reader.triggerUserOutboundEvent(MessageBudget.PeerRights(mayRead: true), promise: nil)
        #expect(try reader.readInbound(as: ByteBuffer.self)?.readableBytes == 21)
        _ = try reader.finish()
    }

    @Test("a reader's held read resumes once its rights are known, and its message may grow")
    func reader() throws {
        let (channel, reads) = try Self.channel()
        try channel.writeInbound(Self.bytes(20))
        channel.read()
        channel.triggerUserOutboundEvent(MessageBudget.PeerRights(mayRead: true), promise: nil)
        #expect(reads.reads == 1 && channel.isActive)
        try channel.writeInbound(Self.bytes(1000, terminated: true))
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    @Test("a peer without rights may send small messages for ever")
    func smallMessages() throws {
        let (channel, _) = try Self.channel()
        channel.triggerUserOutboundEvent(MessageBudget.PeerRights(mayRead: false), promise: nil)
        for _ in 0..<100 { try channel.writeInbound(Self.bytes(15, terminated: true)) }
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    @Test("a message that does not complete within the timeout closes the connection; a complete one does not")
    func slowMessage() throws {
        let (channel, _) = try Self.channel()
        let loop = channel.embeddedEventLoop
        try channel.writeInbound(Self.bytes(3, terminated: true))
        loop.advanceTime(by: .seconds(10))
        #expect(channel.isActive, "nothing in progress")
        for _ in 0..<4 {
            channel.read()
            try channel.writeInbound(Self.bytes(1))  // one byte at a time, each within the idle timeout
            channel.pipeline.fireChannelReadComplete()
            channel.read()
            loop.advanceTime(by: .seconds(1))
        }
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive, "5 s after the message's first byte")
    }

    @Test("time the daemon spends not reading is not counted against the peer")
    func backPressure() throws {
        let (channel, _) = try Self.channel()
        let loop = channel.embeddedEventLoop
        channel.read()
        try channel.writeInbound(Self.bytes(3))
        channel.pipeline.fireChannelReadComplete()
        loop.advanceTime(by: .seconds(12))
        #expect(channel.isActive, "no read asked for: the daemon is the one waiting")
        channel.read()
        loop.advanceTime(by: .seconds(5))
        #expect(!channel.isActive)
    }

    @Test("all connections together hold at most the total: the one that would pass it is closed, the others go on")
    func totalAcrossConnections() throws {
        let buffers = BufferedBytes(limit: 100)
        let (first, _) = try Self.channel(buffers: buffers)
        first.triggerUserOutboundEvent(MessageBudget.PeerRights(mayRead: true), promise: nil)
        try first.writeInbound(Self.bytes(60))
        #expect(buffers.total == 60, "a message in progress is counted")

        let (second, _) = try Self.channel(buffers: buffers)
        second.triggerUserOutboundEvent(MessageBudget.PeerRights(mayRead: true), promise: nil)
        try second.writeInbound(Self.bytes(30))
        #expect(second.isActive && buffers.total == 90)
        try second.writeInbound(Self.bytes(11))
        #expect(!second.isActive, "101 bytes would pass 100")
        #expect(first.isActive && buffers.total == 60, "the closed connection's bytes are no longer counted")

        // The first message completes and goes on: its bytes are the handler's to count now.
        try first.writeInbound(Self.bytes(10, terminated: true))
        #expect(try first.readInbound(as: ByteBuffer.self) != nil)
        #expect(buffers.total == 0)
        let (third, _) = try Self.channel(buffers: buffers)
        third.triggerUserOutboundEvent(MessageBudget.PeerRights(mayRead: true), promise: nil)
        try third.writeInbound(Self.bytes(95))
        #expect(third.isActive && buffers.total == 95)
        _ = try first.finish()
        _ = try third.finish()
        #expect(buffers.total == 0, "a connection that goes away takes its count with it")
    }

    @Test("root's and the daemon's own bytes are counted and never refused")
    func exemptPeer() throws {
        let buffers = BufferedBytes(limit: 100)
        let (root, _) = try Self.channel(buffers: buffers)
        root.triggerUserOutboundEvent(MessageBudget.PeerExempt(), promise: nil)
        root.triggerUserOutboundEvent(MessageBudget.PeerRights(mayRead: true), promise: nil)
        try root.writeInbound(Self.bytes(150))
        #expect(root.isActive && buffers.total == 150)
        let (other, _) = try Self.channel(buffers: buffers)
        other.triggerUserOutboundEvent(MessageBudget.PeerRights(mayRead: true), promise: nil)
        try other.writeInbound(Self.bytes(1))
        #expect(!other.isActive, "the total is full")
        _ = try root.finish()
    }

    @Test("held-back data of a peer whose rights are unknown counts too")
    func heldData() throws {
        let buffers = BufferedBytes(limit: 30)
        let (channel, _) = try Self.channel(limit: 16, buffers: buffers)
        try channel.writeInbound(Self.bytes(20))
        #expect(channel.isActive && buffers.total == 20, "kept back, counted once")
        try channel.writeInbound(Self.bytes(20))
        #expect(!channel.isActive && buffers.total == 0)
    }

    @Test("memory goes back after a burst: once when the total empties after 1 MiB or more, not after small traffic")
    func memoryAfterBurst() {
        let released = Mutex(0)
        let buffers = BufferedBytes(limit: .max, afterBurst: { released.withLock { $0 += 1 } })
        #expect(buffers.take(100) && buffers.take(200))
        buffers.give(300)
        #expect(released.withLock { $0 } == 0, "small traffic is no burst")
        #expect(buffers.take(BufferedBytes.burst) && buffers.take(10))
        buffers.give(10)
        #expect(released.withLock { $0 } == 0, "still holding the burst")
        buffers.give(BufferedBytes.burst)
        #expect(released.withLock { $0 } == 1)
        #expect(buffers.take(100))
        buffers.give(100)
        #expect(released.withLock { $0 } == 1)
    }
}
