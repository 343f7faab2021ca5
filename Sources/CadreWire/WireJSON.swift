import Foundation

/// One JSON configuration for everything Cadre puts on a wire, so both ends agree byte for byte.
public enum WireJSON {
    /// Made once: setting up a coder costs about as much as a small message's coding.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    private static let decoder = JSONDecoder()

    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        Array(try encoder.encode(value))
    }

    public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        try decoder.decode(type, from: Data(bytes))
    }

    /// Re-reads a loosely typed value as a typed one (varlink parameters after dispatch on the method).
    public static func convert<T: Decodable>(_ value: JSONValue, to type: T.Type) throws -> T {
        try decode(type, from: try encode(value))
    }

    public static func value<T: Encodable>(_ typed: T) throws -> JSONValue {
        try decode(JSONValue.self, from: try encode(typed))
    }
}
