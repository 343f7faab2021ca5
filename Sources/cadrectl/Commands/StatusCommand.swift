import ArgumentParser
import CadreWire

extension Cadrectl {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the daemon: version, uptime, readiness, data and taxonomy versions, workers, recent runs, alerts.")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let link = DaemonLink(connection)
            guard let status = try link.read(.getStatus, Workforce.Empty(), as: Workforce.Status.self, json: output.json) else { return }
            Console.out(Self.text(status, style: Style(enabled: Terminal.standardOutput().colours)))
        }

        static func text(_ status: Workforce.Status, style: Style) -> String {
            let readiness = status.ready ? style.green("ready") : style.yellow("not ready")
            var text = style.bold("cadred \(status.version)")
                + "  pid \(status.pid)  up \(Formatting.duration(seconds: status.uptimeSeconds))  \(readiness)\n"
            text += "data version \(status.dataVersion)"
            if let taxonomy = status.taxonomy {
                text += ", taxonomy version \(taxonomy.version) (\(Formatting.plural(taxonomy.skills, "skill")), "
                    + "\(Formatting.plural(taxonomy.roles, "role")), \(Formatting.plural(taxonomy.roleLevels, "role level")); "
                    + "loaded \(Formatting.localTime(taxonomy.loadedAt)) from \(TerminalText.escaped(taxonomy.source)))\n"
            } else {
                text += ", no taxonomy loaded\n"
            }

            text += "\n"
            var workers = TextTable([
                .init("WORKER"), .init("PID", .right), .init("STATE", style: style.state), .init("RESTARTS", .right),
                .init("HEARTBEAT", .right),
            ])
            for worker in status.workers {
                workers.add([
                    worker.phase, "\(worker.pid)", worker.state, "\(worker.restarts)",
                    Formatting.age(milliseconds: worker.lastHeartbeatMs),
                ])
            }
            text += status.workers.isEmpty ? "no workers\n" : workers.render(headerStyle: style.bold)

            text += "\n" + style.bold("RECENT RUNS") + "\n"
            text += status.recentRuns.isEmpty ? "  none yet: start one with `cadrectl run`\n"
                : RunText.table(status.recentRuns, style: style, indent: "  ")

            if !status.alerts.isEmpty {
                text += "\n" + style.bold("ALERTS") + "\n"
                for alert in status.alerts { text += "  " + style.red("!") + " \(TerminalText.escaped(alert))\n" }
            }
            return text
        }
    }
}
