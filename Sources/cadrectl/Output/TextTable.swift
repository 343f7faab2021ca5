/// A plain-text table: columns padded to their widest cell, numbers right-aligned, two spaces
/// between columns. Styles are applied after padding so colour codes never break the alignment.
struct TextTable {
    enum Alignment {
        case left, right
    }

    struct Column {
        var header: String
        var alignment: Alignment
        /// Colours a cell's padded text; identity when colours are off.
        var style: (String) -> String

        init(_ header: String, _ alignment: Alignment = .left, style: @escaping (String) -> String = { $0 }) {
            self.header = header
            self.alignment = alignment
            self.style = style
        }
    }

    var columns: [Column]
    var rows: [[String]] = []
    var indent = ""
    /// Lets several tables under one another (a role's levels) share their column widths.
    var minimumWidths: [Int] = []

    init(_ columns: [Column], indent: String = "") {
        self.columns = columns
        self.indent = indent
    }

    /// Cells are outside text (names, ids, triggers): escaped here, before widths are measured.
    mutating func add(_ cells: [String]) {
        rows.append(cells.map(TerminalText.escaped))
    }

    /// Each column's width: its widest cell, header included.
    var widths: [Int] {
        var widths = columns.indices.map { max(columns[$0].header.count, minimumWidths.indices.contains($0) ? minimumWidths[$0] : 0) }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return widths
    }

    /// Gives every table the widths of the widest, so their columns line up.
    static func aligned(_ tables: [TextTable]) -> [TextTable] {
        let all = tables.map(\.widths)
        let count = all.map(\.count).max() ?? 0
        let shared = (0..<count).map { index in all.map { index < $0.count ? $0[index] : 0 }.max() ?? 0 }
        return tables.map { table in
            var table = table
            table.minimumWidths = shared
            return table
        }
    }

    /// The header, then one line per row; each line ends in a newline.
    func render(headerStyle: (String) -> String = { $0 }) -> String {
        let widths = widths
        var text = line(columns.map(\.header), widths: widths, style: { _, cell in headerStyle(cell) })
        for row in rows {
            text += line(row, widths: widths, style: { index, cell in columns[index].style(cell) })
        }
        return text
    }

    private func line(_ cells: [String], widths: [Int], style: (Int, String) -> String) -> String {
        var parts: [String] = []
        for index in columns.indices {
            let cell = index < cells.count ? cells[index] : ""
            let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
            let last = index == columns.count - 1
            switch columns[index].alignment {
            case .left: parts.append(style(index, cell) + (last ? "" : padding))
            case .right: parts.append(padding + style(index, cell))
            }
        }
        var text = indent + parts.joined(separator: "  ")
        // Empty trailing cells would leave the padding of the column before them.
        while text.last == " " { text.removeLast() }
        return text + "\n"
    }
}
