/// A run's snapshot in Prometheus's text exposition format (version 0.0.4), for node_exporter's
/// textfile collector: `cadre_` names with base-unit suffixes, every snapshot figure a gauge,
/// `_total` only on the one counter (runs finished, which only grows). No timestamps: the
/// collector refuses them. `cadred` writes it after every run and `cadrectl report --prometheus`
/// writes the same text, so there is one renderer.
public struct PrometheusExposition: Sendable {
    public var runID: Int64
    /// Epoch seconds.
    public var asOf: Int64
    /// Points with a nil value (withheld from the reader) are left out.
    public var points: [MetricPoint]
    /// Finished runs by state (`succeeded`, `failed`), counted over the store's whole history.
    public var finishedRuns: [String: Int]
    /// Rules firing now, by severity.
    public var alertsFiring: [String: Int]

    public init(runID: Int64, asOf: Int64, points: [MetricPoint], finishedRuns: [String: Int], alertsFiring: [String: Int]) {
        self.runID = runID
        self.asOf = asOf
        self.points = points
        self.finishedRuns = finishedRuns
        self.alertsFiring = alertsFiring
    }

    public func text(definitions: [MetricDefinition] = SnapshotBuilder.definitions) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: [(String, String)], value: Double)]) {
            guard !samples.isEmpty else { return }
            out += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
            for sample in samples {
                let labels = sample.labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",")
                out += name + (labels.isEmpty ? "" : "{\(labels)}") + " " + Self.number(sample.value) + "\n"
            }
        }
        family("cadre_snapshot_run_id", "gauge", "Id of the run these figures come from.", [([], Double(runID))])
        family(
            "cadre_snapshot_as_of_timestamp_seconds", "gauge", "As-of time of that run, seconds since the Unix epoch.",
            [([], Double(asOf))])
        for definition in definitions {
            let samples = points.filter { $0.metric == definition.name }.compactMap { point -> ([(String, String)], Double)? in
                guard let value = point.value else { return nil }
                var labels = Self.scopeLabels(point.scope)
                if let skill = point.skill { labels.append(("skill", skill)) }
                return (labels, definition.prometheusValue(value))
            }
            family(definition.prometheusName, "gauge", definition.help, samples)
        }
        family(
            "cadre_runs_finished_total", "counter", "Pipeline runs finished, by final state.",
            finishedRuns.keys.sorted().map { ([("state", $0)], Double(finishedRuns[$0] ?? 0)) })
        family(
            "cadre_alerts_firing", "gauge", "Alert rules the latest run tripped, by severity.",
            AlertRule.Severity.allCases.map { ([("severity", $0.rawValue)], Double(alertsFiring[$0.rawValue] ?? 0)) })
        return out
    }

    static func scopeLabels(_ scope: String) -> [(String, String)] {
        switch MetricScope.parse(scope) {
        case ("team", let id)?: [("scope", "team"), ("team", id)]
        case ("role-level", let id)?: [("scope", "role_level"), ("role_level", id)]
        default: [("scope", scope)]
        }
    }

    /// Integers without a fraction; everything else as Swift's shortest round-trip form, which
    /// Prometheus's float parser reads back to the same bits.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Label values escape backslash, double quote and newline; HELP text only the first and last.
    static func escapeLabel(_ text: String, quotes: Bool = true) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"" where quotes: out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func escapeHelp(_ text: String) -> String { escapeLabel(text, quotes: false) }
}
