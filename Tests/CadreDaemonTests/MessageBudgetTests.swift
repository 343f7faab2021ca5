@testable import CadreDaemon
import Logging
import NIOCore
import NIOEmbedded
import Testing

/// The message budget on an `EmbeddedChannel`: bytes held from a peer whose rights are unknown,
/// and the clock of a message in progress (the embedded loop's time, advanced by hand).
@Suite("Message budget before authorisation")
struct MessageBudgetTests {
    static func channel(limit: Int = 16, timeout: TimeAmount = .seconds(5)) throws -> (EmbeddedChannel, ConnectionHandlerTests.ReadCounter) {
        let reads = ConnectionHandlerTests.ReadCounter()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(reads)
        try channel.pipeline.syncOperations.addHandler(MessageBudget(anonymousLimit: limit, timeout: timeout, logger: Logger(label: "test")))
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
}
