import CadreWire
import Foundation

/// Runs as `status`, `runs` and `run` print them; one place, so they read the same everywhere.
enum RunText {
    static func table(_ runs: [Workforce.Run], style: Style, indent: String = "") -> String {
        var table = TextTable(
            [
                .init("ID", .right), .init("STATE", style: style.state), .init("TRIGGER"), .init("AS OF"),
                .init("DATA", .right), .init("TAXONOMY", .right), .init("CREATED"), .init("DURATION", .right),
                .init("PHASES"),
            ], indent: indent)
        for run in runs {
            table.add([
                "\(run.id)", run.state, run.trigger, Formatting.runAsOf(run.asOf), "\(run.dataVersion)",
                "\(run.taxonomyVersion)", Formatting.localTime(run.createdAt),
                Formatting.duration(from: run.startedAt, to: run.finishedAt), phaseCounts(run),
            ])
        }
        return table.render(headerStyle: style.bold)
    }

    /// `4/6 done`, `2/6 done, assessment failed`, so a list shows how far each run got.
    static func phaseCounts(_ run: Workforce.Run) -> String {
        let done = run.phases.filter { $0.state == "succeeded" }.count
        var text = "\(done)/\(run.phases.count) done"
        if let failed = run.phases.first(where: { $0.state == "failed" }) {
            text += ", \(failed.phase) failed"
        } else if let running = run.phases.first(where: { $0.state == "running" }) {
            text += ", \(running.phase) running"
        }
        return text
    }

    /// One run in full: its pins and times, each phase's state, attempts and times, and each
    /// phase's summary object pretty-printed below the table.
    static func detail(_ run: Workforce.Run, style: Style) -> String {
        var text = style.bold("run #\(run.id)") + "  " + style.state(run.state) + "\n"
        let facts: [(String, String)] = [
            ("trigger", run.trigger),
            ("as of", Formatting.runAsOf(run.asOf)),
            ("data version", "\(run.dataVersion)"),
            ("taxonomy version", "\(run.taxonomyVersion)"),
            ("created", Formatting.localTime(run.createdAt)),
            ("started", Formatting.localTime(run.startedAt)),
            ("finished", Formatting.localTime(run.finishedAt)),
            ("duration", Formatting.duration(from: run.startedAt, to: run.finishedAt)),
        ]
        for (name, value) in facts {
            text += "  " + (name + ":").padding(toLength: 18, withPad: " ", startingAt: 0) + TerminalText.escaped(value) + "\n"
        }
        if let error = run.error { text += "  " + style.red("error: ") + TerminalText.escaped(error) + "\n" }
        text += "\n"
        var table = TextTable([
            .init("PHASE"), .init("STATE", style: style.state), .init("ATTEMPTS", .right), .init("STARTED"),
            .init("FINISHED"), .init("DURATION", .right),
        ])
        for phase in run.phases {
            table.add([
                phase.phase, phase.state, "\(phase.attempts)", Formatting.localTime(phase.startedAt),
                Formatting.localTime(phase.finishedAt), Formatting.duration(from: phase.startedAt, to: phase.finishedAt),
            ])
        }
        text += table.render(headerStyle: style.bold)
        for phase in run.phases where phase.summary != nil || phase.error != nil {
            text += "\n" + style.bold(TerminalText.escaped(phase.phase)) + "\n"
            if let error = phase.error { text += "  " + style.red("error: ") + TerminalText.escaped(error) + "\n" }
            if let summary = phase.summary {
                text += JSONText.pretty(summary).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "  " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        return text
    }
}
