import ArgumentParser
import CadreWire

extension Cadrectl {
    struct CredentialsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "credentials",
            abstract: "Credential status, coverage and the renewal worklist; load the credential catalogue.",
            discussion: """
                A holding is valid from the day it was earned until its expiry, expiring within the \
                renewal lead (90 days), expired after; a retired credential cannot be renewed and \
                moves to its successor. Holdings count as credential evidence in assessment while valid; \
                an Open Badge counts only when its signature was verified against a trusted issuer key \
                (the VERIFIED column of --person: verified, unverified, or not-applicable for the \
                organisation's own records).
                """,
            subcommands: [Show.self, Load.self], defaultSubcommand: Show.self)
    }
}

extension Cadrectl.CredentialsCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Holdings by credential and status, coverage per role level (the default).")

        @Option(help: ArgumentHelp("One person's holdings (operators).", valueName: "id"))
        var person: String?

        @Flag(help: "The renewal worklist (operators): renew, or move to the successor, with cost and expiry.")
        var worklist = false

        @Option(help: ArgumentHelp("With --worklist: only items expiring within DAYS (overdue ones always).", valueName: "days"))
        var within: Int?

        @Option(name: .customLong("run"), help: ArgumentHelp("This run instead of the latest.", valueName: "id"))
        var runID: Int64?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if within != nil, !worklist { throw ValidationError("--within goes with --worklist") }
            if let within, within < 0 { throw ValidationError("--within must not be negative") }
        }

        func run() throws {
            let link = DaemonLink(connection)
            let reply = try link.call(
                .getCredentials, Workforce.GetCredentialsParameters(run: runID, person: person, within: within), as: JSONValue.self)
            if output.json {
                Console.line(JSONText.pretty(reply["view"] ?? reply))
                return
            }
            let view = try link.decode(reply["view"] ?? .null, as: Workforce.CredentialsView.self)
            Console.out(PeopleRiskText(style: Style(enabled: Terminal.standardOutput().colours)).credentials(view, worklist: worklist, person: person))
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate the credential catalogue and store it as the one in force.")

        @Argument(help: ArgumentHelp("Credential catalogue files or folders (*.yaml, *.yml, *.json).", valueName: "path"))
        var paths: [String]

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("name at least one catalogue file or folder") }
        }

        func run() throws {
            let link = DaemonLink(connection)
            try link.connect()
            let files = try TaxonomyFiles.read(paths, extensions: ["yaml", "yml", "json"])
            let reply = try link.call(
                .loadCatalogue,
                Workforce.LoadCatalogueParameters(kind: "credentials", files: files, source: TaxonomyFiles.source(of: paths)),
                as: JSONValue.self)
            if output.json {
                Console.line(JSONText.pretty(reply))
                return
            }
            let version = try link.decode(reply["version"] ?? .null, as: Workforce.CatalogueVersion.self)
            Console.line(
                version.unchanged
                    ? "unchanged: the files equal the credential catalogue in force; nothing stored"
                    : "credential catalogue loaded: \(Formatting.plural(version.items, "credential")), data version \(version.dataVersion)")
        }
    }
}

extension Cadrectl {
    struct Retention: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attrition risk: the model, attrition by segment, the people most at risk and why.",
            discussion: """
                Risk = σ(β0 + Σ βi·xi) over signals such as an overdue promotion, no next rung, research \
                time below policy, no conference in 12 months, a recent manager change. β is fitted on \
                the organisation's own history when it has at least 30 voluntary leavers in the last year, \
                else the configured illustrative defaults. People at risk are shown to operators only.
                """)

        @Option(help: ArgumentHelp("One team.", valueName: "team"))
        var team: String?

        @Option(help: ArgumentHelp("One person's signals and risk (operators).", valueName: "id"))
        var person: String?

        @Option(name: .customLong("run"), help: ArgumentHelp("This run instead of the latest.", valueName: "id"))
        var runID: Int64?

        @Option(help: ArgumentHelp("How many people to list.", valueName: "n"))
        var top = 10

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if team != nil, person != nil { throw ValidationError("give --team or --person, not both") }
            if !(1...1000).contains(top) { throw ValidationError("--top must be between 1 and 1000") }
        }

        func run() throws {
            let link = DaemonLink(connection)
            let reply = try link.call(
                .getRetention, Workforce.GetRetentionParameters(run: runID, team: team, person: person, top: top), as: JSONValue.self)
            if output.json {
                Console.line(JSONText.pretty(reply["view"] ?? reply))
                return
            }
            let view = try link.decode(reply["view"] ?? .null, as: Workforce.RetentionView.self)
            Console.out(PeopleRiskText(style: Style(enabled: Terminal.standardOutput().colours)).retention(view))
        }
    }
}
