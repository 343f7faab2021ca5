#if canImport(Glibc)
import Glibc
#endif

/// How the daemon's file descriptors are shared out, so that clients can never take the ones the
/// supervisor needs: each worker's bus connection and the pipes of a respawn, the store's SQLite
/// files (the writer, the readers' pool, WAL and shared memory, an import's staging file), the
/// journal and the control socket itself.
///
/// At start the soft `RLIMIT_NOFILE` is raised to the hard limit (`LimitNOFILE=` in the unit).
/// Of that, `reserved` descriptors are the daemon's own; the rest is the ceiling of open control
/// connections, at which the socket stops accepting (`AcceptThrottle`) instead of failing
/// `accept` with `EMFILE` in a loop. Below the ceiling, `exemptHeadroom` connections are kept for
/// root and the daemon's own user, so that `maximumConnections` (everyone else together) is at
/// most `ceiling − exemptHeadroom`.
struct DescriptorBudget: Sendable, Equatable {
    static let reserved = 256
    static let exemptHeadroom = 64

    /// The soft descriptor limit in force.
    let descriptorLimit: Int
    /// Open control connections at which accepting stops.
    let ceiling: Int
    /// Connections of non-exempt users together.
    let maximumConnections: Int

    init(descriptorLimit: Int, configuredMaximum: Int) {
        self.descriptorLimit = descriptorLimit
        ceiling = max(descriptorLimit - Self.reserved, 2)
        maximumConnections = max(1, min(configuredMaximum, ceiling - Self.exemptHeadroom))
    }

    /// Raises the soft `RLIMIT_NOFILE` to the hard limit and returns the soft limit in force (the
    /// old one if raising failed; `errorDescription` says why).
    static func raiseDescriptorLimit() -> (limit: Int, errorDescription: String?) {
        var limits = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 else {
            return (1024, "getrlimit: \(String(cString: strerror(errno)))")
        }
        // RLIM_INFINITY (all ones) is not a descriptor count; nr_open (1 << 20 by default) bounds it anyway.
        let wanted = limits.rlim_max == rlim_t.max ? rlim_t(1 << 20) : limits.rlim_max
        guard limits.rlim_cur < wanted else { return (Int(limits.rlim_cur), nil) }
        let old = limits.rlim_cur
        limits.rlim_cur = wanted
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 else {
            return (Int(old), "setrlimit to \(wanted): \(String(cString: strerror(errno)))")
        }
        return (Int(wanted), nil)
    }
}
