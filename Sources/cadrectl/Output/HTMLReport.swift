import CadreEngine
import CadreWire

/// `cadrectl report --html`: one self-contained page for an L&D lead — readiness and its trend,
/// a heat map of teams × the organisation's top skill gaps, the top gaps, teams, plan cost and
/// the alerts in force. Styles are inline, there is no script, and it prints on A4.
struct HTMLReport {
    var snapshot: Workforce.SnapshotReply
    var trend: Workforce.TrendReply
    /// Skill id → name, from the taxonomy; ids stand in for names it lacks.
    var skillNames: [String: String]
    /// Teams in the snapshot, by id.
    let teams: [String]
    /// The teams the page shows: the `teamsShown` with the largest gaps (`TeamSelection`); all
    /// when fewer. cadred sends only these when asked (`GetSnapshot`'s `teams`).
    let shownTeams: [String]
    /// Each point by metric, scope and skill (the first when a key repeats), so a figure is one
    /// lookup: an L organisation's snapshot holds tens of thousands of points, and a page asks
    /// for several per team.
    private let byKey: [String: MetricPoint]

    init(snapshot: Workforce.SnapshotReply, trend: Workforce.TrendReply, skillNames: [String: String]) {
        self.snapshot = snapshot
        self.trend = trend
        self.skillNames = skillNames
        var byKey: [String: MetricPoint] = [:]
        byKey.reserveCapacity(snapshot.metrics.count)
        for point in snapshot.metrics {
            let key = Self.key(point.metric, point.scope, point.skill)
            if byKey[key] == nil { byKey[key] = point }
        }
        self.byKey = byKey
        teams = TeamSelection.teams(in: snapshot.metrics)
        shownTeams = TeamSelection.largestGaps(in: snapshot.metrics, limit: Self.teamsShown)
    }

    private static func key(_ metric: String, _ scope: String, _ skill: String?) -> String {
        metric + "\u{0}" + scope + "\u{0}" + (skill ?? "")
    }

    private func points(_ metric: String, scope: String = MetricScope.organisation) -> [MetricPoint] {
        snapshot.metrics.filter { $0.metric == metric && $0.scope == scope }
    }

    private func point(_ metric: String, scope: String = MetricScope.organisation, skill: String? = nil) -> MetricPoint? {
        byKey[Self.key(metric, scope, skill)]
    }

    private func value(_ metric: String, scope: String = MetricScope.organisation, skill: String? = nil) -> Double? {
        point(metric, scope: scope, skill: skill)?.value
    }

    /// At most this many teams in the heat map and the teams table: a page an L&D lead reads, not
    /// an export (an L organisation has thousands of teams; `cadrectl gaps --team T` and the JSON
    /// views give any of them).
    static let teamsShown = 30


    /// Every team of the organisation: the snapshot's count when cadred sent only some.
    var teamCount: Int { max(snapshot.teamCount ?? 0, teams.count) }

    /// What a capped list leaves out, as a note under it.
    private func shownNote(_ shown: Int) -> String {
        guard shown < teamCount else { return "" }
        return "<p class=\"note\">The \(shown) of \(teamCount) teams with the largest Σ importance × gap over the organisation's top skill gaps; "
            + "<code>cadrectl gaps --team T</code> shows any other.</p>"
    }

    /// The organisation's top gaps, largest first (the snapshot's order).
    var topSkills: [(id: String, name: String)] {
        points(AssessmentMetrics.gap.name).compactMap { $0.skill }.map { ($0, skillNames[$0] ?? $0) }
    }

    func render() -> String {
        let asOf = Formatting.runAsOf(snapshot.asOf)
        var body = "<header><h1>ML capability report</h1>"
        body += "<p class=\"meta\">Run #\(snapshot.run), as of \(HTML.escape(asOf)). Made by cadrectl from cadred's snapshot of that run.</p></header>\n"
        body += headline()
        body += section("Readiness over time", trendChart())
        body += section("Where the gaps are: teams × top skill gaps", heatMap())
        body += section("Top skill gaps of the organisation", topGapsTable())
        body += section("Teams", teamsTable())
        if value(TrainingMetrics.planCost.name) != nil { body += section("Learning plans", trainingTable()) }
        if !snapshot.alerts.isEmpty {
            body += section("Alerts in force", "<ul class=\"alerts\">" + snapshot.alerts.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>")
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ML capability report — as of \(HTML.escape(asOf))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    private func section(_ title: String, _ content: String) -> String {
        "<section><h2>\(HTML.escape(title))</h2>\n\(content)\n</section>\n"
    }

    private func headline() -> String {
        var figures: [(String, String)] = [
            ("Readiness", MetricText.value(value(AssessmentMetrics.readiness.name), metric: AssessmentMetrics.readiness.name)),
            ("Meeting their level", MetricText.value(value(AssessmentMetrics.shareMeeting.name), metric: AssessmentMetrics.shareMeeting.name)),
            ("People", MetricText.value(value(AssessmentMetrics.headcount.name), metric: AssessmentMetrics.headcount.name)),
        ]
        if let cost = value(TrainingMetrics.planCost.name) { figures.append(("Plan cost", money(cost))) }
        if let change = trend.changeSincePrevious {
            figures.append(("Readiness since the previous run", MetricText.change(change, metric: AssessmentMetrics.readiness.name)))
        }
        if let change = trend.changeOver90Days {
            figures.append(("Readiness over 90 days", MetricText.change(change, metric: AssessmentMetrics.readiness.name)))
        }
        return "<section class=\"headline\">" + figures.map {
            "<div class=\"figure\"><div class=\"label\">\(HTML.escape($0.0))</div><div class=\"value\">\(HTML.escape($0.1))</div></div>"
        }.joined() + "</section>\n"
    }

    private func trendChart() -> String {
        guard !trend.points.isEmpty else { return "<p>No runs with a snapshot yet.</p>" }
        let points = trend.points.map { (label: Formatting.runAsOf($0.asOf), value: $0.value) }
        return SVGCharts.trend(points, marked: trend.points.firstIndex { $0.run == snapshot.run })
    }

    private func heatMap() -> String {
        let skills = topSkills
        guard !skills.isEmpty, !teams.isEmpty else { return "<p>No gaps to show: nobody falls short of their role level.</p>" }
        let shown = shownTeams
        let svg = SVGCharts.heatMap(teams: shown, skills: skills) { team, skill in
            value(AssessmentMetrics.gap.name, scope: MetricScope.team(team), skill: skill)
        }
        return svg + "<p class=\"note\">Each cell: Σ importance × gap of the team's people for that skill. Grey: a team under the small-group threshold.</p>"
            + shownNote(shown.count)
    }

    private func topGapsTable() -> String {
        let rows = points(AssessmentMetrics.gap.name).enumerated().map { index, point in
            "<tr><td>\(index + 1)</td><td>\(HTML.escape(skillNames[point.skill ?? ""] ?? point.skill ?? ""))</td>"
                + "<td class=\"number\">\(point.value.map { Formatting.decimal($0) } ?? "withheld")</td></tr>"
        }
        guard !rows.isEmpty else { return "<p>No skill gaps.</p>" }
        return "<table><thead><tr><th>#</th><th>Skill</th><th class=\"number\">Σ importance × gap</th></tr></thead><tbody>"
            + rows.joined() + "</tbody></table>"
    }

    private func teamsTable() -> String {
        let shown = shownTeams
        let rows = shown.map { team -> String in
            let scope = MetricScope.team(team)
            let people = point(AssessmentMetrics.headcount.name, scope: scope)?.headcount
            return "<tr><td>\(HTML.escape(team))</td><td class=\"number\">\(people.map(String.init) ?? "")</td>"
                + "<td class=\"number\">\(MetricText.value(value(AssessmentMetrics.readiness.name, scope: scope), metric: AssessmentMetrics.readiness.name))</td>"
                + "<td class=\"number\">\(MetricText.value(value(AssessmentMetrics.shareMeeting.name, scope: scope), metric: AssessmentMetrics.shareMeeting.name))</td>"
                + "<td class=\"number\">\(value(TrainingMetrics.planCost.name, scope: scope).map(money) ?? "")</td></tr>"
        }
        return "<table><thead><tr><th>Team</th><th class=\"number\">People</th><th class=\"number\">Readiness</th>"
            + "<th class=\"number\">Meeting</th><th class=\"number\">Plan cost</th></tr></thead><tbody>" + rows.joined() + "</tbody></table>"
            + shownNote(shown.count)
    }

    private func trainingTable() -> String {
        let rows: [(String, String)] = [
            ("Total cost of the plans", value(TrainingMetrics.planCost.name).map(money) ?? ""),
            ("Learning time", value(TrainingMetrics.planHours.name).map { Formatting.decimal($0) + " h" } ?? ""),
            ("People with a plan", MetricText.value(value(TrainingMetrics.peopleWithPlans.name), metric: TrainingMetrics.peopleWithPlans.name)),
            ("People with a gap no course closes", MetricText.value(value(TrainingMetrics.peopleBlocked.name), metric: TrainingMetrics.peopleBlocked.name)),
            ("Skills no course closes", MetricText.value(value(TrainingMetrics.uncoverableSkills.name), metric: TrainingMetrics.uncoverableSkills.name)),
        ]
        return "<table><tbody>" + rows.map { "<tr><th>\(HTML.escape($0.0))</th><td class=\"number\">\(HTML.escape($0.1))</td></tr>" }.joined()
            + "</tbody></table>"
    }

    /// Minor units shown as major ones with two decimals (the catalogue's currency).
    private func money(_ minor: Double) -> String {
        Formatting.decimal(minor / 100)
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1a1a1a;margin:2rem auto;max-width:60rem;padding:0 1rem;line-height:1.4}
        h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
        .meta,.note{color:#555;font-size:.9rem}
        .headline{display:flex;flex-wrap:wrap;gap:1rem;margin-top:1rem}
        .figure{border:1px solid #ccc;border-radius:6px;padding:.6rem .9rem;min-width:9rem}
        .figure .label{font-size:.8rem;color:#555}.figure .value{font-size:1.4rem;font-weight:600}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e3e3e3}
        .number{text-align:right;font-variant-numeric:tabular-nums}
        svg text{font-family:inherit;font-size:11px}.axis{fill:#555}.grid{stroke:#e3e3e3}
        .line{stroke:#08306b;stroke-width:2}.point{fill:#08306b}.point.marked{fill:#d94801}
        .cell-value{font-size:10px}.alerts li{color:#a50f15}
        @media print{body{margin:0;max-width:none;font-size:10pt}section{break-inside:avoid}.figure{border-color:#999}a{color:inherit}}
        @page{size:A4;margin:15mm}
        """
}
