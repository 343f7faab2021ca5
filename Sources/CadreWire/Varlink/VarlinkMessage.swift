import NIOCore

/// A varlink method call (https://varlink.org/Method-Call): `{"method": "iface.Name", "parameters": {…},
/// "more": true, "oneway": true}`, NUL-terminated on the wire.
public struct VarlinkCall: Codable, Hashable, Sendable {
    public var method: String
    public var parameters: JSONValue?
    public var oneway: Bool?
    public var more: Bool?
    public var upgrade: Bool?

    public init(method: String, parameters: JSONValue? = nil, more: Bool = false, oneway: Bool = false) {
        self.method = method
        self.parameters = parameters
        self.more = more ? true : nil
        self.oneway = oneway ? true : nil
        self.upgrade = nil
    }

    public var wantsMore: Bool { more ?? false }
    public var isOneway: Bool { oneway ?? false }

    /// The parameters as a typed value; a missing object decodes as `{}` so all-optional inputs work.
    public func decodeParameters<T: Decodable>(as type: T.Type) throws -> T {
        try WireJSON.convert(parameters ?? .object([:]), to: type)
    }
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
        do {
            return try WireJSON.decode(VarlinkCall.self, from: bytes)
        } catch {
            throw WireError(.malformed, "not a varlink call: \(error)")
        }
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

extension ByteBuffer {
    public mutating func writeVarlink(_ bytes: [UInt8]) {
        writeBytes(bytes)
    }
}
