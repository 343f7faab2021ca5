import Synchronization

/// What all control connections together hold for messages not yet handled: each message in
/// progress (`MessageBudget`) and each whole call waiting its turn (`VarlinkConnectionHandler`),
/// held to `maximumBufferedBytes`. A connection whose next bytes would pass it is closed and the
/// others are served on, so many peers each within their own limit cannot add up to more memory
/// than the daemon has. Root's and the daemon's own user's bytes are counted but never refused:
/// they are who must reach a daemon in trouble, as with `ConnectionLimiter`.
///
/// When the total falls back near nothing after a burst of at least `burst` bytes, the memory the
/// burst took is handed back to the kernel (`afterBurst`, `FreeMemory.release` in the daemon).
final class BufferedBytes: Sendable {
    /// A burst worth handing memory back for.
    static let burst = 1 << 20

    private struct Counts {
        var total = 0
        var limit: Int
        var peakSinceRelease = 0
    }

    private let counts: Mutex<Counts>
    private let afterBurst: @Sendable () -> Void

    init(limit: Int, afterBurst: @escaping @Sendable () -> Void = {}) {
        counts = Mutex(Counts(limit: limit))
        self.afterBurst = afterBurst
    }

    var limit: Int { counts.withLock { $0.limit } }
    var total: Int { counts.withLock { $0.total } }

    func setLimit(_ limit: Int) { counts.withLock { $0.limit = limit } }

    /// Counts `count` more bytes; false — and nothing counted — when they would pass the limit,
    /// unless the peer is `exempt`.
    func take(_ count: Int, exempt: Bool = false) -> Bool {
        counts.withLock { counts in
            guard exempt || counts.total + count <= counts.limit else { return false }
            counts.total += count
            counts.peakSinceRelease = max(counts.peakSinceRelease, counts.total)
            return true
        }
    }

    /// Stops counting `count` bytes.
    func give(_ count: Int) {
        guard count > 0 else { return }
        let drained = counts.withLock { counts in
            counts.total -= count
            guard counts.total <= Self.burst / 16, counts.peakSinceRelease >= Self.burst else { return false }
            counts.peakSinceRelease = 0
            return true
        }
        if drained { afterBurst() }
    }
}
