#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Ctrl-C during an import: the handler only records it, and the import checks between calls, so
/// it can tell cadred to drop what it staged (AbortImport) instead of leaving a half-sent file
/// behind until the daemon's idle limit.
enum Interruption {
    private static let requested = Atomic<Bool>(false)

    static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Installs the handler without `SA_RESTART`, so a wait for input (stdin) returns `EINTR`.
    static func catchInterrupts() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interruption.requested.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
    }
}
