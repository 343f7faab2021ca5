#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Caps open control connections per user, so one runaway script can't starve everyone else, and
/// of all users together, so that many users can't exhaust the daemon's descriptors
/// (`DescriptorBudget`).
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

    private struct Counts {
        var byUser: [UInt32: Int] = [:]
        var total = 0
        var limit: Int
        var globalLimit: Int
    }

    private let counts: Mutex<Counts>
    let exempt: Set<UInt32>

    init(limit: Int, globalLimit: Int = .max, exempt: Set<UInt32> = [0, geteuid()]) {
        counts = Mutex(Counts(limit: limit, globalLimit: globalLimit))
        self.exempt = exempt
    }

    var limit: Int { counts.withLock { $0.limit } }
    var globalLimit: Int { counts.withLock { $0.globalLimit } }

    func setLimit(_ limit: Int) { counts.withLock { $0.limit = limit } }
    func setGlobalLimit(_ limit: Int) { counts.withLock { $0.globalLimit = limit } }

    /// Why a connection was refused: the limit it met.
    enum Refusal: Equatable {
        case user(limit: Int)
        case everyone(limit: Int)

        var limit: Int {
            switch self {
            case .user(let limit), .everyone(let limit): limit
            }
        }
    }

    /// Counts one more connection of `uid` until `close(uid:)`, or says which limit refuses it.
    func admit(uid: UInt32) -> Refusal? {
        guard !exempt.contains(uid) else { return nil }
        return counts.withLock { counts in
            let current = counts.byUser[uid, default: 0]
            guard current < counts.limit else { return .user(limit: counts.limit) }
            guard counts.total < counts.globalLimit else { return .everyone(limit: counts.globalLimit) }
            counts.byUser[uid] = current + 1
            counts.total += 1
            return nil
        }
    }

    /// Whether `uid` may open one more connection; if so it is counted until `close(uid:)`.
    func open(uid: UInt32) -> Bool { admit(uid: uid) == nil }

    func close(uid: UInt32) {
        guard !exempt.contains(uid) else { return }
        counts.withLock { counts in
            guard let current = counts.byUser[uid] else { return }
            counts.byUser[uid] = current > 1 ? current - 1 : nil
            counts.total -= 1
        }
    }

    /// Connections of non-exempt users now.
    var total: Int { counts.withLock { $0.total } }

    /// Connections counted against `uid` now.
    func count(uid: UInt32) -> Int { counts.withLock { $0.byUser[uid, default: 0] } }
}
