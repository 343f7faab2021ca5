
/// Why a call never got an answer: the socket could not be reached, or the connection broke. The
/// `code` is stable so callers (cadrectl's exit codes, the benchmark) switch on it, not on text.
public struct VarlinkClientError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No socket file at the path, or nothing listening on it: the daemon isn't running.
        public static let notReachable = Code(rawValue: "varlink.not-reachable")
        /// The socket file exists but its mode or group keeps this user out.
        public static let socketPermission = Code(rawValue: "varlink.socket-permission")
        /// The daemon hung up before answering (it stopped, restarted, or dropped the connection).
        public static let closed = Code(rawValue: "varlink.closed")
        /// A reply without its NUL terminator grew past the client's limit.
        public static let messageTooLong = Code(rawValue: "varlink.message-too-long")
        /// A reply that is not a varlink reply, or parameters that don't have the documented shape.
        public static let malformed = Code(rawValue: "varlink.malformed")
        /// Any other system-call failure.
        public static let system = Code(rawValue: "varlink.system")
    }

    public var code: Code
    public var socketPath: String
    /// The `errno` behind the failure, 0 when there was none.
    public var systemError: Int32
    public var message: String

    public init(_ code: Code, socketPath: String, systemError: Int32 = 0, _ message: String) {
        self.code = code
        self.socketPath = socketPath
        self.systemError = systemError
        self.message = message
    }

    public var description: String { "\(socketPath): \(message)" }
}

/// An `error` reply: the daemon understood the call and refused it. Name and parameters are kept
/// as sent, so a client can decode the ones it knows (`Workforce.PermissionDeniedError`, …) and
/// still print the others.
public struct VarlinkRemoteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The fully qualified error name, e.g. `io.cadre.Workforce.RunNotFound`.
    public var name: String
    public var parameters: JSONValue

    public init(name: String, parameters: JSONValue) {
        self.name = name
        self.parameters = parameters
    }

    /// The parameters as the error's documented type, or `nil` when they don't match it.
    public func decodeParameters<T: Decodable>(as type: T.Type) -> T? {
        try? WireJSON.convert(parameters, to: type)
    }

    public var description: String {
        let text = (try? WireJSON.encode(parameters)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "\(name) \(text)"
    }
}
