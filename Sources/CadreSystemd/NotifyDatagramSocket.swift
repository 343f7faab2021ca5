#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The datagram socket notifications go out on: opened once, non-blocking, to the address in
/// `NOTIFY_SOCKET` (a path, or `@name` in the abstract namespace, as `sd_notify(3)` reads it).
///
/// `sd_notify` opens a blocking socket per message, so a service manager whose queue is full
/// (`net.unix.max_dgram_qlen` datagrams unread) stops the caller inside `sendmsg` — the
/// supervisor, and every call waiting for it. Here a send never waits: it either goes or says
/// the queue is full.
final class NotifyDatagramSocket: Sendable {
    enum Outcome: Equatable {
        case sent
        /// The manager's queue (or this socket's send buffer) is full: try again later.
        case full
        /// Anything else (no listener, the address gone): nothing later will fix it.
        case failed(Int32)
    }

    private let fd: Int32
    private let address: sockaddr_un
    private let addressLength: socklen_t

    /// Nil when `notifySocket` is not an AF_UNIX address (`vsock:` managers are not supported: the
    /// unit allows AF_UNIX only) or no socket can be opened.
    init?(notifySocket: String) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(notifySocket.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2
        switch bytes.first {
        case UInt8(ascii: "/"):
            guard bytes.count < capacity else { return nil }
            addressLength = socklen_t(pathOffset + bytes.count + 1)
        case UInt8(ascii: "@"):
            // Abstract: a leading NUL, then the name; the length counts no terminator.
            bytes[0] = 0
            guard bytes.count <= capacity else { return nil }
            addressLength = socklen_t(pathOffset + bytes.count)
        default:
            return nil
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        self.address = address
        let type = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        fd = socket(AF_UNIX, type, 0)
        guard fd >= 0 else { return nil }
    }

    deinit { close(fd) }

    func send(_ message: String) -> Outcome {
        var bytes = Array(message.utf8)
        var address = self.address
        while true {
            let sent = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, &bytes, bytes.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL), $0, addressLength)
                }
            }
            if sent >= 0 { return .sent }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK, ENOBUFS: return .full
            case let code: return .failed(code)
            }
        }
    }
}
