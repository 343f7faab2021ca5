#if canImport(Glibc)
import Glibc
#endif

/// Progress bars on the terminal's last lines, one per phase (or import) reporting progress —
/// phases that run side by side each keep a line — redrawn in place for each `progress` event;
/// any other line printed through it first clears the bars, so output never interleaves. Lines
/// are cut to the terminal's width, since a wrapped line can't be redrawn.
struct ProgressLine {
    /// Ctrl-C while a bar is drawn would leave the shell's prompt behind it: clear the line and
    /// end with the shell's usual 128 + SIGINT.
    static func clearOnInterrupt() {
        signal(SIGINT) { _ in
            let bytes: [UInt8] = [13, 27, 91, 74, 10]  // \r ESC [ J \n
            _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            _exit(130)
        }
    }

    let terminal: Terminal
    let style: Style
    /// The bars, in the order their labels first reported.
    private var bars: [(label: String, text: String)] = []
    /// Lines the bars take on screen now.
    private var drawn = 0

    init(terminal: Terminal, style: Style) {
        self.terminal = terminal
        self.style = style
    }

    /// A phase's progress: `assessment [=====>   ] 45%  450/1000`.
    mutating func show(phase: String, done: Int, total: Int?, note: String?) {
        var detail = total.map { $0 > 0 ? "\(done)/\($0)" : "\(done) done" } ?? "\(done) done"
        if let note, !note.isEmpty { detail += "  \(note)" }
        show(label: phase, fraction: total.flatMap { $0 > 0 ? Double(done) / Double($0) : nil }, detail: detail)
    }

    /// Any progress: the label, a bar with its percentage when the fraction is known, then the detail.
    mutating func show(label: String, fraction: Double?, detail: String) {
        let (escapedLabel, detail) = (TerminalText.escaped(label), TerminalText.escaped(detail))
        var text = "  \(escapedLabel) "
        if let fraction {
            let width = 30
            let clamped = min(1, max(0, fraction))
            let filled = min(width, Int(clamped * Double(width)))
            text += "[" + String(repeating: "=", count: filled)
            text += filled < width ? ">" + String(repeating: " ", count: width - filled - 1) : ""
            text += "] \(Int(clamped * 100))%  "
        }
        text += detail
        let line = String(text.prefix(max(10, terminal.columns - 1)))
        if let index = bars.firstIndex(where: { $0.label == label }) {
            bars[index].text = line
        } else {
            bars.append((label, line))
        }
        redraw()
    }

    /// The phase is done: its bar goes at the next redraw.
    mutating func remove(_ label: String) {
        bars.removeAll { $0.label == label }
    }

    mutating func print(_ line: String) {
        clear()
        Console.line(line)
    }

    mutating func clear() {
        guard drawn > 0 else { return }
        Console.out(erase())
        drawn = 0
    }

    private mutating func redraw() {
        Console.out(erase() + bars.map { $0.text + "\u{1B}[K" }.joined(separator: "\n"))
        drawn = bars.count
    }

    /// Back to the first bar's line and clear to the end of the screen.
    private func erase() -> String {
        "\r" + (drawn > 1 ? "\u{1B}[\(drawn - 1)A" : "") + "\u{1B}[J"
    }
}
