@testable import CadreDaemon
import CadreStore
import CadreSystemd
import CadreWire
import Foundation
import Logging
import NIOCore
import NIOEmbedded
import Testing

/// The control connection's handler on an `EmbeddedChannel`: the same handler the daemon puts on
/// every socket, with the peer's credentials handed in instead of read from `SO_PEERCRED`.
@Suite("Control connection handler in memory")
struct ConnectionHandlerTests {
    /// Counts the reads the handler asks for (the channel runs with autoRead off).
    final class ReadCounter: ChannelOutboundHandler, @unchecked Sendable {
        typealias OutboundIn = Any
        var reads = 0
        func read(context: ChannelHandlerContext) {
            reads += 1
            context.read()
        }
    }

    struct Fixture {
        let channel: EmbeddedChannel
        let reads: ReadCounter
        let folder: String
    }

    static func fixture(uid: UInt32 = 0) throws -> Fixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cadre-handler-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let logger = Logger(label: "test")
        let store = try Store(directory: folder)
        let hub = EventHub(queueLimit: 16)
        let paths = DaemonPaths(runtime: folder, state: folder, configuration: folder, logs: folder)
        let supervisor = Supervisor(
            paths: paths, configuration: DaemonConfiguration(), store: store, hub: hub, executable: "/bin/false",
            logTarget: .stderr, logger: logger)
        let service = WorkforceService(
            supervisor: supervisor, store: store, hub: hub,
            authorizer: Authorizer(operatorsGroup: "cadre-ops-none", readersGroup: "cadre-read-none"), logger: logger,
            policy: { .standard })
        let reads = ReadCounter()
        let handler = VarlinkConnectionHandler(
            service: service, limiter: ConnectionLimiter(limit: 8), logger: logger,
            credentials: { channel in channel.eventLoop.makeSucceededFuture(PeerCredentials(pid: 1, uid: uid, gid: uid)) })
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(reads)
        try channel.pipeline.syncOperations.addHandler(handler)
        return Fixture(channel: channel, reads: reads, folder: folder)
    }

    static func message(_ method: String, _ parameters: JSONValue = .object([:])) throws -> ByteBuffer {
        var bytes = try VarlinkCodec.encode(VarlinkCall(method: method, parameters: parameters))
        if bytes.last == 0 { bytes.removeLast() }  // the NUL framer upstream strips the terminator
        return ByteBuffer(bytes: bytes)
    }

    static func replies(_ channel: EmbeddedChannel) throws -> [VarlinkReply] {
        var replies: [VarlinkReply] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
            var bytes = Array(buffer.readableBytesView)
            if bytes.last == 0 { bytes.removeLast() }
            replies.append(try VarlinkCodec.decodeReply(bytes))
        }
        return replies
    }

    @Test("Ping is answered on the loop itself, in order, with no task")
    func pingOnTheLoop() throws {
        let f = try Self.fixture()
        try f.channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        for _ in 0..<3 { try f.channel.writeInbound(try Self.message(Workforce.Method.ping.qualifiedName)) }
        let replies = try Self.replies(f.channel)
        #expect(replies.count == 3)
        #expect(replies.allSatisfy { $0.parameters?["message"]?.stringValue == "pong" })
        _ = try? f.channel.finish()
    }

    @Test("a peer that queues calls faster than they are answered stops being read at the queue limit")
    func backPressureOnTheQueue() throws {
        let f = try Self.fixture()
        try f.channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        let readsAfterAccept = f.reads.reads
        #expect(readsAfterAccept == 1, "the handler asks for the first read once it knows the peer")
        // ListRuns goes to a task (the store), so the calls queue up behind the first.
        for _ in 0..<(VarlinkConnectionHandler.queueLimit + 1) {
            f.channel.pipeline.fireChannelRead(try Self.message(Workforce.Method.listRuns.qualifiedName))
        }
        f.channel.pipeline.fireChannelReadComplete()
        #expect(f.reads.reads == readsAfterAccept, "a full queue asks for no more reads")
        _ = try? f.channel.finish()
    }

    @Test("an unwritable channel (the peer is not reading replies) is not read until it drains")
    func backPressureOnWrites() throws {
        let f = try Self.fixture()
        try f.channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        let before = f.reads.reads
        f.channel.isWritable = false
        f.channel.pipeline.fireChannelWritabilityChanged()
        f.channel.pipeline.fireChannelReadComplete()
        #expect(f.reads.reads == before)
        f.channel.isWritable = true
        f.channel.pipeline.fireChannelWritabilityChanged()
        #expect(f.reads.reads == before + 1, "the held read is asked for once there is room")
        _ = try? f.channel.finish()
    }

    @Test("a message that is not a varlink call closes this connection")
    func garbageCloses() throws {
        let f = try Self.fixture()
        try f.channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        #expect(f.channel.isActive)
        _ = try? f.channel.writeInbound(ByteBuffer(string: "{not json"))
        #expect(!f.channel.isActive)
    }
}
