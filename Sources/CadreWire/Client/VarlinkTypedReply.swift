import Foundation

/// One reply decoded in a single pass: the parameters as `Result` when the call succeeded, as loose
/// JSON inside a `VarlinkRemoteError` when it didn't. Avoids a detour through `JSONValue` on the
/// success path, which is the one the Ping benchmark measures.
public struct VarlinkTypedReply<Result: Decodable>: Decodable {
    public var outcome: Swift.Result<Result, VarlinkRemoteError>
    /// True while a `more` call has further replies to come.
    public var continues: Bool

    private enum Keys: String, CodingKey {
        case parameters, continues, error
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        continues = try container.decodeIfPresent(Bool.self, forKey: .continues) ?? false
        if let name = try container.decodeIfPresent(String.self, forKey: .error) {
            let parameters = try container.decodeIfPresent(JSONValue.self, forKey: .parameters) ?? .object([:])
            outcome = .failure(VarlinkRemoteError(name: name, parameters: parameters))
        } else if container.contains(.parameters) {
            outcome = .success(try container.decode(Result.self, forKey: .parameters))
        } else {
            // Varlink lets a reply leave out empty parameters; all-optional results still decode.
            outcome = .success(try JSONDecoder().decode(Result.self, from: Data("{}".utf8)))
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
