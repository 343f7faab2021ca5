import ArgumentParser
import CadreWire

extension Cadrectl {
    struct Sourcing: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "The dual-track plan: who is ready, who is upskilled in time, internal transfers, hires by channel.",
            discussion: """
                For each role level of the workforce plan (cadrectl import plan FILE): the people who \
                already meet it, those whose learning plan makes them ready by the due date (cheapest \
                first), the transfers that fill most seats with the most ready people, and hires for the \
                rest through the cheapest channel that fills in time (else the earliest, marked late). \
                Channels are configuration (channels.yaml). Names are shown to operators only.
                """)

        @Option(help: ArgumentHelp("One planned role level, ROLE@RUNG, with who (operators).", valueName: "role"))
        var role: String?

        @Option(name: .customLong("run"), help: ArgumentHelp("This run instead of the latest.", valueName: "id"))
        var runID: Int64?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let link = DaemonLink(connection)
            let reply = try link.call(.getSourcing, Workforce.GetSourcingParameters(run: runID, roleLevel: role), as: JSONValue.self)
            if output.json {
                Console.line(JSONText.pretty(reply["view"] ?? reply))
                return
            }
            let view = try link.decode(reply["view"] ?? .null, as: Workforce.SourcingView.self)
            Console.out(SourcingText(style: Style(enabled: Terminal.standardOutput().colours)).render(view))
        }
    }
}

/// The dual-track plan as a workforce planner reads it.
struct SourcingText {
    let style: Style

    func render(_ view: Workforce.SourcingView) -> String {
        var text = style.bold("dual-track plan") + " of run #\(view.runId), as of \(Formatting.runAsOf(view.asOf))\n"
        guard view.planLoaded, let totals = view.totals else { return text + "  \(view.hidden ?? "no workforce plan")\n" }
        var table = TextTable(
            [.init("ROLE LEVEL"), .init("DUE"), .init("TARGET", .right), .init("CAPABLE", .right), .init("UPSKILL", .right),
             .init("TRANSFER", .right), .init("HIRE", .right), .init("LATE", .right), .init("UNFILLED", .right), .init("COST", .right)],
            indent: "  ")
        for row in view.roleLevels {
            table.add([
                row.roleLevel, row.due, "\(row.target)", "\(row.capable)", "\(row.upskill)", "\(row.transfersIn)", "\(row.hires)",
                "\(row.lateHires)", "\(row.unfilled)", PlanText.money(row.upskillCost + row.transferCost + row.hireCost),
            ])
        }
        text += table.render(headerStyle: style.bold)
        text += "totals: \(totals.target) seats — \(totals.capable) capable, \(totals.upskill) upskilled, \(totals.transfers) transfers, "
            + "\(totals.hires) hires (\(totals.lateHires) late), \(totals.unfilled) unfilled\n"
        text += "build \(PlanText.money(totals.buildCost)) vs buy \(PlanText.money(totals.buyCost)); "
            + (totals.fullStaffing.map { "fully staffed by \($0)" } ?? "not fully staffed (unfilled seats)") + "\n"
        if !view.hiresByQuarter.isEmpty {
            text += "\n" + style.bold("HIRING TIMELINE") + "\n"
            for quarter in view.hiresByQuarter {
                text += "  \(quarter.quarter)  \(quarter.channel): \(quarter.hires) hire\(quarter.hires == 1 ? "" : "s"), \(PlanText.money(quarter.cost))\n"
            }
        }
        if let detail = view.detail {
            text += "\n" + style.bold(detail.roleLevel) + "\n"
            text += "  capable: " + (detail.capable.isEmpty ? "nobody" : detail.capable.joined(separator: ", ")) + "\n"
            for person in detail.upskill {
                text += "  upskill \(person.person) \(person.name) (\(person.team)): \(PlanText.money(person.cost)), ready by \(person.readyBy)\n"
            }
            for person in detail.spare {
                text += "  spare   \(person.person) \(person.name): \(PlanText.money(person.cost)), ready by \(person.readyBy)\n"
            }
            for transfer in detail.transfers {
                text += "  transfer \(transfer.person) \(transfer.name) from \(transfer.from) (\(transfer.team)), readiness \(Formatting.percent(transfer.readiness)), plan \(PlanText.money(transfer.planCost))\n"
            }
            for hire in detail.hires {
                text += "  hire via \(hire.channel): \(PlanText.money(hire.cost)), fills \(hire.fillDate)\(hire.lateDays > 0 ? ", \(hire.lateDays) days late" : "")\n"
            }
        }
        if let hidden = view.hidden { text += "  not shown: \(hidden)\n" }
        return text
    }
}
