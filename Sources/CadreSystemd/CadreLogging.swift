import Logging
import Synchronization

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
final class OnceFlag: Sendable {
    private let claimed = Mutex(false)

    /// True for the first caller only.
    func claim() -> Bool {
        claimed.withLock { claimed in
            defer { claimed = true }
            return !claimed
        }
    }
}
