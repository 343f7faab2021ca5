import CSystemd

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A listening socket systemd opened for this process (a `ListenStream=` of the `.socket` unit).
public struct ActivatedSocket: Sendable, Hashable {
    /// Already bound and listening; marked close-on-exec, so spawned workers do not inherit it.
    public var fd: Int32
    /// The unit's `FileDescriptorName=`, or systemd's default `unknown` when it has none.
    public var name: String

    public init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }
}

/// Socket activation (`sd_listen_fds(3)`): the control socket can exist before the daemon runs,
/// so clients connecting early wait in the backlog instead of failing.
public enum SocketActivation {
    /// The sockets passed through `LISTEN_FDS`/`LISTEN_PID`/`LISTEN_FDNAMES`, in order.
    ///
    /// The three variables are unset as they are read: workers forked from this process must not
    /// mistake them for their own. Calling this a second time therefore returns nothing, and so
    /// does a process whose `LISTEN_PID` is not its own.
    public static func takeListeningSockets() -> [ActivatedSocket] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = sd_listen_fds_with_names(1, &names)
        defer {
            if let names {
                var index = 0
                while let name = names[index] {
                    free(name)
                    index += 1
                }
                free(names)
            }
        }
        guard count > 0 else { return [] }
        return (0..<Int(count)).map { index in
            let name = names?[index].map { String(cString: $0) } ?? "unknown"
            return ActivatedSocket(fd: SD_LISTEN_FDS_START + Int32(index), name: name)
        }
    }
}
