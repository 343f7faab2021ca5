import CadreWire
import Foundation
import NIOCore
import NIOEmbedded
import Testing

@Suite("Varlink messages")
struct VarlinkFramingTests {
    func channel(limit: Int = 1024) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(VarlinkFrameDecoder(maximumMessageLength: limit)))
        return channel
    }

    @Test("messages split at NUL, across and within reads")
    func splitting() throws {
        let channel = try channel()
        try channel.writeInbound(ByteBuffer(string: #"{"method":"a.B"}"# + "\0" + #"{"meth"#))
        try channel.writeInbound(ByteBuffer(string: #"od":"c.D","more":true}"# + "\0"))
        let first = try #require(try channel.readInbound(as: ByteBuffer.self))
        let second = try #require(try channel.readInbound(as: ByteBuffer.self))
        #expect(try VarlinkCodec.decodeCall(first.readableBytesView).method == "a.B")
        let call = try VarlinkCodec.decodeCall(second.readableBytesView)
        #expect(call.method == "c.D" && call.wantsMore)
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
    }

    @Test("an unterminated message over the limit is refused without waiting for its end")
    func oversized() throws {
        let channel = try channel(limit: 16)
        try channel.writeInbound(ByteBuffer(string: String(repeating: "x", count: 16)))
        #expect(throws: WireError.self) { try channel.writeInbound(ByteBuffer(string: "y")) }
    }

    @Test("a message of exactly the limit passes")
    func atLimit() throws {
        let channel = try channel(limit: 16)
        try channel.writeInbound(ByteBuffer(string: String(repeating: "x", count: 16) + "\0"))
        #expect(try channel.readInbound(as: ByteBuffer.self)?.readableBytes == 16)
    }

    @Test("garbage is a malformed call")
    func garbage() {
        #expect { try VarlinkCodec.decodeCall(Array("\u{1}\u{2}nonsense".utf8)) } throws: {
            ($0 as? WireError)?.code == .malformed
        }
        #expect(throws: WireError.self) { try VarlinkCodec.decodeCall(Array(#"{"parameters":{}}"#.utf8)) }
    }

    @Test("typed replies are the JSON the spec shows")
    func replies() throws {
        let bytes = try VarlinkCodec.encodeReply(Workforce.PingResult(message: "pong"), continues: true)
        #expect(bytes.last == 0)
        let reply = try VarlinkCodec.decodeReply(bytes.dropLast())
        #expect(reply.continues == true)
        #expect(try reply.decodeParameters(as: Workforce.PingResult.self).message == "pong")
        let error = try VarlinkCodec.decodeReply(
            try VarlinkCodec.encodeError(Workforce.ErrorName.runNotFound, Workforce.RunNotFoundError(id: 4)).dropLast())
        #expect(error.error == "io.cadre.Workforce.RunNotFound")
        #expect(error.parameters?["id"]?.intValue == 4)
    }

    @Test("a call read from the wire decodes its typed parameters from its own bytes")
    func typedFromWire() throws {
        let call = try VarlinkCodec.decodeCall(Array(#"{"more":true,"method":"io.cadre.Workforce.Ping","parameters":{"message":"hi","extra":[1,{"x":null}]}}"#.utf8))
        #expect(call.method == "io.cadre.Workforce.Ping" && call.wantsMore && !call.isOneway)
        #expect(try call.decodeParameters(as: Workforce.PingParameters.self).message == "hi")
        #expect(throws: (any Error).self) { try call.decodeParameters(as: Workforce.GetRunParameters.self) }
        let built = VarlinkCall(method: "a.B", parameters: ["id": 7])
        let again = try VarlinkCodec.decodeCall(try VarlinkCodec.encode(built).dropLast())
        #expect(try again.decodeParameters(as: Workforce.GetRunParameters.self).id == 7)
    }

    @Test("calls without parameters decode all-optional parameter types")
    func emptyParameters() throws {
        let call = try VarlinkCodec.decodeCall(Array(#"{"method":"io.cadre.Workforce.ListRuns"}"#.utf8))
        #expect(try call.decodeParameters(as: Workforce.ListRunsParameters.self).limit == nil)
    }

    @Test("the embedded interfaces are the .varlink files, byte for byte (scripts/embed-varlink)")
    func interfaceFile() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/CadreWire/Varlink")
        let workforce = try String(contentsOf: folder.appendingPathComponent("io.cadre.Workforce.varlink"), encoding: .utf8)
        let service = try String(contentsOf: folder.appendingPathComponent("org.varlink.service.varlink"), encoding: .utf8)
        #expect(VarlinkInterfaces.workforce + "\n" == workforce)
        #expect(VarlinkInterfaces.service + "\n" == service)
        #expect(VarlinkInterfaces.description(of: "io.cadre.Workforce") != nil)
        #expect(VarlinkInterfaces.description(of: "org.varlink.service")?.hasPrefix("# The Varlink Service Interface") == true)
    }

    @Test("every method in the interface file has a Swift mirror, and the reverse")
    func methodsMatch() {
        let declared = VarlinkInterfaces.workforce.split(separator: "\n")
            .filter { $0.hasPrefix("method ") }
            .map { $0.dropFirst("method ".count).prefix { $0 != "(" } }
            .map(String.init)
        #expect(Set(declared) == Set(Workforce.Method.allCases.map(\.rawValue)))
    }

    @Test("ImportSummary.kind admits every kind an import reports, so a strict peer accepts the reply")
    func importSummaryKind() throws {
        let lines = VarlinkInterfaces.workforce.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("type ImportSummary (") })
        let kind = try #require(lines[start...].first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("kind:") })
        let type = kind.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces.union(.init(charactersIn: ",")))
        // Varlink enum values cannot hold "-", and hr-events is one of the kinds: a string it must be.
        #expect(type == "string")
    }
}
