#if canImport(Glibc)
import Glibc
#endif

/// Standard output and error, written straight to the descriptors: each call is one `write`, so a
/// line of `watch --json` reaches a pipe the moment it is printed, with no stdio buffer to flush.
enum Console {
    static func out(_ text: String) {
        write(text, to: 1)
    }

    static func line(_ text: String = "") {
        write(text + "\n", to: 1)
    }

    static func error(_ text: String) {
        write(text + "\n", to: 2)
    }

    /// Every write is sanitized: no text reaches the terminal with a control character that
    /// cadrectl did not put there itself (`TerminalText`).
    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(TerminalText.sanitized(text).utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.write(descriptor, base + written, raw.count - written)
            }
            if count < 0, errno == EINTR { continue }
            // A closed pipe or full disk leaves nothing useful to do with the rest.
            guard count > 0 else { return }
            written += count
        }
    }
}

/// What standard output is attached to, which decides progress bars and colours.
struct Terminal: Sendable {
    /// Progress bars redraw their line with `\r`; only a terminal shows that as intended.
    var isInteractive: Bool
    /// Colours only on a terminal, and never when NO_COLOR is set or TERM is dumb.
    var colours: Bool
    var columns: Int

    static func standardOutput() -> Terminal {
        let interactive = isatty(1) != 0
        let noColour = getenv("NO_COLOR") != nil || (getenv("TERM").map { String(cString: $0) } ?? "dumb") == "dumb"
        var size = winsize()
        let columns = interactive && ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
        return Terminal(isInteractive: interactive, colours: interactive && !noColour, columns: columns)
    }
}

/// ANSI styles, applied only when the terminal takes colours.
struct Style: Sendable {
    var enabled: Bool

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }

    /// Run, phase and worker states in the colour that reads at a glance.
    func state(_ text: String) -> String {
        switch text {
        case "succeeded", "ready": green(text)
        case "failed", "stopped": red(text)
        case "running", "busy", "queued", "starting", "restarting": yellow(text)
        default: text
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
