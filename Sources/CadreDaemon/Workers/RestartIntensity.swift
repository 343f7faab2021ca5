/// OTP's restart intensity: at most `limit` restarts within `period`. One more means something is
/// wrong that restarting won't fix, and the supervisor should give up so systemd's
/// `Restart=on-failure` (with its own StartLimit) takes over.
struct RestartIntensity: Sendable {
    let limit: Int
    let period: Duration
    private var restarts: [ContinuousClock.Instant] = []

    init(limit: Int, period: Duration) {
        self.limit = limit
        self.period = period
    }

    /// Records a restart at `now`; false when it exceeds the intensity.
    mutating func allow(at now: ContinuousClock.Instant) -> Bool {
        restarts.removeAll { now - $0 > period }
        restarts.append(now)
        return restarts.count <= limit
    }
}
