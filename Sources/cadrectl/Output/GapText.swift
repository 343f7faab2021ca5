import CadreWire

/// The organisation, team and role views of a gap map as an L&D lead reads them: who is ready for
/// the role level they hold, where the largest gaps are (importance × gap, summed), and which
/// groups need attention first.
struct GapText {
    let style: Style
    /// How many teams the organisation view lists.
    let top: Int
    let all: Bool

    static func header(_ view: Workforce.GapView, style: Style) -> String {
        style.bold("gap map") + " of run #\(view.runId), as of \(Formatting.runAsOf(view.asOf)), data version \(view.dataVersion)\n"
    }

    /// `200 people, mean readiness 62.4%, 41 meeting their role level (20.5%)`.
    static func summary(_ group: Workforce.GroupReadiness) -> String {
        let people = group.headcount == 1 ? "1 person" : "\(group.headcount) people"
        guard let readiness = group.meanReadiness, let meeting = group.meeting else {
            return "\(people); its figures are withheld (see below)"
        }
        let share = group.headcount > 0 ? " (\(Formatting.percent(Double(meeting) / Double(group.headcount))))" : ""
        return "\(people), "
            + "mean readiness \(Formatting.percent(readiness)), \(meeting) meeting their role level\(share)"
    }

    func organisation(_ view: Workforce.GapView) -> String {
        var text = Self.header(view, style: style)
        text += style.bold("Organisation") + ": " + Self.summary(view.summary) + "\n"
        text += roleLevels(view.roleLevels)
        text += topGaps(view.summary.topGaps)
        let teams = view.teams.sorted {
            ($0.meanReadiness ?? 0) != ($1.meanReadiness ?? 0) ? ($0.meanReadiness ?? 0) < ($1.meanReadiness ?? 0) : $0.name < $1.name
        }
        let shown = all ? teams : Array(teams.prefix(top))
        var title = "TEAMS, lowest readiness first"
        if shown.count < teams.count { title += " (\(shown.count) of \(teams.count); --all lists every team)" }
        text += "\n" + style.bold(title) + "\n"
        var table = TextTable(
            [
                .init("TEAM"), .init("PEOPLE", .right), .init("READINESS", .right), .init("MEETING", .right),
                .init("LARGEST GAP"),
            ], indent: "  ")
        for team in shown {
            table.add([
                team.name, "\(team.headcount)", team.meanReadiness.map(Formatting.percent) ?? "-", team.meeting.map { "\($0)" } ?? "-",
                team.topGaps.first.map { "\($0.skillName) (\(Formatting.decimal($0.weightedGap, places: 1)))" } ?? "-",
            ])
        }
        text += teams.isEmpty ? "  no teams\n" : table.render(headerStyle: style.bold)
        if let hidden = view.hidden { text += "  not shown: \(TerminalText.escaped(hidden))\n" }
        return text
    }

    /// A team or a role: its summary, its role levels, its top gaps, then its people (most in need
    /// first) or why they are not shown.
    func group(_ view: Workforce.GapView) -> String {
        var text = Self.header(view, style: style)
        let what: String
        switch view.scope {
        case "team": what = "Team \(TerminalText.escaped(view.summary.name))"
        default:
            let (id, name) = (TerminalText.escaped(view.summary.id), TerminalText.escaped(view.summary.name))
            what = id == name ? "Role \(id)" : "Role \(id) (\(name))"
        }
        text += style.bold(what) + ": " + Self.summary(view.summary) + "\n"
        text += roleLevels(view.roleLevels)
        text += topGaps(view.summary.topGaps)
        text += "\n" + style.bold("PEOPLE, lowest readiness first") + "\n"
        if let hidden = view.hidden {
            text += "  not shown: \(TerminalText.escaped(hidden))\n"
            return text
        }
        let teamColumn = view.scope != "team"
        var columns: [TextTable.Column] = [.init("ID"), .init("NAME")]
        if teamColumn { columns.append(.init("TEAM")) }
        columns += [
            .init("ROLE LEVEL"), .init("READINESS", .right),
            .init("MEETS", style: { $0.hasPrefix("yes") ? style.green($0) : style.yellow($0) }),
        ]
        var table = TextTable(columns, indent: "  ")
        for person in view.people {
            var row = [person.id, person.name]
            if teamColumn { row.append(person.team) }
            row += [person.roleLevel, Formatting.percent(person.readiness), person.meets ? "yes" : "no"]
            table.add(row)
        }
        text += view.people.isEmpty ? "  nobody\n" : table.render(headerStyle: style.bold)
        return text
    }

    private func roleLevels(_ levels: [Workforce.GroupReadiness]) -> String {
        guard !levels.isEmpty else { return "" }
        var table = TextTable(
            [
                .init("ROLE LEVEL"), .init("TITLE"), .init("PEOPLE", .right), .init("READINESS", .right),
                .init("MEETING", .right),
            ], indent: "  ")
        for level in levels {
            table.add([
                level.id, level.name, "\(level.headcount)", level.meanReadiness.map(Formatting.percent) ?? "-",
                level.meeting.map { "\($0)" } ?? "-",
            ])
        }
        return "\n" + style.bold("READINESS BY ROLE LEVEL") + "\n" + table.render(headerStyle: style.bold)
    }

    private func topGaps(_ gaps: [Workforce.SkillGap]) -> String {
        let text = "\n" + style.bold("TOP SKILL GAPS") + style.dim("  Σ importance × gap over the people") + "\n"
        guard !gaps.isEmpty else { return text + "  none: every requirement is met\n" }
        var table = TextTable([.init("SKILL"), .init("NAME"), .init("Σ IMPORTANCE×GAP", .right)], indent: "  ")
        for gap in gaps { table.add([gap.skill, gap.skillName, Formatting.decimal(gap.weightedGap, places: 1)]) }
        return text + table.render(headerStyle: style.bold)
    }
}
