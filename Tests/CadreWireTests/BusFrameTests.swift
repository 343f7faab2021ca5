import CadreWire
import NIOCore
import NIOEmbedded
import Testing

@Suite("Bus frames")
struct BusFrameTests {
    static let job = PhaseJob(
        runID: 7, phase: "taxonomy", attempt: 2, asOf: 1_790_000_000, dataVersion: 3, taxonomyVersion: 2,
        databasePath: "/var/lib/cadre/cadre.sqlite", policy: ["meetsTolerance": 0.25])

    static let messages: [BusMessage] = [
        .register(WorkerRegistration(phase: "assessment", pid: 4242)),
        .welcome(heartbeatIntervalMilliseconds: 1000),
        .heartbeat(seq: 9),
        .heartbeatAck(seq: 9),
        .runPhase(job),
        .progress(PhaseProgress(runID: 7, phase: "taxonomy", done: 1, total: 2, note: "half")),
        .phaseSucceeded(PhaseCompletion(runID: 7, phase: "taxonomy", attempt: 2, summary: ["skills": 41])),
        .phaseSucceeded(
            PhaseCompletion(
                runID: 7, phase: "assessment", attempt: 1, summary: [:], artifacts: [ArtifactExtent(name: "estimates", byteCount: 2)])),
        .phaseFailed(PhaseFailure(runID: 7, phase: "taxonomy", attempt: 1, code: "x.y", message: "no")),
        .shutdown,
    ]

    func decoderChannel(limit: Int = 1 << 20) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(BusFrameDecoder(maximumFrameLength: limit)))
        return channel
    }

    @Test("every message survives encode → decode, attachment included", arguments: messages)
    func roundTrip(message: BusMessage) throws {
        let frame = BusFrame(message, attachment: [0, 1, 2, 255, 0])
        var buffer = ByteBuffer()
        try BusFrameCodec.encode(frame, into: &buffer)
        let channel = try decoderChannel()
        try channel.writeInbound(buffer)
        #expect(try channel.readInbound(as: BusFrame.self) == frame)
        #expect(try channel.readInbound(as: BusFrame.self) == nil)
    }

    @Test("the length prefix counts everything after itself")
    func layout() throws {
        var buffer = ByteBuffer()
        try BusFrameCodec.encode(BusFrame(.shutdown, attachment: [9, 9, 9]), into: &buffer)
        let header = Array(#"{"shutdown":{}}"#.utf8)
        #expect(buffer.getInteger(at: 0, as: UInt32.self) == UInt32(2 + 4 + header.count + 3))
        #expect(buffer.getInteger(at: 4, as: UInt16.self) == 2)
        #expect(buffer.getInteger(at: 6, as: UInt32.self) == UInt32(header.count))
        #expect(buffer.getBytes(at: 10, length: header.count) == header)
    }

    @Test("frames split at every byte boundary reassemble")
    func byteByByte() throws {
        var buffer = ByteBuffer()
        try BusFrameCodec.encode(BusFrame(.runPhase(Self.job)), into: &buffer)
        try BusFrameCodec.encode(BusFrame(.heartbeat(seq: 1)), into: &buffer)
        let channel = try decoderChannel()
        for byte in buffer.readableBytesView {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
        }
        #expect(try channel.readInbound(as: BusFrame.self)?.message == .runPhase(Self.job))
        #expect(try channel.readInbound(as: BusFrame.self)?.message == .heartbeat(seq: 1))
    }

    @Test("an oversized frame is refused from its prefix, before its body arrives")
    func oversized() throws {
        let channel = try decoderChannel(limit: 64)
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(65))
        #expect(throws: WireError.self) { try channel.writeInbound(buffer) }
    }

    @Test("garbage in the header is a malformed frame")
    func garbage() throws {
        var buffer = ByteBuffer()
        let junk: [UInt8] = Array("not json at all".utf8)
        buffer.writeInteger(UInt32(6 + junk.count))
        buffer.writeInteger(BusFrame.wireVersion)
        buffer.writeInteger(UInt32(junk.count))
        buffer.writeBytes(junk)
        let channel = try decoderChannel()
        #expect { try channel.writeInbound(buffer) } throws: { ($0 as? WireError)?.code == .malformed }
    }

    @Test("a header length running past the frame is truncation")
    func headerPastFrame() throws {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(6))
        buffer.writeInteger(BusFrame.wireVersion)
        buffer.writeInteger(UInt32(100))
        let channel = try decoderChannel()
        #expect { try channel.writeInbound(buffer) } throws: { ($0 as? WireError)?.code == .truncated }
    }

    @Test("another wire version is refused")
    func version() throws {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(6 + 2))
        buffer.writeInteger(UInt16(1))
        buffer.writeInteger(UInt32(2))
        buffer.writeBytes(Array("{}".utf8))
        let channel = try decoderChannel()
        #expect { try channel.writeInbound(buffer) } throws: { ($0 as? WireError)?.code == .unsupportedVersion }
    }

    @Test("a connection closed mid-frame is reported, not silently dropped")
    func truncatedAtEOF() throws {
        var buffer = ByteBuffer()
        try BusFrameCodec.encode(BusFrame(.heartbeat(seq: 3)), into: &buffer)
        let channel = try decoderChannel()
        try channel.writeInbound(buffer.getSlice(at: 0, length: buffer.readableBytes - 2)!)
        #expect { _ = try channel.finish() } throws: { ($0 as? WireError)?.code == .truncated }
    }

    /// The result, then each artifact in order; the extents say where one ends and the next begins.
    @Test("a result and its artifacts share the attachment and come apart again")
    func artifacts() throws {
        let (attachment, extents) = PhaseCompletion.attachment(
            payload: [1, 2, 3], artifacts: [(name: "estimates", content: [4, 5]), (name: "empty", content: []), (name: "last", content: [6])])
        #expect(attachment == [1, 2, 3, 4, 5, 6])
        #expect(extents == [ArtifactExtent(name: "estimates", byteCount: 2), ArtifactExtent(name: "empty", byteCount: 0), ArtifactExtent(name: "last", byteCount: 1)])
        let completion = PhaseCompletion(runID: 1, phase: "assessment", attempt: 1, summary: [:], artifacts: extents)
        let split = try completion.split(attachment)
        #expect(split.payload == [1, 2, 3])
        #expect(split.artifacts.map(\.name) == ["estimates", "empty", "last"] && split.artifacts.map(\.content) == [[4, 5], [], [6]])
        #expect(try PhaseCompletion(runID: 1, phase: "x", attempt: 1, summary: [:]).split([7, 8]).payload == [7, 8])

        func refused(_ extents: [ArtifactExtent]) -> Bool {
            (try? PhaseCompletion(runID: 1, phase: "x", attempt: 1, summary: [:], artifacts: extents).split([1, 2, 3])) == nil
        }
        #expect(refused([ArtifactExtent(name: "a", byteCount: 4)]))
        #expect(refused([ArtifactExtent(name: "a", byteCount: 2), ArtifactExtent(name: "b", byteCount: 2)]))
        #expect(refused([ArtifactExtent(name: "a", byteCount: -1)]))
        #expect(refused([ArtifactExtent(name: "a", byteCount: 1), ArtifactExtent(name: "a", byteCount: 1)]))
        #expect(!refused([ArtifactExtent(name: "a", byteCount: 3)]))
    }
}
