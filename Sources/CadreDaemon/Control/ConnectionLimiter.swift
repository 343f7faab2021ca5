#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Caps open control connections per user, so one runaway script can't starve everyone else.
///
/// Root and the daemon's own user are exempt: they are the ones who must always be able to reach
/// a daemon in trouble (`cadrectl status`, a reload, a stop), and both can stop or reconfigure
/// the service anyway, so a cap would protect nothing from them. Their connections are not
/// counted at all.
final class ConnectionLimiter: Sendable {
    private static let lastConnectionID = Mutex<UInt64>(0)

    /// A number no other control connection of this process has had.
    static func nextConnectionID() -> UInt64 {
        lastConnectionID.withLock { id in
            id += 1
            return id
        }
    }

    private let counts = Mutex<[UInt32: Int]>([:])
    private let limitBox: Mutex<Int>
    let exempt: Set<UInt32>

    init(limit: Int, exempt: Set<UInt32> = [0, geteuid()]) {
        limitBox = Mutex(limit)
        self.exempt = exempt
    }

    var limit: Int { limitBox.withLock { $0 } }

    func setLimit(_ limit: Int) { limitBox.withLock { $0 = limit } }

    /// Whether `uid` may open one more connection; if so it is counted until `close(uid:)`.
    func open(uid: UInt32) -> Bool {
        guard !exempt.contains(uid) else { return true }
        let limit = self.limit
        return counts.withLock { counts in
            let current = counts[uid, default: 0]
            guard current < limit else { return false }
            counts[uid] = current + 1
            return true
        }
    }

    func close(uid: UInt32) {
        guard !exempt.contains(uid) else { return }
        counts.withLock { counts in
            let remaining = counts[uid, default: 1] - 1
            counts[uid] = remaining > 0 ? remaining : nil
        }
    }

    /// Connections counted against `uid` now.
    func count(uid: UInt32) -> Int { counts.withLock { $0[uid, default: 0] } }
}
