import ArgumentParser
import CadreWire

extension Cadrectl {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a run of the pipeline; with --wait, follow it to the end.",
            discussion: """
                With --wait, cadrectl subscribes to events and waits for cadred to confirm the \
                subscription before starting the run, so it sees every event of that run; it follows \
                the run (a progress bar on a terminal, quiet otherwise) and exits 0 when it succeeded, \
                1 when it failed. If cadred drops the subscription it polls the run every 250 ms \
                instead. `assess` is another name for this command (the nightly timer's).
                """,
            aliases: ["assess"])

        @Flag(help: "Wait for the run to finish; exit 1 if it failed.")
        var wait = false

        @Option(help: ArgumentHelp(
            "The time the run is pinned to: YYYY-MM-DD (midnight UTC) or an RFC 3339 time (default: now).",
            valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp("What started the run, as runs list it (default: cadrectl).", valueName: "name"))
        var trigger: String?

        @Option(help: ArgumentHelp(
            "Fund learning plans with this budget, in the catalogue's minor units (cents): the plans closing the most weighted gap per unit of cost first.",
            valueName: "amount"))
        var trainingBudget: Int64?

        @Option(help: ArgumentHelp(
            "Backfill a series: one run per day, week, month or quarter from --since through --as-of (default today).",
            valueName: "interval"))
        var every: RunInterval?

        @Option(help: ArgumentHelp("With --every: the first date of the series (YYYY-MM-DD).", valueName: "date"))
        var since: String?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try validateSeries()
            if let asOf, Timestamp.parse(asOf) == nil {
                throw ValidationError("--as-of '\(asOf)' is not a date (YYYY-MM-DD) or an RFC 3339 time")
            }
            if let trigger, trigger.isEmpty { throw ValidationError("--trigger needs a name") }
            if let trainingBudget, trainingBudget < 0 { throw ValidationError("--training-budget must not be negative") }
        }

        /// A subscription that cadred has confirmed with its `subscribed` event. Nil when no
        /// confirmation comes within 10 s (a daemon that predates it): the run is then followed by
        /// polling its record.
        static func subscribe(_ socketPath: String) throws -> VarlinkConnection? {
            let subscription = try VarlinkConnection(socketPath: socketPath)
            try subscription.send(Workforce.Method.subscribe.qualifiedName, Workforce.Empty(), more: true)
            let deadline = ContinuousClock.now + .seconds(10)
            while ContinuousClock.now < deadline {
                let (seconds, attoseconds) = (deadline - ContinuousClock.now).components
                let left = Int32(max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
                guard let reply = try subscription.receive(Workforce.EventReply.self, timeoutMilliseconds: left) else {
                    return nil
                }
                if try reply.get().event.kind == "subscribed" { return subscription }
            }
            return nil
        }

        func run() throws {
            if let every, let since { return try runSeries(every, since: since) }
            let link = DaemonLink(connection)
            try link.connect()
            let terminal = Terminal.standardOutput()
            let style = Style(enabled: terminal.colours)
            // Once cadred has confirmed the subscription, every later event reaches it: the run is
            // started only then, so none of its events can be missed.
            let events = wait ? try Self.subscribe(link.socketPath) : nil
            let parameters = Workforce.StartRunParameters(asOf: asOf, trigger: trigger, trainingBudget: trainingBudget)
            let reply = try link.call(.startRun, parameters, as: JSONValue.self)
            let run = try link.decode(reply["run"] ?? .null, as: Workforce.Run.self)

            guard wait else {
                if output.json {
                    Console.line(JSONText.pretty(reply))
                } else {
                    Console.line("run #\(run.id) \(style.state(run.state)) (as of \(Formatting.runAsOf(run.asOf)), "
                        + "data version \(run.dataVersion), taxonomy version \(run.taxonomyVersion))")
                    Console.line("follow it with `cadrectl watch --run \(run.id)`; see it with `cadrectl runs show \(run.id)`")
                }
                return
            }

            if terminal.isInteractive { ProgressLine.clearOnInterrupt() }
            let display = terminal.isInteractive && !output.json
                ? RunDisplay(terminal: terminal, style: style) : nil
            display?.started(run)
            var follower = RunFollower(link: link, events: events, runID: run.id, display: display)
            let (final, raw) = try follower.follow()
            display?.finish()

            if output.json {
                Console.line(JSONText.pretty(raw))
            } else {
                let summary = "run #\(final.id) \(style.state(final.state)) (\(RunText.phaseCounts(final)), "
                    + "\(Formatting.duration(from: final.startedAt, to: final.finishedAt)))"
                Console.line(summary)
            }
            if final.state != "succeeded" {
                throw CommandFailure(
                    ExitStatus.failed, "run #\(final.id) \(final.state): \(final.error ?? "no error recorded")",
                    "details: cadrectl runs show \(final.id)")
            }
        }
    }
}
