#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// The blocking varlink client: splitting replies at NUL bytes whatever the read sizes, decoding a
/// reply in one pass, and the connection over a real Unix socket against a scripted peer.
@Suite("Varlink client")
struct VarlinkClientTests {
    // MARK: splitting

    @Test("replies split at NUL come out whole and in order, whatever the read sizes")
    func splitsAtEveryReadSize() throws {
        let stream = Array(#"{"a":1}"#.utf8) + [0] + Array(#"{"b":"xé"}"#.utf8) + [0, 0] + Array(#"{"c":[]}"#.utf8) + [0]
        let expected = [#"{"a":1}"#, #"{"b":"xé"}"#, "", #"{"c":[]}"#]
        for size in 1...stream.count {
            var buffer = VarlinkMessageBuffer(maximumMessageLength: 64)
            var messages: [String] = []
            var offset = 0
            while offset < stream.count {
                buffer.append(stream[offset..<min(stream.count, offset + size)])
                offset += size
                while let message = try buffer.nextMessage() { messages.append(String(decoding: message, as: UTF8.self)) }
            }
            #expect(messages == expected, "read size \(size)")
            #expect(!buffer.hasPartialMessage)
        }
    }

    @Test("a reply without its NUL yet is partial and not handed out")
    func partial() throws {
        var buffer = VarlinkMessageBuffer(maximumMessageLength: 64)
        buffer.append(Array(#"{"a":"#.utf8))
        #expect(try buffer.nextMessage() == nil)
        #expect(buffer.hasPartialMessage)
        buffer.append(Array("2}".utf8) + [0])
        #expect(try buffer.nextMessage() == Array(#"{"a":2}"#.utf8))
        #expect(!buffer.hasPartialMessage)
    }

    @Test("a reply of exactly the limit passes; one byte more without a NUL is refused")
    func limit() throws {
        var exact = VarlinkMessageBuffer(maximumMessageLength: 8)
        exact.append(Array("12345678".utf8) + [0])
        #expect(try exact.nextMessage()?.count == 8)

        var unterminated = VarlinkMessageBuffer(maximumMessageLength: 8)
        unterminated.append(Array("12345678".utf8))
        #expect(try unterminated.nextMessage() == nil)
        unterminated.append(Array("9".utf8))
        let early = #expect(throws: VarlinkMessageTooLong.self) { try unterminated.nextMessage() }
        #expect(early?.length == 9 && early?.limit == 8)

        var terminated = VarlinkMessageBuffer(maximumMessageLength: 8)
        terminated.append(Array("1234567890".utf8) + [0])
        let whole = #expect(throws: VarlinkMessageTooLong.self) { try terminated.nextMessage() }
        #expect(whole?.length == 10 && whole?.limit == 8)
    }

    // MARK: decoding

    @Test("a reply decodes as its result or as the error it names, with continues")
    func typedReplies() throws {
        let pong = try VarlinkTypedReply<Workforce.PingResult>(
            received: Array(#" { "continues" : true, "parameters":{"message":"pong", "extra": [1, {"a": null}]}}"#.utf8))
        #expect(try pong.get().message == "pong")
        #expect(pong.continues)

        let missing = try VarlinkTypedReply<Workforce.PingResult>(
            received: Array(#"{"error":"io.cadre.Workforce.RunNotFound","parameters":{"id":7}}"#.utf8))
        #expect(!missing.continues)
        #expect(throws: VarlinkRemoteError.self) { try missing.get() }
        guard case .failure(let error) = missing.outcome else { return }
        #expect(error.name == "io.cadre.Workforce.RunNotFound")
        #expect(error.decodeParameters(as: Workforce.RunNotFoundError.self)?.id == 7)

        // Varlink lets a reply leave out empty parameters.
        let bare = try VarlinkTypedReply<Workforce.PingParameters>(received: Array("{}".utf8))
        #expect(try bare.get().message == nil)
        let null = try VarlinkTypedReply<Workforce.PingParameters>(received: Array(#"{"parameters":null}"#.utf8))
        #expect(try null.get().message == nil)
        #expect(throws: (any Error).self) { try VarlinkTypedReply<Workforce.PingResult>(received: Array(#"{"parameters":{}"#.utf8)) }
        #expect(throws: (any Error).self) { try VarlinkTypedReply<Workforce.PingResult>(received: Array(#"{"parameters":{"message":5}}"#.utf8)) }
    }

    // MARK: over a socket

    @Test("a call goes out NUL-terminated and its reply, arriving in pieces, decodes")
    func call() throws {
        let peer = try ScriptedPeer()
        peer.serve { connection in
            connection.readCall()
            connection.write(#"{"parameters":{"message":"hé"}}"# + "\0", pieceSize: 3)
        }
        let client = try VarlinkConnection(socketPath: peer.path)
        let result = try client.call("io.cadre.Workforce.Ping", Workforce.PingParameters(message: "hé"), as: Workforce.PingResult.self)
        #expect(result.message == "hé")
        peer.waitUntilDone()
        let sent = try WireJSON.decode(JSONValue.self, from: Array(try #require(peer.calls.first).utf8))
        #expect(sent["method"]?.stringValue == "io.cadre.Workforce.Ping")
        #expect(sent["parameters"]?["message"]?.stringValue == "hé")
        #expect(sent["more"] == nil)
    }

    @Test("a more call yields each reply until the one without continues")
    func stream() throws {
        let peer = try ScriptedPeer()
        peer.serve { connection in
            connection.readCall()
            connection.write(
                #"{"parameters":{"message":"1"},"continues":true}"# + "\0"
                    + #"{"parameters":{"message":"2"},"continues":true}"# + "\0"
                    + #"{"parameters":{"message":"3"}}"# + "\0"
                    + #"{"parameters":{"message":"after the last"}}"# + "\0")
        }
        let client = try VarlinkConnection(socketPath: peer.path)
        var seen: [String] = []
        try client.stream("io.cadre.Workforce.Ping", Workforce.Empty(), as: Workforce.PingResult.self) { reply in
            seen.append(reply.message)
            return true
        }
        #expect(seen == ["1", "2", "3"])
        peer.waitUntilDone()
        #expect(peer.calls.first.map { $0.contains(#""more":true"#) } == true)
    }

    @Test("pipelined calls are answered in order on one connection")
    func pipelined() throws {
        let peer = try ScriptedPeer()
        peer.serve { connection in
            for index in 1...3 {
                connection.readCall()
                connection.write(#"{"parameters":{"message":"\#(index)"}}"# + "\0")
            }
        }
        let client = try VarlinkConnection(socketPath: peer.path)
        for index in 1...3 { try client.send("io.cadre.Workforce.Ping", Workforce.PingParameters(message: "\(index)")) }
        var answers: [String] = []
        for _ in 1...3 {
            let reply = try #require(try client.receive(Workforce.PingResult.self, timeoutMilliseconds: 5000))
            answers.append(try reply.get().message)
        }
        #expect(answers == ["1", "2", "3"])
    }

    @Test("an error reply throws VarlinkRemoteError with its name and parameters")
    func remoteError() throws {
        let peer = try ScriptedPeer()
        peer.serve { connection in
            connection.readCall()
            connection.write(#"{"error":"io.cadre.Workforce.TeamNotFound","parameters":{"id":"Ranking"}}"# + "\0")
        }
        let client = try VarlinkConnection(socketPath: peer.path)
        do {
            _ = try client.call("io.cadre.Workforce.GetGaps", Workforce.GetGapsParameters(team: "Ranking"), as: Workforce.GapViewReply.self)
            Issue.record("the call should have thrown")
        } catch let error as VarlinkRemoteError {
            #expect(error.name == "io.cadre.Workforce.TeamNotFound")
            #expect(error.decodeParameters(as: Workforce.IDError.self)?.id == "Ranking")
        }
    }

    @Test("a peer that hangs up in the middle of a reply is .closed, and says so")
    func hangUpMidReply() throws {
        let peer = try ScriptedPeer()
        peer.serve { connection in
            connection.readCall()
            connection.write(#"{"parameters":{"mess"#)
        }
        let client = try VarlinkConnection(socketPath: peer.path)
        do {
            _ = try client.call("io.cadre.Workforce.Ping", Workforce.Empty(), as: Workforce.PingResult.self)
            Issue.record("the call should have thrown")
        } catch let error as VarlinkClientError {
            #expect(error.code == .closed)
            #expect(error.message.contains("in the middle of a reply"))
            #expect(error.socketPath == peer.path)
        }
    }

    @Test("receive returns nil when nothing arrives within the timeout")
    func timeout() throws {
        let peer = try ScriptedPeer()
        // Silent until the client hangs up.
        peer.serve { connection in connection.readCall() }
        let client = try VarlinkConnection(socketPath: peer.path)
        let start = ContinuousClock.now
        #expect(try client.receive(Workforce.PingResult.self, timeoutMilliseconds: 100) == nil)
        #expect(ContinuousClock.now - start >= .milliseconds(90))
    }

    @Test("no socket file, or nothing listening, is .notReachable with its errno")
    func notReachable() throws {
        let peer = try ScriptedPeer()
        let missing = peer.folder + "/absent.sock"
        #expect(throws: VarlinkClientError(.notReachable, socketPath: missing, systemError: ENOENT, "no socket file")) {
            _ = try VarlinkConnection(socketPath: missing)
        }
        let dead = peer.folder + "/dead.sock"
        try ScriptedPeer.deadSocket(at: dead)
        do {
            _ = try VarlinkConnection(socketPath: dead)
            Issue.record("connecting to a socket nobody listens on should fail")
        } catch {
            #expect(error.code == .notReachable)
            #expect(error.systemError == ECONNREFUSED)
        }
        let long = "/tmp/" + String(repeating: "x", count: 120)
        #expect(throws: VarlinkClientError.self) { _ = try VarlinkConnection(socketPath: long) }
    }
}
