#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// The far end of a real Unix stream socket for the blocking client's tests: it listens on a path
/// in a fresh temporary folder, accepts one connection on its own thread and plays a script on it
/// (read a call, write bytes, hang up), recording what the client sent.
final class ScriptedPeer: Sendable {
    let folder: String
    let path: String
    private let listener: Int32
    private let received = Mutex<[String]>([])
    private let done = Mutex(false)

    /// The calls the client sent, as text without their NUL, in order.
    var calls: [String] { received.withLock { $0 } }

    init() throws {
        var template = Array("/tmp/cadre-client-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PeerFailure("mkdtemp failed") }
        folder = String(cString: made)
        path = folder + "/peer.sock"
        listener = try Self.bind(path, listen: true)
    }

    deinit {
        close(listener)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Accepts one client and runs `script` with it on a thread of its own; the connection is
    /// closed when the script returns.
    func serve(_ script: @escaping @Sendable (PeerConnection) -> Void) {
        let listener = listener
        let thread = Thread { [self] in
            let descriptor = accept(listener, nil, nil)
            guard descriptor >= 0 else { return }
            script(PeerConnection(descriptor: descriptor, record: { call in self.received.withLock { $0.append(call) } }))
            close(descriptor)
            done.withLock { $0 = true }
        }
        thread.start()
    }

    /// Waits (up to 5 s) for the script to finish, so what it recorded is complete.
    func waitUntilDone() {
        let deadline = ContinuousClock.now + .seconds(5)
        while !done.withLock({ $0 }), ContinuousClock.now < deadline { usleep(1000) }
    }

    /// A socket file with nothing listening on it: bound, then closed.
    static func deadSocket(at path: String) throws {
        close(try bind(path, listen: false))
    }

    private static func bind(_ path: String, listen shouldListen: Bool) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PeerFailure("socket failed") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw PeerFailure("bind \(path) failed: errno \(errno)") }
        if shouldListen, listen(descriptor, 4) != 0 { throw PeerFailure("listen failed") }
        return descriptor
    }
}

/// One accepted connection, as the script sees it.
struct PeerConnection: Sendable {
    let descriptor: Int32
    let record: @Sendable (String) -> Void

    /// Reads one NUL-terminated call and records it; nil when the client hung up first.
    @discardableResult
    func readCall() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) == 1 {
            if byte == 0 {
                let call = String(decoding: bytes, as: UTF8.self)
                record(call)
                return call
            }
            bytes.append(byte)
        }
        return nil
    }

    /// Writes `text` in pieces of `pieceSize` bytes with a pause between them, so the client
    /// sees a reply arrive over several reads.
    func write(_ text: String, pieceSize: Int = .max) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + pieceSize)
            _ = bytes[offset..<end].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            offset = end
            if offset < bytes.count { usleep(2000) }
        }
    }
}

struct PeerFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
