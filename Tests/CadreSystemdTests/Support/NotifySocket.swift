import Foundation
import Testing

/// A real `NOTIFY_SOCKET`: an AF_UNIX datagram socket bound to a path, as systemd listens on.
struct NotifySocket: ~Copyable {
    let fd: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        // `@name` is in the abstract namespace: a leading NUL, and a length without a terminator.
        var bytes = Array(path.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let length = abstract
            ? socklen_t((MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? 2) + bytes.count) : socklen_t(MemoryLayout<sockaddr_un>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length)
            }
        }
        try #require(bound == 0, "bind \(path): errno \(errno)")
    }

    deinit { close(fd) }

    /// Makes the socket a service manager that has stopped reading: a tiny receive buffer, and
    /// datagrams sent to it until the kernel refuses more. Returns how many went in.
    func fill() throws -> Int {
        var size: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        let sender = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        try #require(sender >= 0)
        defer { close(sender) }
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        try #require(named == 0)
        var filled = 0
        while true {
            let sent = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(sender, "filler", 6, Int32(MSG_DONTWAIT), $0, length)
                }
            }
            if sent < 0 { break }
            filled += 1
        }
        try #require(errno == EAGAIN, "filling stopped on errno \(errno)")
        return filled
    }

    /// Every datagram already queued, oldest first; waits up to `timeout` for the first one.
    func receiveAll(timeout: Duration = .seconds(5)) -> [String] {
        var messages: [String] = []
        var waitMilliseconds = Int32(timeout.components.seconds * 1000)
        while true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, waitMilliseconds) == 1 else { return messages }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count >= 0 else { return messages }
            messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
            waitMilliseconds = 0
        }
    }
}

func monotonicMicroseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
}
