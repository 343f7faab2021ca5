import CadreWire

/// Learning plans as an L&D lead reads them: what closing the gaps by training costs, in money
/// and in hours, for whom, by what kind of provider, and which gaps no course closes.
struct PlanText {
    let style: Style
    let top: Int

    /// Minor units as a decimal amount: 123456 → `1,234.56`.
    static func money(_ minor: Int64) -> String {
        let sign = minor < 0 ? "-" : ""
        let value = minor.magnitude
        let cents = value % 100
        return sign + grouped(value / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Hundredths of an hour: 1250 → `12.5`, 1200 → `12`.
    static func hours(_ hundredths: Int64) -> String {
        let whole = hundredths / 100, rest = hundredths % 100
        guard rest != 0 else { return grouped(UInt64(whole)) }
        let fraction = rest % 10 == 0 ? String(rest / 10) : (rest < 10 ? "0" : "") + String(rest)
        return grouped(UInt64(whole)) + "." + fraction
    }

    private static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }

    func render(_ view: Workforce.PlansView) -> String {
        var text = style.bold("learning plans") + " of run #\(view.runId), as of \(Formatting.runAsOf(view.asOf))\n"
        guard view.catalogueLoaded else { return text + "  \(view.hidden ?? "no course catalogue")\n" }
        if let plan = view.plan { return text + person(plan) }
        text += style.bold(view.summary.name) + ": " + summary(view.summary, budget: view.budget) + "\n"
        if let kinds = view.summary.costByKind, view.summary.cost != nil {
            text += "  by provider kind: " + kinds.map { "\($0.kind) \(Self.money($0.cost)) / \(Self.hours($0.hours)) h" }
                .joined(separator: ", ") + "\n"
        }
        if !view.teams.isEmpty { text += "\n" + groups("TEAMS", view.teams) }
        if !view.roleLevels.isEmpty { text += "\n" + groups("ROLE LEVELS", view.roleLevels) }
        if !view.uncoverable.isEmpty {
            text += "\n" + style.bold("UNCOVERABLE SKILLS") + " (no course closes them; people blocked)\n"
            for skill in view.uncoverable { text += "  \(skill.skillName) (\(skill.skill)): \(skill.people)\n" }
        }
        if let people = view.people {
            text += "\n" + style.bold("PEOPLE") + ", costliest plan first\n"
            var table = TextTable(
                [.init("PERSON"), .init("ROLE LEVEL"), .init("COURSES", .right), .init("COST", .right), .init("HOURS", .right),
                 .init("READY BY"), .init("UNCOVERABLE", .right), .init("FUNDED")], indent: "  ")
            for line in people.prefix(top) {
                table.add([
                    "\(line.id) \(line.name)", line.roleLevel, "\(line.courses)", Self.money(line.cost), Self.hours(line.hours),
                    line.courses > 0 ? line.readyBy : "-", "\(line.uncoverable)", line.funded.map { $0 ? "yes" : "no" } ?? "-",
                ])
            }
            text += table.render(headerStyle: style.bold)
            if people.count > top { text += "  … \(people.count - top) more (--top)\n" }
        }
        if let hidden = view.hidden { text += "  not shown: \(hidden)\n" }
        return text
    }

    private func summary(_ group: Workforce.PlanRollup, budget: Int64?) -> String {
        let people = group.headcount == 1 ? "1 person" : "\(group.headcount) people"
        guard let cost = group.cost, let hours = group.hours, let withPlans = group.peopleWithPlans else {
            return "\(people); its figures are withheld (see below)"
        }
        var text = "\(people), \(withPlans) with a plan, total \(Self.money(cost)) and \(Self.hours(hours)) h"
        if let blocked = group.peopleBlocked, blocked > 0 { text += "; \(blocked) with a gap no course closes" }
        if let budget, let funded = group.peopleFunded, let costFunded = group.costFunded {
            text += "\n  budget \(Self.money(budget)): \(funded) plans funded for \(Self.money(costFunded))"
        }
        return text
    }

    private func groups(_ title: String, _ groups: [Workforce.PlanRollup]) -> String {
        var table = TextTable(
            [.init(title), .init("PEOPLE", .right), .init("WITH PLANS", .right), .init("COST", .right), .init("HOURS", .right)],
            indent: "  ")
        for group in groups.sorted(by: { ($0.cost ?? 0, $1.name) > ($1.cost ?? 0, $0.name) }) {
            table.add([
                group.name, "\(group.headcount)", group.peopleWithPlans.map { "\($0)" } ?? "-",
                group.cost.map(Self.money) ?? "-", group.hours.map(Self.hours) ?? "-",
            ])
        }
        return table.render(headerStyle: style.bold)
    }

    private func person(_ plan: Workforce.PersonPlan) -> String {
        var text = style.bold("\(plan.person) \(plan.name)") + " toward \(plan.roleLevel)\(plan.own ? " (their own role level)" : "")\n"
        if plan.steps.isEmpty && plan.uncoverable.isEmpty {
            return text + "  no course needed: every requirement is within the tolerance\n"
        }
        for (index, step) in plan.steps.enumerated() {
            let why = step.closes.isEmpty ? "prerequisite of a later course" : "closes " + step.closes.joined(separator: ", ")
            text += "  \(index + 1). \(step.course) — \(step.title) (\(step.kind), \(Self.money(step.cost)), \(Self.hours(step.hours)) h): \(why)\n"
        }
        text += "  total \(Self.money(plan.cost)), \(Self.hours(plan.hours)) h, \(Formatting.plural(plan.weeks, "week")): ready by \(plan.readyBy)\n"
        text += plan.status == "optimal"
            ? "  proven least-cost\n" : "  best found within the search budget (cost ≥ \(Self.money(plan.lowerBound ?? 0)) for any plan)\n"
        if let funded = plan.funded { text += "  budget: \(funded ? "funded" : "not funded")\n" }
        for target in plan.uncoverable {
            text += "  " + style.red("uncoverable") + ": \(target.skill) at level \(target.requiredLevel) (estimate \(Formatting.decimal(target.estimate))): no course closes it\n"
        }
        return text
    }
}
