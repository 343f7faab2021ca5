/// An error of the daemon's own making (not a user's input, not the store's): a stable code
/// callers and logs can match, the message, and where it was raised. New codes can be added
/// without breaking callers that switch on the ones they know (swift-service-lifecycle's
/// `ServiceGroupError` shape).
struct DaemonError: Error, CustomStringConvertible {
    struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        var description: String { name }

        static let workersDidNotRegister = Code(name: "daemon.workers-did-not-register")
        static let connectionClosed = Code(name: "daemon.connection-closed")
        static let runMissing = Code(name: "daemon.run-missing")
        static let policyUnreadable = Code(name: "daemon.policy-unreadable")
        static let policyMalformed = Code(name: "daemon.policy-malformed")
    }

    var code: Code
    var message: String
    var file: String
    var line: Int

    init(_ code: Code, _ message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    var description: String { "[\(code)] \(message)" }
}
