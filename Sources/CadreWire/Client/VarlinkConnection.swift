#if canImport(Glibc)
import Glibc
#endif

/// A blocking varlink connection over a Unix stream socket: plain `socket`/`connect`/`send`/`read`,
/// no event loop, so a one-shot client (or a latency benchmark) pays for nothing but the
/// round trip. Calls are answered in order; one connection serves one caller at a time.
public final class VarlinkConnection {
    public let socketPath: String
    private let descriptor: Int32
    private var buffer: VarlinkMessageBuffer
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)

    /// Connects now, so an absent daemon is reported before anything else is attempted.
    public init(socketPath: String, maximumMessageLength: Int = 64 << 20) throws(VarlinkClientError) {
        self.socketPath = socketPath
        buffer = VarlinkMessageBuffer(maximumMessageLength: maximumMessageLength)
        descriptor = try Self.connect(to: socketPath)
    }

    deinit {
        close(descriptor)
    }

    /// For `poll` over several connections.
    public var fileDescriptor: Int32 { descriptor }

    // MARK: calls

    /// One call, one reply. A varlink `error` reply throws `VarlinkRemoteError`; a broken connection
    /// throws `VarlinkClientError`.
    public func call<Parameters: Encodable, Result: Decodable>(
        _ method: String, _ parameters: Parameters, as type: Result.Type
    ) throws -> Result {
        try send(method, parameters)
        guard let reply = try receive(type, timeoutMilliseconds: -1) else {
            throw VarlinkClientError(.closed, socketPath: socketPath, "no reply to \(method)")
        }
        return try reply.get()
    }

    /// A call whose result is kept as loose JSON, for clients that print what the daemon sent.
    public func call<Parameters: Encodable>(_ method: String, _ parameters: Parameters) throws -> JSONValue {
        try call(method, parameters, as: JSONValue.self)
    }

    /// A `more` call: `body` sees each reply until the last one (no `continues`), or until it
    /// returns false. An error reply ends the stream by throwing.
    public func stream<Parameters: Encodable, Result: Decodable>(
        _ method: String, _ parameters: Parameters, as type: Result.Type, _ body: (Result) throws -> Bool
    ) throws {
        try send(method, parameters, more: true)
        while true {
            guard let reply = try receive(type, timeoutMilliseconds: -1) else {
                throw VarlinkClientError(.closed, socketPath: socketPath, "the stream of \(method) ended without a last reply")
            }
            guard try body(reply.get()), reply.continues else { return }
        }
    }

    // MARK: messages

    /// Writes one call without waiting for its reply (a stream's first step, or pipelining).
    public func send<Parameters: Encodable>(_ method: String, _ parameters: Parameters, more: Bool = false) throws(VarlinkClientError) {
        let bytes: [UInt8]
        do {
            bytes = try VarlinkCallEnvelope(method: method, parameters: parameters, more: more ? true : nil).encoded()
        } catch {
            throw VarlinkClientError(.malformed, socketPath: socketPath, "cannot encode the parameters of \(method): \(error)")
        }
        try send(bytes)
    }

    /// Writes bytes that already hold whole NUL-terminated messages.
    public func send(_ bytes: [UInt8]) throws(VarlinkClientError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.send(descriptor, base + written, raw.count - written, Int32(MSG_NOSIGNAL))
            }
            if count < 0 {
                let error = errno
                if error == EINTR { continue }
                if error == EPIPE || error == ECONNRESET {
                    throw VarlinkClientError(.closed, socketPath: socketPath, systemError: error, "cadred closed the connection")
                }
                throw systemError("send", error)
            }
            written += count
        }
    }

    /// The next reply decoded as `Result` (or its error), or `nil` when `timeoutMilliseconds` passed
    /// first (-1 waits for ever). A hang-up throws `.closed`.
    public func receive<Result: Decodable>(
        _ type: Result.Type, timeoutMilliseconds: Int32
    ) throws(VarlinkClientError) -> VarlinkTypedReply<Result>? {
        guard let message = try receiveMessage(timeoutMilliseconds: timeoutMilliseconds) else { return nil }
        do {
            return try VarlinkTypedReply<Result>(received: message)
        } catch {
            let text = String(decoding: message.prefix(200), as: UTF8.self)
            throw VarlinkClientError(.malformed, socketPath: socketPath, "unexpected reply \(text): \(error)")
        }
    }

    /// The next whole message without its NUL, or `nil` on timeout.
    public func receiveMessage(timeoutMilliseconds: Int32 = -1) throws(VarlinkClientError) -> [UInt8]? {
        while true {
            do {
                if let message = try buffer.nextMessage() { return message }
            } catch {
                throw VarlinkClientError(
                    .messageTooLong, socketPath: socketPath,
                    "a reply passed \(error.limit) bytes without its terminator")
            }
            if timeoutMilliseconds >= 0, try !waitReadable(timeoutMilliseconds) { return nil }
            let count = scratch.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(descriptor, base, raw.count)
            }
            if count < 0 {
                let error = errno
                if error == EINTR { continue }
                if error == ECONNRESET {
                    throw VarlinkClientError(.closed, socketPath: socketPath, systemError: error, "cadred reset the connection")
                }
                throw systemError("read", error)
            }
            if count == 0 {
                let how = buffer.hasPartialMessage ? " in the middle of a reply" : ""
                throw VarlinkClientError(.closed, socketPath: socketPath, "cadred closed the connection\(how)")
            }
            buffer.append(scratch[0..<count])
        }
    }

    private func waitReadable(_ timeoutMilliseconds: Int32) throws(VarlinkClientError) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&entry, 1, timeoutMilliseconds)
            if ready >= 0 { return ready > 0 }
            let error = errno
            if error != EINTR { throw systemError("poll", error) }
        }
    }

    private func systemError(_ call: String, _ error: Int32) -> VarlinkClientError {
        VarlinkClientError(.system, socketPath: socketPath, systemError: error, "\(call): \(String(cString: strerror(error)))")
    }

    // MARK: connecting

    private static func connect(to path: String) throws(VarlinkClientError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let pathBytes = Array(path.utf8)
        guard !pathBytes.isEmpty, pathBytes.count < capacity else {
            throw VarlinkClientError(
                .notReachable, socketPath: path, "a socket path must be 1 to \(capacity - 1) bytes long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            let error = errno
            throw VarlinkClientError(.system, socketPath: path, systemError: error, "socket: \(String(cString: strerror(error)))")
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + 1)
        var result: Int32
        repeat {
            result = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, length) }
            }
        } while result < 0 && errno == EINTR
        guard result == 0 else {
            let error = errno
            close(descriptor)
            throw connectError(error, path: path)
        }
        return descriptor
    }

    private static func connectError(_ error: Int32, path: String) -> VarlinkClientError {
        switch error {
        case ENOENT, ENOTDIR:
            return VarlinkClientError(.notReachable, socketPath: path, systemError: error, "no socket file")
        case ECONNREFUSED:
            return VarlinkClientError(.notReachable, socketPath: path, systemError: error, "nothing is listening (connection refused)")
        case EACCES, EPERM:
            return VarlinkClientError(.socketPermission, socketPath: path, systemError: error, "permission denied")
        default:
            return VarlinkClientError(
                .system, socketPath: path, systemError: error, "connect: \(String(cString: strerror(error)))")
        }
    }
}
