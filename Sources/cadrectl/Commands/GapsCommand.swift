import ArgumentParser
import CadreWire

extension Cadrectl {
    struct Gaps: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the capability gaps a run found: the organisation, a team, a role or a person.",
            discussion: """
                Reads the gap map of the latest run whose assessment finished (or of --run ID, or the \
                latest as of --as-of DATE). Readiness for a role level is 1 − Σ importance×gap / \
                Σ importance×level; a person meets a level when every gap is within the tolerance. \
                The person view shows each requirement with the evidence behind its estimate, each \
                row's decay and weight: why the figure is what it is.
                """)

        @Flag(help: "The whole organisation (the default): role levels, top skill gaps, teams.")
        var org = false

        @Option(help: ArgumentHelp("One team, named as the people file names it.", valueName: "team"))
        var team: String?

        @Option(help: ArgumentHelp("One role, or one level of it: ROLE or ROLE@LEVEL (ml-engineer@2).", valueName: "role"))
        var role: String?

        @Option(help: ArgumentHelp("One person, by external id: every requirement and the evidence behind it.", valueName: "id"))
        var person: String?

        @Option(help: ArgumentHelp(
            "The latest run as of this time: YYYY-MM-DD (midnight UTC) or an RFC 3339 time.", valueName: "date"))
        var asOf: String?

        @Option(name: .customLong("run"), help: ArgumentHelp("This run instead of the latest.", valueName: "id"))
        var runID: Int64?

        @Option(help: ArgumentHelp(
            "How many skill gaps to list (and, for a person, requirements).", valueName: "n"))
        var top = 10

        @Flag(help: "Every team (organisation view) or every requirement (person view), not just the top.")
        var all = false

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            let scopes = [org ? "--org" : nil, team.map { _ in "--team" }, role.map { _ in "--role" }, person.map { _ in "--person" }]
                .compactMap { $0 }
            if scopes.count > 1 { throw ValidationError("give only one of \(scopes.joined(separator: ", "))") }
            for (name, value) in [("--team", team), ("--role", role), ("--person", person)] where value?.isEmpty == true {
                throw ValidationError("\(name) needs a value")
            }
            if let role, !Self.isRoleLevel(role) {
                throw ValidationError("--role '\(role)' is not ROLE or ROLE@LEVEL (a whole number from 1)")
            }
            if let asOf, Timestamp.parse(asOf) == nil {
                throw ValidationError("--as-of '\(asOf)' is not a date (YYYY-MM-DD) or an RFC 3339 time")
            }
            if let runID, runID < 1 { throw ValidationError("--run must be 1 or more") }
            if runID != nil, asOf != nil { throw ValidationError("give --run or --as-of, not both") }
            if !(1...1000).contains(top) { throw ValidationError("--top must be between 1 and 1000") }
        }

        static func isRoleLevel(_ text: String) -> Bool {
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard let id = parts.first, !id.isEmpty, parts.count <= 2 else { return false }
            guard parts.count == 2 else { return true }
            return Int(parts[1]).map { $0 >= 1 } ?? false
        }

        func run() throws {
            let link = DaemonLink(connection)
            // The person view lists requirements itself; the daemon's `top` caps the skill-gap lists.
            let parameters = Workforce.GetGapsParameters(
                run: runID, asOf: asOf, team: team, roleLevel: role, person: person, top: top)
            let reply = try link.call(.getGaps, parameters, as: JSONValue.self)
            if output.json {
                Console.line(JSONText.pretty(reply["view"] ?? reply))
                return
            }
            let view = try link.decode(reply["view"] ?? .null, as: Workforce.GapView.self)
            let style = Style(enabled: Terminal.standardOutput().colours)
            let text = GapText(style: style, top: top, all: all)
            switch view.scope {
            case "person": Console.out(PersonGapText(style: style, top: all ? nil : top).render(view))
            case "org": Console.out(text.organisation(view))
            default: Console.out(text.group(view))
            }
        }
    }
}
