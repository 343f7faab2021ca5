import ArgumentParser
import CadreWire

extension Cadrectl {
    struct Plans: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the learning plans a run made: the organisation, a team, a role level or a person.",
            discussion: """
                Each person's plan is the least-cost set of courses from the catalogue that closes every \
                gap to their role level beyond the tolerance (then least hours, fewest courses), in an \
                order where each course's prerequisites hold; gaps no course can close are listed as \
                uncoverable. --person P --toward ROLE@RUNG plans toward another role level on demand. \
                Readers see group figures only; per-person plans are for operators. Amounts are in the \
                catalogue's currency; hours have two decimals.
                """)

        @Option(help: ArgumentHelp("One team.", valueName: "team"))
        var team: String?

        @Option(help: ArgumentHelp("One role level, ROLE@RUNG.", valueName: "role"))
        var role: String?

        @Option(help: ArgumentHelp("One person's plan, course by course (operators).", valueName: "id"))
        var person: String?

        @Option(help: ArgumentHelp("With --person: plan toward this role level instead of their own.", valueName: "role"))
        var toward: String?

        @Option(name: .customLong("run"), help: ArgumentHelp("This run instead of the latest.", valueName: "id"))
        var runID: Int64?

        @Option(help: ArgumentHelp("How many uncoverable skills and people to list.", valueName: "n"))
        var top = 10

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            let scopes = [team, role, person].compactMap { $0 }
            if scopes.count > 1 { throw ValidationError("give only one of --team, --role and --person") }
            if toward != nil, person == nil { throw ValidationError("--toward goes with --person") }
            for value in [role, toward].compactMap({ $0 }) where !(Gaps.isRoleLevel(value) && value.contains("@")) {
                throw ValidationError("'\(value)' is not ROLE@RUNG")
            }
            if !(1...1000).contains(top) { throw ValidationError("--top must be between 1 and 1000") }
        }

        func run() throws {
            let link = DaemonLink(connection)
            let parameters = Workforce.GetPlansParameters(
                run: runID, team: team, roleLevel: role, person: person, toward: toward, top: top)
            let reply = try link.call(.getPlans, parameters, as: JSONValue.self)
            if output.json {
                Console.line(JSONText.pretty(reply["view"] ?? reply))
                return
            }
            let view = try link.decode(reply["view"] ?? .null, as: Workforce.PlansView.self)
            Console.out(PlanText(style: Style(enabled: Terminal.standardOutput().colours), top: top).render(view))
        }
    }
}
