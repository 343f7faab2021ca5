import CadreWire

/// Credential status and attrition risk as an L&D lead reads them.
struct PeopleRiskText {
    let style: Style

    func credentials(_ view: Workforce.CredentialsView, worklist: Bool, person: String?) -> String {
        var text = style.bold("credentials") + " of run #\(view.runId), as of \(Formatting.runAsOf(view.asOf))\n"
        guard view.catalogueLoaded else { return text + "  \(view.hidden ?? "no credential catalogue")\n" }
        if let holdings = view.holdings, let person {
            text += style.bold(person) + ": \(Formatting.plural(holdings.count, "holding"))\n"
            var table = TextTable(
                [.init("CREDENTIAL"), .init("EARNED"), .init("EXPIRES"), .init("STATUS"), .init("VERIFIED")], indent: "  ")
            for holding in holdings {
                table.add([
                    "\(holding.credential) \(holding.name)", holding.earnedOn, holding.expiresOn ?? "never",
                    holding.status + (holding.retired ? ", retired" : ""), holding.verification,
                ])
            }
            text += table.render(headerStyle: style.bold)
        } else if !worklist {
            var table = TextTable(
                [.init("CREDENTIAL"), .init("VALID", .right), .init("EXPIRING", .right), .init("EXPIRED", .right), .init("")],
                indent: "  ")
            for count in view.byCredential {
                table.add(["\(count.credential) \(count.name)", "\(count.valid)", "\(count.expiring)", "\(count.expired)", count.retired ? "retired" : ""])
            }
            text += view.byCredential.isEmpty ? "  no holdings\n" : table.render(headerStyle: style.bold)
            let covered = view.coverage.filter { !$0.recommended.isEmpty }
            if !covered.isEmpty {
                text += "\n" + style.bold("COVERAGE") + " of recommended credentials\n"
                for level in covered {
                    let share = level.covered.map { level.headcount > 0 ? "\($0)/\(level.headcount) (\(Formatting.percent(Double($0) / Double(level.headcount))))" : "-" } ?? "withheld"
                    text += "  \(level.roleLevel): \(share) — \(level.recommended.joined(separator: ", "))\n"
                }
            }
        }
        text += "\nrenewal worklist: \(view.worklistCount) item\(view.worklistCount == 1 ? "" : "s"), \(PlanText.money(Int64(view.worklistCost)))\n"
        if worklist || person != nil, let items = view.worklist {
            var table = TextTable(
                [.init("EXPIRES"), .init("PERSON"), .init("CREDENTIAL"), .init("STATUS"), .init("ACTION"), .init("COST", .right)],
                indent: "  ")
            for item in items {
                let action = item.action == "successor" ? "successor \(item.target ?? "")" : item.action
                table.add([item.expiresOn, "\(item.person) \(item.name)", item.credential, item.status, action, PlanText.money(Int64(item.cost))])
            }
            text += items.isEmpty ? "" : table.render(headerStyle: style.bold)
        }
        if let hidden = view.hidden { text += "  not shown: \(hidden)\n" }
        return text
    }

    func retention(_ view: Workforce.RetentionView) -> String {
        var text = style.bold("attrition risk") + " of run #\(view.runId), as of \(Formatting.runAsOf(view.asOf))\n"
        let model = view.model
        text += "model: \(model.source) (\(model.reason))"
        if let auc = model.auc { text += ", AUC \(Formatting.decimal(auc, places: 3))" }
        if let outOfTime = model.outOfTimeAUC { text += ", out-of-time AUC \(Formatting.decimal(outOfTime, places: 3))" }
        text += "\n  β: " + model.coefficients.map { "\($0.signal) \(Formatting.decimal($0.value, places: 3))" }.joined(separator: ", ") + "\n"
        if let person = view.person {
            text += "\n" + style.bold("\(person.person) \(person.name)") + " (\(person.team), \(person.roleLevel)): risk \(Formatting.percent(person.risk))\n"
            text += "  signals: " + person.signals.map { "\($0.signal) \(Formatting.decimal($0.value))" }.joined(separator: ", ") + "\n"
            text += "  reasons: " + (person.reasons.isEmpty ? "none" : person.reasons.map { "\($0.signal) (+\(Formatting.decimal($0.value, places: 3)))" }.joined(separator: ", ")) + "\n"
            return text
        }
        text += "\(view.headcount) people"
        if let mean = view.meanRisk { text += ", mean risk \(Formatting.percent(mean))" }
        text += "\n"
        if !view.segments.isEmpty {
            text += "\n" + style.bold("ATTRITION") + ", voluntary departures over the last year / mean headcount\n"
            var table = TextTable(
                [.init("SEGMENT"), .init("START", .right), .init("END", .right), .init("LEFT", .right), .init("RATE", .right)], indent: "  ")
            for segment in view.segments {
                table.add([
                    "\(segment.dimension): \(segment.key)", "\(segment.headcountStart)", "\(segment.headcountEnd)",
                    "\(segment.voluntaryDepartures)", segment.rate.map(Formatting.percent) ?? "-",
                ])
            }
            text += table.render(headerStyle: style.bold)
        }
        if let people = view.people, !people.isEmpty {
            text += "\n" + style.bold("HIGHEST RISK") + "\n"
            var table = TextTable([.init("PERSON"), .init("TEAM"), .init("ROLE LEVEL"), .init("RISK", .right), .init("REASONS")], indent: "  ")
            for line in people {
                table.add(["\(line.person) \(line.name)", line.team, line.roleLevel, Formatting.percent(line.risk), line.reasons.joined(separator: ", ")])
            }
            text += table.render(headerStyle: style.bold)
        }
        if let hidden = view.hidden { text += "  not shown: \(hidden)\n" }
        return text
    }
}
