import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The one place the daemon's processes choose their log handler.
public enum CadreLogging {
    /// Installs the handler for `target` as swift-log's factory, at `level`.
    ///
    /// swift-log allows one bootstrap per process and traps on a second; this records the first
    /// call and ignores later ones, so a supervisor and the worker code it shares can both call it.
    public static func bootstrap(target: LogTarget, identifier: String, level: Logger.Level) {
        guard once.claim() else { return }
        LoggingSystem.bootstrap { label in
            switch target {
            case .journal:
                var handler = JournalLogHandler(label: label, identifier: identifier)
                handler.logLevel = level
                return handler
            case .stderr:
                var handler = StderrLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }

    private static let once = OnceFlag()
}

/// A flag that exactly one caller can set.
final class OnceFlag: @unchecked Sendable {
    /// Heap-allocated: a pthread mutex must not move, and Swift may move stored properties.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var claimed = false

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// True for the first caller only.
    func claim() -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if claimed { return false }
        claimed = true
        return true
    }
}
