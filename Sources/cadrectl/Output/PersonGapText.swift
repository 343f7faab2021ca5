import CadreWire

/// One person's gap view: their readiness for the role level they hold, then each requirement
/// with the estimate cadred made and, under it, every evidence row behind that estimate with its
/// age, decay and weight — the why, so a number can be checked by hand.
struct PersonGapText {
    let style: Style
    /// How many requirements to list, largest importance × gap first; nil lists every one.
    let top: Int?

    func render(_ view: Workforce.GapView) -> String {
        var text = GapText.header(view, style: style)
        guard let person = view.person else { return text + "no person in this view\n" }
        let (id, name, team, roleLevel) = (
            TerminalText.escaped(person.id), TerminalText.escaped(person.name), TerminalText.escaped(person.team),
            TerminalText.escaped(person.roleLevel))
        text += style.bold("\(id)  \(name)") + "  team \(team.isEmpty ? "-" : team), \(roleLevel)\n"
        let meets = person.meets ? style.green("meets \(roleLevel)") : style.yellow("does not meet \(roleLevel)")
        text += "readiness \(Formatting.percent(person.readiness)), \(meets) "
            + "(Σ importance × gap \(Formatting.decimal(person.weightedGap, places: 2)))\n"

        let ordered = view.requirements.enumerated().sorted { a, b in
            let (x, y) = (Double(a.element.importance) * a.element.gap, Double(b.element.importance) * b.element.gap)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        let shown = top.map { Array(ordered.prefix($0)) } ?? ordered
        var title = "REQUIREMENTS, largest importance × gap first"
        if shown.count < ordered.count { title += " (\(shown.count) of \(ordered.count); --all lists every one)" }
        text += "\n" + style.bold(title) + "\n"
        guard !shown.isEmpty else { return text + "  none: the role level has no requirements\n" }

        var table = TextTable(
            [
                .init("SKILL"), .init("NAME"), .init("REQUIRED"), .init("ESTIMATE", .right), .init("GAP", .right),
                .init("IMPORTANCE", .right), .init("CONFIDENCE", .right),
            ], indent: "  ")
        for requirement in shown {
            table.add([
                requirement.skill, requirement.skillName, Cadrectl.TaxonomyCommand.Show.levelName(requirement.level),
                requirement.unassessed ? "unassessed" : Formatting.decimal(requirement.estimate),
                Formatting.decimal(requirement.gap), "\(requirement.importance)", Formatting.decimal(requirement.confidence),
            ])
        }
        let evidence = TextTable.aligned(shown.map(evidenceTable))
        let lines = table.render(headerStyle: style.bold).split(separator: "\n", omittingEmptySubsequences: false)
        text += lines[0] + "\n"
        for (index, requirement) in shown.enumerated() {
            let row = String(lines[index + 1])
            text += (requirement.gap > 0 ? row : style.dim(row)) + "\n"
            text += requirement.evidence.isEmpty
                ? "      " + style.dim("no evidence as of \(Formatting.runAsOf(view.asOf))") + "\n"
                : evidence[index].render(headerStyle: style.dim)
        }
        return text
    }

    private func evidenceTable(_ requirement: Workforce.RequirementGap) -> TextTable {
        var table = TextTable(
            [
                .init("SOURCE"), .init("OBSERVED"), .init("LEVEL", .right), .init("AGE (DAYS)", .right),
                .init("DECAY", .right), .init("WEIGHT", .right),
                .init("STATUS", style: { $0.hasPrefix("counted") ? $0 : style.dim($0) }),
            ], indent: "      ")
        for row in requirement.evidence {
            table.add([
                row.source, Formatting.asOf(row.observedAt), Formatting.decimal(row.level),
                "\(Int(row.ageDays.rounded()))", Formatting.decimal(row.decay, places: 3),
                Formatting.decimal(row.weight, places: 3), row.status,
            ])
        }
        return table
    }
}
