import CadreEngine

/// What keeps text that came from outside — names, ids and messages from the daemon, a file or
/// the command line — from acting on the operator's terminal: an ESC in an imported name could
/// clear the screen, retitle the window or write to the clipboard (OSC 52), and a line break or
/// CR could forge a line of output.
///
/// Printers pass every outside string through `escaped(_:)`; `Console` passes everything it writes
/// through `sanitized(_:)`, a net for any string a printer missed.
enum TerminalText {
    /// Outside text as one inert line: every control character (C0, DEL, C1) written out as an
    /// escape (`\n`, `\u{1B}`), in the one spelling the daemon's messages and logs use too.
    static func escaped(_ text: String) -> String {
        ControlCharacters.escaped(text)
    }

    /// Output as `Console` writes it: line breaks, cadrectl's own styles (`ESC[…m`, the SGR codes
    /// of `Style`), clearing to the end of the line (`ESC[K`) and a carriage return at the very
    /// start (both the progress bar's) are kept; every other control character is escaped. So the
    /// worst a string that missed `escaped(_:)` can do is colour itself.
    static func sanitized(_ output: String) -> String {
        let scalars = Array(output.unicodeScalars)
        guard scalars.contains(where: { ControlCharacters.isControl($0) && $0 != "\n" }) else { return output }
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}", let end = ownSequenceEnd(scalars, from: index) {
                result.append(contentsOf: scalars[index..<end])
                index = end
                continue
            }
            let kept = scalar == "\n" || (scalar == "\r" && index == 0)
            if ControlCharacters.isControl(scalar), !kept {
                result.append(contentsOf: ControlCharacters.escaped(String(scalar)).unicodeScalars)
            } else {
                result.append(scalar)
            }
            index += 1
        }
        return String(result)
    }

    /// The end of `ESC [ digits;… m`, `ESC [ K`, `ESC [ J` or `ESC [ digits A` (the progress bars'
    /// redraw) starting at `start`, the only sequences cadrectl writes itself; nil for anything else.
    private static func ownSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var index = start + 2
        while index < scalars.count, scalars[index] == ";" || ("0"..."9").contains(scalars[index]) { index += 1 }
        guard index < scalars.count else { return nil }
        if scalars[index] == "m" { return index + 1 }
        if scalars[index] == "K" || scalars[index] == "J", index == start + 2 { return index + 1 }
        if scalars[index] == "A", index > start + 2 { return index + 1 }
        return nil
    }
}
