import ArgumentParser
import CadreWire

extension Cadrectl {
    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List past runs, or show one run phase by phase.",
            subcommands: [List.self, Show.self],
            defaultSubcommand: List.self)
    }
}

extension Cadrectl.Runs {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the latest runs, newest first.")

        @Option(help: "How many runs to list (1–1000).")
        var limit = 20

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
        }

        func run() throws {
            let link = DaemonLink(connection)
            let parameters = Workforce.ListRunsParameters(limit: limit)
            guard let runs = try link.read(.listRuns, parameters, as: Workforce.RunsReply.self, json: output.json)?.runs else { return }
            guard !runs.isEmpty else {
                Console.line("no runs yet: start one with `cadrectl run`")
                return
            }
            Console.out(RunText.table(runs, style: Style(enabled: Terminal.standardOutput().colours)))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one run: its pins and times, each phase's state, attempts and times, and each phase's summary.")

        @Argument(help: "The run's id, as `cadrectl runs` lists it.")
        var id: Int64

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard id > 0 else { throw ValidationError("a run id is a positive number") }
        }

        func run() throws {
            let link = DaemonLink(connection)
            let parameters = Workforce.GetRunParameters(id: id)
            guard let run = try link.read(.getRun, parameters, as: Workforce.RunReply.self, json: output.json)?.run else { return }
            Console.out(RunText.detail(run, style: Style(enabled: Terminal.standardOutput().colours)))
        }
    }
}
