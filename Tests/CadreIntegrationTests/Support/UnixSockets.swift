#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Fills a `sockaddr_un` for `path` and runs `body` with it.
func withUnixAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> T) throws -> T {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw TestFailure("socket path too long: \(path)") }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        raw.copyBytes(from: bytes)
        raw[bytes.count] = 0
    }
    return try withUnsafePointer(to: &address) {
        try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            try body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }
}

/// A raw stream connection to a varlink socket: sends bytes, reads NUL-terminated messages. Kept
/// deliberately low-level so tests can also send what no well-behaved client would.
final class RawVarlinkConnection {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(path: String, timeoutSeconds: Int = 30) throws {
        // The descriptor becomes the connection's only once connected: a class whose stored
        // properties are all set runs deinit when its init throws, and closing a number twice
        // closes whatever another test opened under it meanwhile (seen as EBADF elsewhere).
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket: \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result: Int32
        do {
            result = try withUnixAddress(path) { connect(descriptor, $0, $1) }
        } catch {
            close(descriptor)
            throw error
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw TestFailure("connect \(path): errno \(code)")
        }
        fd = descriptor
    }

    deinit { close(fd) }

    func send(raw bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw TestFailure("write failed: errno \(errno)") }
            offset += written
        }
    }

    func send(_ call: VarlinkCall) throws {
        try send(raw: try VarlinkCodec.encode(call))
    }

    /// The next message, or nil when the peer closed the connection.
    func receive() throws -> VarlinkReply? {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                return try VarlinkCodec.decodeReply(message)
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = read(fd, &chunk, chunk.count)
            // A peer that closes with our bytes unread resets the connection: closed all the same.
            if count == 0 || (count < 0 && errno == ECONNRESET) { return nil }
            guard count > 0 else { throw TestFailure("read failed: errno \(errno)") }
            buffer += chunk.prefix(count)
        }
    }

    func call(_ method: String, _ parameters: JSONValue? = nil) throws -> VarlinkReply {
        try send(VarlinkCall(method: method, parameters: parameters))
        guard let reply = try receive() else { throw TestFailure("connection closed before the reply to \(method)") }
        return reply
    }

    func call<P: Encodable, R: Decodable>(_ method: Workforce.Method, _ parameters: P, as type: R.Type) throws -> R {
        let reply = try call(method.qualifiedName, try WireJSON.value(parameters))
        if let error = reply.error { throw TestFailure("\(method.rawValue) failed: \(error) \(reply.parameters ?? .null)") }
        return try reply.decodeParameters(as: type)
    }
}

/// A bound `AF_UNIX` datagram socket standing in for systemd's notify socket.
final class NotifyListener {
    let path: String
    let fd: Int32

    init(path: String) throws {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        let result = try withUnixAddress(path) { bind(fd, $0, $1) }
        guard result == 0 else { throw TestFailure("bind \(path): errno \(errno)") }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Turns the listener into a service manager that has stopped reading: a tiny receive buffer
    /// and datagrams queued until the kernel refuses more. Returns how many went in.
    func fill() throws -> Int {
        var size: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        let sender = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard sender >= 0 else { throw TestFailure("socket: \(errno)") }
        defer { close(sender) }
        var filled = 0
        while try withUnixAddress(path, { sendto(sender, "filler", 6, Int32(MSG_DONTWAIT), $0, $1) }) >= 0 { filled += 1 }
        guard errno == EAGAIN else { throw TestFailure("filling stopped on errno \(errno)") }
        return filled
    }

    /// The next datagram, or nil after `timeout`.
    func next(timeout: Duration) -> String? {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&descriptor, 1, milliseconds) == 1 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &bytes, bytes.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: bytes.prefix(count), as: UTF8.self)
    }

    /// Reads and forgets what is queued, so the sender's next messages find room.
    func drain() {
        while next(timeout: .milliseconds(100)) != nil {}
    }

    /// Datagrams until one contains `needle` (returned last), or throws after `timeout`.
    func waitFor(_ needle: String, timeout: Duration) throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        var seen: [String] = []
        while ContinuousClock.now < deadline {
            guard let message = next(timeout: deadline - ContinuousClock.now) else { break }
            seen.append(message)
            if message.contains(needle) { return seen }
        }
        throw TestFailure("no notify message containing \(needle) within \(timeout); saw \(seen)")
    }
}
