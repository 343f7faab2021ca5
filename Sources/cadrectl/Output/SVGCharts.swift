import CadreEngine
import Foundation

/// The report's charts as inline SVG: no script, no font or style from outside, and they print.
enum SVGCharts {
    /// Teams (rows) × the organisation's top skill gaps (columns), one `rect.cell` per pair,
    /// darker for a larger `Σ importance · gap`. A team withheld from the reader is grey.
    static func heatMap(teams: [String], skills: [(id: String, name: String)], value: (String, String) -> Double?) -> String {
        let cell = 44, labelWidth = 160, headerHeight = 170
        let width = labelWidth + cell * skills.count + 180, height = headerHeight + cell * teams.count + 10
        let maximum = teams.flatMap { team in skills.compactMap { value(team, $0.id) } }.max() ?? 0
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="heat-map" role="img" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)" aria-label="Heat map of teams by the organisation's top skill gaps">

            """
        for (column, skill) in skills.enumerated() {
            let x = labelWidth + column * cell + cell / 2
            svg += "<text class=\"skill-label\" transform=\"translate(\(x),\(headerHeight - 6)) rotate(-45)\">\(HTML.escape(skill.name))</text>\n"
        }
        for (row, team) in teams.enumerated() {
            let y = headerHeight + row * cell
            svg += "<text class=\"team-label\" x=\"\(labelWidth - 8)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\">\(HTML.escape(team))</text>\n"
            for (column, skill) in skills.enumerated() {
                let x = labelWidth + column * cell
                let attributes = "class=\"cell\" data-team=\"\(HTML.escape(team))\" data-skill=\"\(HTML.escape(skill.id))\""
                guard let v = value(team, skill.id) else {
                    svg += "<rect \(attributes) x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"#d9d9d9\">"
                        + "<title>\(HTML.escape(team)) · \(HTML.escape(skill.name)): withheld (small team)</title></rect>\n"
                    continue
                }
                let share = maximum > 0 ? v / maximum : 0
                svg += "<rect \(attributes) x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(colour(share))\">"
                    + "<title>\(HTML.escape(team)) · \(HTML.escape(skill.name)): \(Formatting.decimal(v))</title></rect>\n"
                svg += "<text class=\"cell-value\" x=\"\(x + cell / 2 - 1)\" y=\"\(y + cell / 2 + 3)\" text-anchor=\"middle\" "
                    + "fill=\"\(share > 0.55 ? "#ffffff" : "#1a1a1a")\">\(compact(v))</text>\n"
            }
        }
        return svg + "</svg>"
    }

    /// A line of readiness over runs (0–100 %), one point per run, the report's run marked.
    static func trend(_ points: [(label: String, value: Double?)], marked: Int?) -> String {
        let width = 640, height = 220, left = 48, right = 16, top = 16, bottom = 40
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ i: Int) -> Int { left + (points.count > 1 ? i * plotWidth / (points.count - 1) : plotWidth / 2) }
        func y(_ v: Double) -> Int { top + Int(((1 - min(max(v, 0), 1)) * Double(plotHeight)).rounded()) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="trend" role="img" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)" aria-label="Readiness of the organisation over runs">

            """
        for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
            svg += "<line class=\"grid\" x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(tick))\" y2=\"\(y(tick))\"/>"
                + "<text class=\"axis\" x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\">\(Int(tick * 100))%</text>\n"
        }
        let known = points.enumerated().compactMap { i, p in p.value.map { (i, $0) } }
        if known.count > 1 {
            svg += "<polyline class=\"line\" fill=\"none\" points=\"" + known.map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " ") + "\"/>\n"
        }
        for (i, v) in known {
            svg += "<circle class=\"point\(i == marked ? " marked" : "")\" cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"\(i == marked ? 5 : 3)\">"
                + "<title>\(HTML.escape(points[i].label)): \(Formatting.percent(v))</title></circle>\n"
        }
        if let first = points.first, let last = points.last {
            svg += "<text class=\"axis\" x=\"\(left)\" y=\"\(height - 12)\">\(HTML.escape(first.label))</text>\n"
            if points.count > 1 {
                svg += "<text class=\"axis\" x=\"\(width - right)\" y=\"\(height - 12)\" text-anchor=\"end\">\(HTML.escape(last.label))</text>\n"
            }
        }
        return svg + "</svg>"
    }

    /// White to deep blue, by share of the largest cell.
    static func colour(_ share: Double) -> String {
        let t = min(max(share, 0), 1)
        let r = Int(247 - t * (247 - 8)), g = Int(251 - t * (251 - 48)), b = Int(255 - t * (255 - 107))
        return String(format: "#%02x%02x%02x", r, g, b)
    }

    static func compact(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String(format: "%.1f", value)
    }
}

enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
