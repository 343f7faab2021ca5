import CSystemd

/// The service watchdog systemd arms with `WatchdogSec=`.
public enum Watchdog {
    /// The interval within which systemd expects `WATCHDOG=1`, or `nil` when no watchdog is armed
    /// for this process (including when `WATCHDOG_PID` names another process, such as the
    /// supervisor of a worker that inherited the environment).
    ///
    /// Ping at half of it, as sd_watchdog_enabled(3) advises, so one late tick is not fatal.
    public static func interval() -> Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(clamping: microseconds))
    }
}
