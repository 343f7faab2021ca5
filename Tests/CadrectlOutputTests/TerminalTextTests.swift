import Testing
@testable import cadrectl

/// What reaches the operator's terminal: outside text is inert, cadrectl's own styles are kept.
@Suite struct TerminalTextTests {
    @Test func outsideTextIsEscapedToOneInertLine() {
        #expect(TerminalText.escaped("Ana\u{1B}[2J\u{1B}]52;c;cm0gLXJm\u{7}") == "Ana\\u{1B}[2J\\u{1B}]52;c;cm0gLXJm\\u{7}")
        #expect(TerminalText.escaped("team\nINFO forged\rline\u{9B}1m\u{7F}") == "team\\nINFO forged\\rline\\u{9B}1m\\u{7F}")
        #expect(TerminalText.escaped("Zoë Ó Súilleabháin 名\tx") == "Zoë Ó Súilleabháin 名\\tx")
    }

    @Test func theConsoleNetKeepsOnlyCadrectlsOwnSequences() {
        let style = Style(enabled: true)
        let own = "\r  " + style.bold("run #1") + " " + style.state("failed") + "\u{1B}[K\nnext line\n"
        #expect(TerminalText.sanitized(own) == own)
        // Anything else — a clear-screen, a title, a bell, a CR mid-line — is written out.
        #expect(TerminalText.sanitized("x\u{1B}[2Jy\u{1B}]0;t\u{7}z\rw\u{1B}") == "x\\u{1B}[2Jy\\u{1B}]0;t\\u{7}z\\rw\\u{1B}")
        #expect(TerminalText.sanitized("a\u{1B}[10K") == "a\\u{1B}[10K")
    }

    @Test func aTableMeasuresTheEscapedCell() {
        var table = TextTable([.init("NAME"), .init("TEAM")])
        table.add(["Eve\u{1B}[2J", "T"])
        #expect(table.render() == "NAME          TEAM\nEve\\u{1B}[2J  T\n")
    }
}
