import Synchronization

/// Caps open control connections per user, so one runaway script can't starve everyone else.
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

    init(limit: Int) {
        limitBox = Mutex(limit)
    }

    var limit: Int { limitBox.withLock { $0 } }

    func setLimit(_ limit: Int) { limitBox.withLock { $0 = limit } }

    func open(uid: UInt32) -> Bool {
        let limit = self.limit
        return counts.withLock { counts in
            let current = counts[uid, default: 0]
            guard current < limit else { return false }
            counts[uid] = current + 1
            return true
        }
    }

    func close(uid: UInt32) {
        counts.withLock { counts in
            let remaining = counts[uid, default: 1] - 1
            counts[uid] = remaining > 0 ? remaining : nil
        }
    }
}
