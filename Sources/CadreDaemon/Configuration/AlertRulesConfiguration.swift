import CadreEngine
import Yams

/// The `alertRules` section of `cadred.yaml`: a list of rules, each checked field by field, every
/// error located at its line and column, so a SIGHUP with a broken rule keeps the rules in force.
///
///     alertRules:
///       - name: readiness-floor        # unique; CADRE_ALERT_RULE
///         metric: readiness            # a snapshot metric (docs/MONITORING.md)
///         scope: org                   # org, team:ID or role-level:ROLE@RUNG (default org)
///         skill: python                # gap only: which skill
///         compare: value               # value (default) or change (since the previous run)
///         when: below                  # below, at-most, above, at-least
///         threshold: 0.6
///         severity: warning            # notice, warning (default), error, critical
enum AlertRulesConfiguration {
    static let keys: Set<String> = ["name", "metric", "scope", "skill", "compare", "when", "threshold", "severity"]

    static func parse(_ node: Node, file: String, errors: inout [InputError]) -> [AlertRule] {
        guard let sequence = node.sequence else {
            errors.append(locate(node, file, "alertRules", "config.bad-type", "expected a list of rules"))
            return []
        }
        var rules: [AlertRule] = []
        var names: Set<String> = []
        for (index, item) in sequence.enumerated() {
            let field = "alertRules[\(index)]"
            guard let mapping = item.mapping else {
                errors.append(locate(item, file, field, "config.bad-type", "expected a rule (a mapping)"))
                continue
            }
            var values: [String: Node] = [:]
            for (key, value) in mapping {
                let name = key.string ?? ""
                if keys.contains(name) {
                    values[name] = value
                } else {
                    errors.append(locate(
                        key, file, "\(field).\(name)", "config.unknown-key", "unknown field of an alert rule",
                        hint: "a rule has \(keys.sorted().joined(separator: ", "))"))
                }
            }
            let before = errors.count
            func text(_ key: String, required: Bool) -> String? {
                guard let node = values[key] else {
                    if required { errors.append(locate(item, file, "\(field).\(key)", "config.missing", "an alert rule needs \(key)")) }
                    return nil
                }
                guard let value = node.string, !value.isEmpty else {
                    errors.append(locate(node, file, "\(field).\(key)", "config.bad-type", "expected a non-empty string"))
                    return nil
                }
                return value
            }
            func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, default value: T?) -> T?
            where T.RawValue == String {
                guard let raw = text(key, required: value == nil) else { return value }
                guard let parsed = T(rawValue: raw) else {
                    errors.append(locate(
                        values[key] ?? item, file, "\(field).\(key)", "config.bad-value", "'\(raw)' is not one of "
                            + T.allCases.map(\.rawValue).joined(separator: ", ")))
                    return value
                }
                return parsed
            }
            let name = text("name", required: true)
            let metric = text("metric", required: true)
            let scope = text("scope", required: false) ?? MetricScope.organisation
            let skill = text("skill", required: false)
            let subject = choice("compare", AlertRule.Subject.self, default: .value)
            let comparison = choice("when", AlertRule.Comparison.self, default: nil)
            let severity = choice("severity", AlertRule.Severity.self, default: .warning)
            var threshold: Double?
            if let node = values["threshold"] {
                threshold = node.float ?? node.int.map(Double.init)
                if threshold?.isFinite != true {
                    errors.append(locate(node, file, "\(field).threshold", "config.bad-type", "expected a number"))
                }
            } else {
                errors.append(locate(item, file, "\(field).threshold", "config.missing", "an alert rule needs threshold"))
            }
            if let name, !names.insert(name).inserted {
                errors.append(locate(values["name"] ?? item, file, "\(field).name", "config.duplicate", "a second rule named '\(name)'"))
            }
            if let metric, SnapshotBuilder.definition(metric) == nil {
                errors.append(locate(
                    values["metric"] ?? item, file, "\(field).metric", "config.bad-value", "'\(metric)' is not a snapshot metric",
                    hint: "one of " + SnapshotBuilder.definitions.map(\.name).joined(separator: ", ")))
            }
            if MetricScope.parse(scope) == nil {
                errors.append(locate(
                    values["scope"] ?? item, file, "\(field).scope", "config.bad-value", "'\(scope)' is not a scope",
                    hint: "org, team:ID or role-level:ROLE@RUNG"))
            }
            if (metric == AssessmentMetrics.gap.name) != (skill != nil), metric != nil {
                errors.append(locate(
                    values["skill"] ?? item, file, "\(field).skill", "config.bad-value",
                    metric == AssessmentMetrics.gap.name ? "a gap rule needs the skill it watches" : "only a gap rule names a skill"))
            }
            guard errors.count == before, let name, let metric, let comparison, let threshold, let subject, let severity else {
                continue
            }
            rules.append(AlertRule(
                name: name, metric: metric, scope: scope, skill: skill, subject: subject, comparison: comparison,
                threshold: threshold, severity: severity))
        }
        return rules
    }

    private static func locate(
        _ node: Node, _ file: String, _ field: String, _ code: String, _ message: String, hint: String = ""
    ) -> InputError {
        InputError(
            .init(code), file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, field: field,
            message: message, hint: hint.isEmpty ? "see the alertRules section of docs/CONFIGURATION.md" : hint)
    }
}
