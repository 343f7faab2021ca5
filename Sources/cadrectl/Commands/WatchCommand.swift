import ArgumentParser
import CadreWire

extension Cadrectl {
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow the daemon's events live until interrupted.",
            discussion: """
                On a terminal: one line per event, and a progress bar redrawn in place for `progress` \
                events. With --json: one JSON object per event and per line (JSON Lines), written as it \
                arrives. A watcher that falls too far behind is dropped by cadred (exit 1).
                """)

        @Option(name: .customLong("run"), help: ArgumentHelp("Only events of this run.", valueName: "id"))
        var runID: Int64?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let connection = try VarlinkConnection(socketPath: connection.socketPath)
            let terminal = Terminal.standardOutput()
            let style = Style(enabled: terminal.colours)
            if terminal.isInteractive { ProgressLine.clearOnInterrupt() }
            var bar = ProgressLine(terminal: terminal, style: style)
            defer { bar.clear() }
            let method = Workforce.Method.subscribe.qualifiedName
            if output.json {
                try connection.stream(method, Workforce.Empty(), as: JSONValue.self) { reply in
                    let event = reply["event"] ?? reply
                    if let runID, event["runId"]?.intValue.map(Int64.init) != runID { return true }
                    Console.line(JSONText.line(event))
                    return true
                }
                return
            }
            try connection.stream(method, Workforce.Empty(), as: Workforce.EventReply.self) { reply in
                let event = reply.event
                if let runID, event.runId != runID { return true }
                if event.kind == "progress", terminal.isInteractive {
                    bar.show(phase: event.phase ?? "?", done: event.done ?? 0, total: event.total, note: event.message)
                } else {
                    bar.print(EventText.line(event, style: style))
                }
                return true
            }
        }
    }
}
