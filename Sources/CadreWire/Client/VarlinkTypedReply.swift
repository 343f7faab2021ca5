import Foundation

/// One reply decoded in a single pass: the parameters as `Result` when the call succeeded, as loose
/// JSON inside a `VarlinkRemoteError` when it didn't. Avoids a detour through `JSONValue` on the
/// success path, which is the one the Ping benchmark measures.
public struct VarlinkTypedReply<Result: Decodable> {
    public var outcome: Swift.Result<Result, VarlinkRemoteError>
    /// True while a `more` call has further replies to come.
    public var continues: Bool

    /// Reads a reply as it came off the socket: its envelope by the call scanner's walk, its
    /// result decoded once from its own bytes — the client's share of every round trip.
    public init(received bytes: [UInt8]) throws {
        let header = try VarlinkMessageScanner.scanReply(bytes)
        continues = header.continues ?? false
        let parameters = header.parameters.map { bytes[$0] } ?? ArraySlice("{}".utf8)
        if let name = header.error {
            outcome = .failure(VarlinkRemoteError(name: name, parameters: try WireJSON.decode(JSONValue.self, from: parameters)))
        } else if parameters.elementsEqual("null".utf8) {
            outcome = .success(try WireJSON.decode(Result.self, from: Array("{}".utf8)))
        } else {
            outcome = .success(try WireJSON.decode(Result.self, from: parameters))
        }
    }

    public func get() throws(VarlinkRemoteError) -> Result {
        try outcome.get()
    }
}

/// A call as it goes on the wire, with typed parameters encoded straight into the message.
struct VarlinkCallEnvelope<Parameters: Encodable>: Encodable {
    var method: String
    var parameters: Parameters
    var more: Bool?

    func encoded() throws -> [UInt8] {
        try WireJSON.encode(self) + [0]
    }
}
