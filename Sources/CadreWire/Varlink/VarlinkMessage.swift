import NIOCore

/// A varlink method call (https://varlink.org/Method-Call): `{"method": "iface.Name", "parameters": {…},
/// "more": true, "oneway": true}`, NUL-terminated on the wire.
///
/// A call read from the wire keeps its bytes and decodes only the header at first; the method's
/// typed parameters are decoded straight from those bytes once the method is known, with no
/// detour through a loosely typed tree.
public struct VarlinkCall: Codable, Hashable, Sendable {
    public var method: String
    /// The parameters of a call built in code; nil for one read from the wire (see `decodeParameters`).
    public var parameters: JSONValue?
    public var oneway: Bool?
    public var more: Bool?
    public var upgrade: Bool?
    /// The message as received, when it was, and where its parameters lie in it.
    private var received: Received?

    private struct Received: Hashable, Sendable {
        var bytes: [UInt8]
        var parameters: Range<Int>?
    }

    public init(method: String, parameters: JSONValue? = nil, more: Bool = false, oneway: Bool = false) {
        self.method = method
        self.parameters = parameters
        self.more = more ? true : nil
        self.oneway = oneway ? true : nil
        self.upgrade = nil
    }

    private enum CodingKeys: String, CodingKey {
        case method, parameters, oneway, more, upgrade
    }

    /// Reads the header only (tests and tools that decode calls with a `JSONDecoder`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        method = try container.decode(String.self, forKey: .method)
        oneway = try container.decodeIfPresent(Bool.self, forKey: .oneway)
        more = try container.decodeIfPresent(Bool.self, forKey: .more)
        upgrade = try container.decodeIfPresent(Bool.self, forKey: .upgrade)
        parameters = nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encodeIfPresent(parameters, forKey: .parameters)
        try container.encodeIfPresent(oneway, forKey: .oneway)
        try container.encodeIfPresent(more, forKey: .more)
        try container.encodeIfPresent(upgrade, forKey: .upgrade)
    }

    public var wantsMore: Bool { more ?? false }
    public var isOneway: Bool { oneway ?? false }

    /// The parameters as a typed value; a missing object decodes as `{}` so all-optional inputs work.
    /// Throws `VarlinkParameterError` naming the parameter that does not fit its type.
    public func decodeParameters<T: Decodable>(as type: T.Type) throws(VarlinkParameterError) -> T {
        if let received {
            guard let range = received.parameters, !received.bytes[range].elementsEqual("null".utf8) else {
                return try Self.decode(type, from: Self.emptyObject)
            }
            // An import chunk's parameters are megabytes: decoded from the slice, not a copy.
            return try Self.decode(type, from: received.bytes[range])
        }
        let bytes: [UInt8]
        do {
            bytes = try WireJSON.encode(parameters ?? .object([:]))
        } catch {
            throw VarlinkParameterError(parameter: "parameters", message: "\(error)")
        }
        return try Self.decode(type, from: bytes)
    }

    private static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws(VarlinkParameterError) -> T {
        do {
            return try WireJSON.decode(type, from: bytes)
        } catch {
            throw VarlinkParameterDiagnosis.error(error, decoding: type, from: bytes)
        }
    }

    private static let emptyObject = Array("{}".utf8)

    /// A call as read from the wire: its header scanned, its parameters left as bytes.
    init(received bytes: [UInt8]) throws(WireError) {
        let header = try VarlinkMessageScanner.scan(bytes)
        method = header.method
        oneway = header.oneway
        more = header.more
        upgrade = header.upgrade
        parameters = nil
        received = Received(bytes: bytes, parameters: header.parameters)
    }
}

/// Just the `parameters` member of a call, typed.
private struct ParametersEnvelope<P: Decodable>: Decodable {
    var parameters: P?
}

/// A varlink reply: parameters, or an error name with its parameters; `continues` while a `more`
/// call has further replies.
public struct VarlinkReply: Codable, Hashable, Sendable {
    public var parameters: JSONValue?
    public var continues: Bool?
    public var error: String?

    public init(parameters: JSONValue? = nil, continues: Bool = false, error: String? = nil) {
        self.parameters = parameters
        self.continues = continues ? true : nil
        self.error = error
    }

    public func decodeParameters<T: Decodable>(as type: T.Type) throws -> T {
        try WireJSON.convert(parameters ?? .object([:]), to: type)
    }
}

/// Encodes and decodes whole NUL-terminated varlink messages.
public enum VarlinkCodec {
    public static func decodeCall(_ bytes: some Collection<UInt8>) throws -> VarlinkCall {
        try VarlinkCall(received: Array(bytes))
    }

    public static func decodeReply(_ bytes: some Collection<UInt8>) throws -> VarlinkReply {
        do {
            return try WireJSON.decode(VarlinkReply.self, from: bytes)
        } catch {
            throw WireError(.malformed, "not a varlink reply: \(error)")
        }
    }

    public static func encode(_ call: VarlinkCall) throws -> [UInt8] {
        try WireJSON.encode(call) + [0]
    }

    public static func encode(_ reply: VarlinkReply) throws -> [UInt8] {
        try WireJSON.encode(reply) + [0]
    }

    /// Encodes a typed reply straight into `{"parameters":…}` without a detour through `JSONValue`:
    /// the hot path for every answer the daemon gives.
    public static func encodeReply<T: Encodable>(_ parameters: T, continues: Bool = false) throws -> [UInt8] {
        var bytes: [UInt8] = Array(#"{"parameters":"#.utf8)
        bytes += try WireJSON.encode(parameters)
        bytes += continues ? Array(#","continues":true}"#.utf8) : [UInt8(ascii: "}")]
        bytes.append(0)
        return bytes
    }

    public static func encodeError<T: Encodable>(_ name: String, _ parameters: T) throws -> [UInt8] {
        var bytes: [UInt8] = Array(#"{"error":"#.utf8)
        bytes += try WireJSON.encode(name)
        bytes += Array(#","parameters":"#.utf8)
        bytes += try WireJSON.encode(parameters)
        bytes += [UInt8(ascii: "}"), 0]
        return bytes
    }
}
