import ArgumentParser
import CadreEngine
import CadreWire

extension Cadrectl {
    struct Trend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how a headline metric moved over the runs: the series, its change since the previous run and over 90 days.",
            discussion: """
                Every successful run keeps a snapshot of its headline metrics. METRIC is one of \
                \(SnapshotBuilder.definitions.map(\.name).joined(separator: ", ")) (default readiness); \
                gap needs --skill. The series is ordered by as-of date, then run id; on a terminal a \
                sparkline shows its shape. Readers see a team or role level under smallTeamThreshold \
                people as withheld. Backfill history with `cadrectl run --as-of DATE --every month --since DATE`.
                """)

        @Argument(help: ArgumentHelp("The metric (default: readiness).", valueName: "metric"))
        var metric: String?

        @Option(help: ArgumentHelp("One team instead of the organisation.", valueName: "team"))
        var team: String?

        @Option(help: ArgumentHelp("One role level, ROLE@RUNG, instead of the organisation.", valueName: "role"))
        var role: String?

        @Option(help: ArgumentHelp("With gap: the skill.", valueName: "skill"))
        var skill: String?

        @Option(help: ArgumentHelp("Only runs as of this date (YYYY-MM-DD) or later.", valueName: "date"))
        var since: String?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if team != nil, role != nil { throw ValidationError("give only one of --team and --role") }
            if let metric, SnapshotBuilder.definition(metric) == nil {
                throw ValidationError(
                    "'\(metric)' is not a metric; one of \(SnapshotBuilder.definitions.map(\.name).joined(separator: ", "))")
            }
            if let role, RoleLevelRef(parsing: role)?.rung ?? 0 == 0 { throw ValidationError("'\(role)' is not ROLE@RUNG") }
            if let since, Timestamp.parse(since) == nil { throw ValidationError("--since '\(since)' is not a date (YYYY-MM-DD)") }
            if (metric == "gap") != (skill != nil) { throw ValidationError("--skill goes with the gap metric, and gap needs it") }
        }

        var scope: String? {
            if let team { return MetricScope.team(team) }
            if let role, let ref = RoleLevelRef(parsing: role) { return MetricScope.roleLevel(ref) }
            return nil
        }

        func run() throws {
            let link = DaemonLink(connection)
            let parameters = Workforce.GetTrendParameters(metric: metric, scope: scope, skill: skill, since: since)
            guard let trend = try link.read(.getTrend, parameters, as: Workforce.TrendReply.self, json: output.json) else { return }
            let terminal = Terminal.standardOutput()
            Console.out(TrendText.render(trend, sparkline: terminal.isInteractive, style: Style(enabled: terminal.colours)))
        }
    }
}

/// The text of `cadrectl trend`.
enum TrendText {
    static func render(_ trend: Workforce.TrendReply, sparkline: Bool, style: Style) -> String {
        let name = trend.skill.map { "\(trend.metric) of \($0)" } ?? trend.metric
        var text = style.bold("\(name) · \(MetricText.scope(trend.scope))") + " · \(Formatting.plural(trend.points.count, "run"))\n"
        guard !trend.points.isEmpty else {
            return text + "no snapshots yet: every successful run makes one (cadrectl run --wait)\n"
        }
        if sparkline { text += MetricText.sparkline(trend.points.map(\.value)) + "\n" }
        var table = TextTable([.init("as of"), .init("run", .right), .init("value", .right), .init("people", .right)])
        for point in trend.points {
            table.add([
                Formatting.runAsOf(point.asOf), "#\(point.run)", MetricText.value(point.value, metric: trend.metric),
                point.headcount.map(String.init) ?? "",
            ])
        }
        text += table.render(headerStyle: style.dim)
        text += "change since the previous run: \(MetricText.change(trend.changeSincePrevious, metric: trend.metric))"
        text += "; over 90 days: \(MetricText.change(trend.changeOver90Days, metric: trend.metric))\n"
        return text
    }
}
