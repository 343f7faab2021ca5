/// A line the organisation does not want its capability to cross, from the daemon's
/// configuration: a metric of a group compared — by its value, or by its change since the
/// previous run — with a threshold. Evaluated once per successful run against its snapshot.
public struct AlertRule: Hashable, Sendable {
    public enum Comparison: String, Hashable, Sendable, CaseIterable {
        /// value < threshold
        case below
        /// value ≤ threshold
        case atMost = "at-most"
        /// value > threshold
        case above
        /// value ≥ threshold
        case atLeast = "at-least"

        public func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .below: value < threshold
            case .atMost: value <= threshold
            case .above: value > threshold
            case .atLeast: value >= threshold
            }
        }
    }

    /// What is compared with the threshold.
    public enum Subject: String, Hashable, Sendable, CaseIterable {
        /// The run's value.
        case value
        /// The run's value minus the previous run's (negative when it fell).
        case change
    }

    /// How loudly a tripped rule is logged: the journal's PRIORITY follows it.
    public enum Severity: String, Hashable, Sendable, CaseIterable {
        case notice, warning, error, critical

        /// syslog's number, as `PRIORITY=` carries it.
        public var priority: Int {
            switch self {
            case .notice: 5
            case .warning: 4
            case .error: 3
            case .critical: 2
            }
        }
    }

    public var name: String
    public var metric: String
    public var scope: String
    public var skill: String?
    public var subject: Subject
    public var comparison: Comparison
    public var threshold: Double
    public var severity: Severity

    public init(
        name: String, metric: String, scope: String = MetricScope.organisation, skill: String? = nil,
        subject: Subject = .value, comparison: Comparison, threshold: Double, severity: Severity = .warning
    ) {
        self.name = name
        self.metric = metric
        self.scope = scope
        self.skill = skill
        self.subject = subject
        self.comparison = comparison
        self.threshold = threshold
        self.severity = severity
    }

    public var key: MetricKey { MetricKey(metric: metric, scope: scope, skill: skill) }

    /// The firing, if this run trips the rule. A metric the run lacks (a group that no longer
    /// exists, a phase without results), or a change without a previous value, trips nothing.
    public func evaluate(_ current: RunSnapshot, previous: RunSnapshot?) -> AlertFiring? {
        guard let value = current.value(of: key) else { return nil }
        let compared: Double
        switch subject {
        case .value:
            compared = value
        case .change:
            guard let before = previous?.value(of: key) else { return nil }
            compared = value - before
        }
        guard comparison.holds(compared, threshold) else { return nil }
        return AlertFiring(rule: self, runID: current.runID, value: value, compared: compared)
    }
}

/// A rule a run tripped, with what it saw.
public struct AlertFiring: Hashable, Sendable {
    public var rule: AlertRule
    public var runID: Int64
    /// The metric's value in the run.
    public var value: Double
    /// What was compared: the value, or its change since the previous run.
    public var compared: Double

    public init(rule: AlertRule, runID: Int64, value: Double, compared: Double) {
        self.rule = rule
        self.runID = runID
        self.value = value
        self.compared = compared
    }

    /// One line for `STATUS=`, `cadrectl status` and the journal's MESSAGE.
    public var summary: String {
        let what = rule.subject == .change ? "change of \(rule.key)" : "\(rule.key)"
        return "\(rule.name): \(what) \(Self.number(rule.subject == .change ? compared : value)) is \(rule.comparison.rawValue) \(Self.number(rule.threshold)) (run #\(runID))"
    }

    /// Short and exact enough for a status line: at most four decimals, no trailing zeros.
    public static func number(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(rounded)
    }
}

extension AlertRule {
    /// Every rule's firing for a run, in rule order.
    public static func evaluate(_ rules: [AlertRule], _ current: RunSnapshot, previous: RunSnapshot?) -> [AlertFiring] {
        rules.compactMap { $0.evaluate(current, previous: previous) }
    }
}
