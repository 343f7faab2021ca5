import NIOConcurrencyHelpers

/// Caps open control connections per user, so one runaway script can't starve everyone else.
final class ConnectionLimiter: Sendable {
    private static let lastConnectionID = NIOLockedValueBox<UInt64>(0)

    /// A number no other control connection of this process has had.
    static func nextConnectionID() -> UInt64 {
        lastConnectionID.withLockedValue { id in
            id += 1
            return id
        }
    }

    private let counts = NIOLockedValueBox<[UInt32: Int]>([:])
    private let limitBox: NIOLockedValueBox<Int>

    init(limit: Int) {
        limitBox = NIOLockedValueBox(limit)
    }

    var limit: Int { limitBox.withLockedValue { $0 } }

    func setLimit(_ limit: Int) { limitBox.withLockedValue { $0 = limit } }

    func open(uid: UInt32) -> Bool {
        let limit = self.limit
        return counts.withLockedValue { counts in
            let current = counts[uid, default: 0]
            guard current < limit else { return false }
            counts[uid] = current + 1
            return true
        }
    }

    func close(uid: UInt32) {
        counts.withLockedValue { counts in
            let remaining = counts[uid, default: 1] - 1
            counts[uid] = remaining > 0 ? remaining : nil
        }
    }
}
