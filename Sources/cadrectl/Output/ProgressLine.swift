#if canImport(Glibc)
import Glibc
#endif

/// A progress bar on the terminal's last line, redrawn in place with `\r` for each `progress`
/// event; any other line printed through it first clears the bar, so output never interleaves.
/// Lines are cut to the terminal's width, since a wrapped line can't be redrawn.
struct ProgressLine {
    /// Ctrl-C while a bar is drawn would leave the shell's prompt behind it: clear the line and
    /// end with the shell's usual 128 + SIGINT.
    static func clearOnInterrupt() {
        signal(SIGINT) { _ in
            let bytes: [UInt8] = [13, 27, 91, 75, 10]  // \r ESC [ K \n
            _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            _exit(130)
        }
    }

    let terminal: Terminal
    let style: Style
    private var showing = false

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
        let (label, detail) = (TerminalText.escaped(label), TerminalText.escaped(detail))
        var text = "  \(label) "
        if let fraction {
            let width = 30
            let clamped = min(1, max(0, fraction))
            let filled = min(width, Int(clamped * Double(width)))
            text += "[" + String(repeating: "=", count: filled)
            text += filled < width ? ">" + String(repeating: " ", count: width - filled - 1) : ""
            text += "] \(Int(clamped * 100))%  "
        }
        text += detail
        Console.out("\r" + String(text.prefix(max(10, terminal.columns - 1))) + "\u{1B}[K")
        showing = true
    }

    mutating func print(_ line: String) {
        clear()
        Console.line(line)
    }

    mutating func clear() {
        guard showing else { return }
        Console.out("\r\u{1B}[K")
        showing = false
    }
}
