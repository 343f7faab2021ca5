/// A frame or message that cannot be accepted. The connection that sent it is closed; the process
/// that received it carries on.
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let frameTooLarge = Code(rawValue: "wire.frame-too-large")
        public static let truncated = Code(rawValue: "wire.truncated")
        public static let malformed = Code(rawValue: "wire.malformed")
        public static let unsupportedVersion = Code(rawValue: "wire.unsupported-version")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
