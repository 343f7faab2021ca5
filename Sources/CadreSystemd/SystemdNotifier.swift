import CSystemd

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Tells the service manager what the daemon is doing (`sd_notify(3)`).
///
/// A `Type=notify` unit counts as started only when `READY=1` arrives, `systemctl status` shows
/// the last `STATUS=` line, and `WatchdogSec=` restarts the service when `WATCHDOG=1` stops
/// coming. Outside systemd (no `NOTIFY_SOCKET`) every call does nothing, so callers never branch.
///
/// Notifications are best effort, as in systemd's own daemons: a lost datagram must not take the
/// daemon down, so send failures are not reported.
public struct SystemdNotifier: Sendable {
    /// Whether the service manager asked for notifications (`NOTIFY_SOCKET` is set).
    public var isEnabled: Bool

    /// Reads `NOTIFY_SOCKET` now; libsystemd reads it again on every send, so the variable must
    /// stay set (it is not unset here, because the daemon keeps notifying for its whole life).
    public init() {
        isEnabled = getenv("NOTIFY_SOCKET") != nil
    }

    /// The service is up: systemd starts units ordered after it and `systemctl start` returns.
    public func ready(status: String) {
        send(["READY=1", Self.statusLine(status)])
    }

    /// A line a person reads in `systemctl status`.
    public func status(_ text: String) {
        send([Self.statusLine(text)])
    }

    /// Keep-alive for `WatchdogSec=`; send it at half of ``Watchdog/interval()``.
    public func watchdog() {
        send(["WATCHDOG=1"])
    }

    /// The daemon has begun an orderly shutdown.
    public func stopping(status: String) {
        send(["STOPPING=1", Self.statusLine(status)])
    }

    /// The daemon has begun reloading its configuration; send ``ready(status:)`` when done.
    ///
    /// `MONOTONIC_USEC=` is what `Type=notify-reload` (systemd 253+) uses to match the reload to
    /// this notification; older managers ignore the field.
    public func reloading(status: String) {
        send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())", Self.statusLine(status)])
    }

    /// Asks for more time than `TimeoutStartSec=`/`TimeoutStopSec=` grant, for a slow start or stop.
    public func extendTimeout(_ duration: Duration) {
        send(["EXTEND_TIMEOUT_USEC=\(Self.microseconds(duration))"])
    }

    func send(_ assignments: [String]) {
        guard isEnabled else { return }
        _ = sd_notify(0, assignments.joined(separator: "\n"))
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
