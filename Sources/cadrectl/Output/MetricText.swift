import CadreEngine
import Foundation

/// A metric's figure as people read it: shares as percentages, changes of shares in points,
/// money as the catalogue's minor units (cents), hours with two decimals.
enum MetricText {
    static func value(_ value: Double?, metric: String) -> String {
        guard let value else { return "withheld" }
        switch SnapshotBuilder.definition(metric)?.unit {
        case .ratio?: return Formatting.percent(value)
        case .count?, .money?: return String(Int64(value.rounded()))
        default: return Formatting.decimal(value)
        }
    }

    static func change(_ change: Double?, metric: String) -> String {
        guard let change else { return "n/a" }
        let sign = change > 0 ? "+" : change < 0 ? "−" : "±"
        switch SnapshotBuilder.definition(metric)?.unit {
        case .ratio?: return sign + String(format: "%.1f pts", abs(change) * 100)
        case .count?, .money?: return sign + String(Int64(abs(change).rounded()))
        default: return sign + Formatting.decimal(abs(change))
        }
    }

    /// `org` → `organisation`, `team:vision` → `team vision`.
    static func scope(_ scope: String) -> String {
        switch MetricScope.parse(scope) {
        case ("org", _)?: "organisation"
        case (let kind, let id)?: "\(kind) \(id)"
        default: scope
        }
    }

    /// Eight block characters from the series' minimum to its maximum; a withheld value is a
    /// space, a flat series the middle block.
    static func sparkline(_ values: [Double?]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        let known = values.compactMap { $0 }
        guard let low = known.min(), let high = known.max() else { return String(repeating: " ", count: values.count) }
        return String(values.map { value -> Character in
            guard let value else { return " " }
            guard high > low else { return blocks[3] }
            return blocks[min(7, Int(((value - low) / (high - low) * 7).rounded()))]
        })
    }
}
