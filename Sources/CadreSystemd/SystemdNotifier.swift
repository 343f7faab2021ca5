#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// Tells the service manager what the daemon is doing (the `sd_notify(3)` protocol).
///
/// A `Type=notify` unit counts as started only when `READY=1` arrives, `systemctl status` shows
/// the last `STATUS=` line, and `WatchdogSec=` restarts the service when `WATCHDOG=1` stops
/// coming. Outside systemd (no `NOTIFY_SOCKET`) every call does nothing, so callers never branch.
///
/// No call ever blocks: a service manager that does not read its socket must not freeze the
/// supervisor that notifies it. Each message is sent at once without waiting; when the manager's
/// queue is full,
/// - a `STATUS=` line or a `WATCHDOG=1` is dropped and counted (the next one supersedes it; the
///   latest dropped status rides along with the next message that goes out);
/// - a state change (`READY=1`, `STOPPING=1`, `RELOADING=1`, `EXTEND_TIMEOUT_USEC=`) is never
///   dropped silently: it is queued and retried, in order, by a task of its own for up to
///   `retryWindow`, and counted as lost only after that.
public final class SystemdNotifier: Sendable {
    /// Whether the service manager asked for notifications (`NOTIFY_SOCKET` is set).
    public let isEnabled: Bool
    /// How long a state change is retried while the manager's queue stays full.
    public let retryWindow: Duration
    private let socket: NotifyDatagramSocket?
    private let state = Mutex(State())

    private struct State {
        /// State changes waiting for room, oldest first; a retry task runs while it is not empty.
        var pending: [String] = []
        /// The latest status line that could not go out, sent with the next message that does.
        var droppedStatus: String?
        var dropped = 0
        var lost = 0
    }

    /// Reads `NOTIFY_SOCKET` now and opens the socket once.
    public convenience init() {
        self.init(notifySocket: getenv("NOTIFY_SOCKET").map { String(cString: $0) })
    }

    /// Notifies `notifySocket` (a path, or `@name` for the abstract namespace); nil disables.
    public init(notifySocket: String?, retryWindow: Duration = .seconds(30)) {
        isEnabled = notifySocket != nil
        socket = notifySocket.flatMap(NotifyDatagramSocket.init(notifySocket:))
        self.retryWindow = retryWindow
    }

    /// Status lines and keep-alives dropped because the manager's queue was full.
    public var droppedCount: Int { state.withLock { $0.dropped } }

    /// State changes that could not be delivered within `retryWindow` (or not at all).
    public var lostCount: Int { state.withLock { $0.lost } }

    /// The service is up: systemd starts units ordered after it and `systemctl start` returns.
    public func ready(status: String) {
        deliver(["READY=1", Self.statusLine(status)])
    }

    /// A line a person reads in `systemctl status`.
    public func status(_ text: String) {
        offer(Self.statusLine(text), status: Self.statusLine(text))
    }

    /// Keep-alive for `WatchdogSec=`; send it at half of ``Watchdog/interval()``.
    public func watchdog() {
        offer("WATCHDOG=1", status: nil)
    }

    /// The daemon has begun an orderly shutdown.
    public func stopping(status: String) {
        deliver(["STOPPING=1", Self.statusLine(status)])
    }

    /// The daemon has begun reloading its configuration; send ``ready(status:)`` when done.
    ///
    /// `MONOTONIC_USEC=` is what `Type=notify-reload` (systemd 253+) uses to match the reload to
    /// this notification; older managers ignore the field.
    public func reloading(status: String) {
        deliver(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())", Self.statusLine(status)])
    }

    /// Asks for more time than `TimeoutStartSec=`/`TimeoutStopSec=` grant, for a slow start or stop.
    public func extendTimeout(_ duration: Duration) {
        deliver(["EXTEND_TIMEOUT_USEC=\(Self.microseconds(duration))"])
    }

    /// A message that may be dropped when there is no room: `status` is its status line, if any.
    private func offer(_ message: String, status: String?) {
        guard isEnabled else { return }
        state.withLock { state in
            // Behind a queued state change, a send now would overtake it.
            if state.pending.isEmpty {
                let carried = state.droppedStatus.map { message.hasPrefix("STATUS=") ? message : "\(message)\n\($0)" } ?? message
                switch socket?.send(carried) {
                case .sent?:
                    state.droppedStatus = nil
                    return
                case .failed?, nil:
                    return  // best effort, as sd_notify: nothing later would fix it
                case .full?:
                    break
                }
            }
            state.dropped += 1
            if let status { state.droppedStatus = status }
        }
    }

    /// A state change: sent now, or queued and retried in order off the caller.
    private func deliver(_ assignments: [String]) {
        guard isEnabled else { return }
        let message = assignments.joined(separator: "\n")
        let startRetrying = state.withLock { state -> Bool in
            if state.pending.isEmpty {
                switch socket?.send(message) {
                case .sent?:
                    if assignments.contains(where: { $0.hasPrefix("STATUS=") }) { state.droppedStatus = nil }
                    return false
                case .failed?, nil:
                    state.lost += 1
                    return false
                case .full?:
                    break
                }
            }
            state.pending.append(message)
            return state.pending.count == 1
        }
        if startRetrying {
            Task.detached { [self] in await retryPending() }
        }
    }

    /// Sends the queued state changes in order, sleeping between tries while the queue is full.
    private func retryPending() async {
        var deadline = ContinuousClock.now + retryWindow
        var pause = Duration.milliseconds(5)
        while true {
            let outcome: NotifyDatagramSocket.Outcome? = state.withLock { state in
                guard let first = state.pending.first else { return nil }
                let outcome = socket?.send(first) ?? .failed(EBADF)
                if outcome != .full || ContinuousClock.now >= deadline {
                    state.pending.removeFirst()
                    if outcome != .sent { state.lost += 1 }
                }
                return outcome
            }
            switch outcome {
            case nil:
                return
            case .full?:
                try? await Task.sleep(for: pause)  // cancellation only shortens the pause
                pause = min(pause * 2, .milliseconds(500))
            case .sent?, .failed?:
                deadline = ContinuousClock.now + retryWindow
                pause = .milliseconds(5)
            }
        }
    }

    /// The notify protocol is newline separated: a newline inside a status would start a bogus
    /// assignment, so line breaks become spaces.
    static func statusLine(_ text: String) -> String {
        let oneLine = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .joined(separator: " ")
        return "STATUS=" + oneLine
    }

    static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let micros = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000)
        guard !micros.overflow else { return UInt64.max }
        return micros.partialValue &+ UInt64(max(0, attoseconds) / 1_000_000_000_000)
    }

    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
