import ArgumentParser
import CadreWire

extension Cadrectl {
    struct ImportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import people, evidence or course completions: all rows or none.",
            discussion: """
                The file is CSV, a JSON array or JSON Lines (docs/IMPORT.md); - reads standard input. \
                cadrectl streams it to cadred in pieces, which checks every row as it arrives and \
                stores the whole file in one transaction, or nothing of it. Every problem is printed \
                to standard error as file:line:column: [code] field: message (hint), and the exit \
                code is 1. Ctrl-C drops the import.
                """,
            subcommands: [People.self, Evidence.self, Completions.self, Credentials.self, HREvents.self, Plan.self, Badges.self])
    }
}

/// What `import people` and `import evidence` share.
struct ImportFlags: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json, detect
    }

    @Argument(help: ArgumentHelp("The file to import; - reads standard input.", valueName: "file"))
    var file: String

    @Flag(help: "Check every row and report, but store nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp(
        "csv, json (an array or JSON Lines) or detect: JSON when the text starts with [ or {.", valueName: "format"))
    var format: Format = .detect

    @Flag(help: "Skip columns (JSON keys) the format does not define, instead of rejecting the file.")
    var ignoreUnknownColumns = false

    func validate() throws {
        if file.isEmpty { throw ValidationError("name a file to import, or - for standard input") }
    }
}

extension Cadrectl.ImportCommand {
    struct People: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import people (external_id, name, team, manager, role, level, hire_date, location).",
            discussion: "Roles and levels are checked against the latest taxonomy; managers may come later in the file.")

        @OptionGroup var flags: ImportFlags
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try ImportUpload(kind: "people", flags: flags, socketPath: connection.socketPath, json: output.json).run()
        }
    }

    struct Evidence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import evidence (person, skill, value, scale, source, observed_at, assessor, reference, valid_until).",
            discussion: "Each person must be imported already; skills are checked against the latest taxonomy.")

        @OptionGroup var flags: ImportFlags
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try ImportUpload(kind: "evidence", flags: flags, socketPath: connection.socketPath, json: output.json).run()
        }
    }

    struct Completions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import course completions (person, course, completed_on).",
            discussion: """
                Each completion becomes training evidence: one row per skill the course teaches, at the \
                level it teaches, observed on the completion date and naming the course — so the next \
                run counts it, and does not offer the course to that person again. People must be \
                imported and courses in the loaded catalogue; a date after today is refused.
                """)

        @OptionGroup var flags: ImportFlags
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try ImportUpload(kind: "completions", flags: flags, socketPath: connection.socketPath, json: output.json).run()
        }
    }

    struct Credentials: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import credential holdings (person, credential, earned_on, expires_on, reference).",
            discussion: """
                Credentials must be in the loaded credential catalogue; expires_on defaults to earned_on \
                plus the credential's validity. Valid holdings count as credential evidence in assessment.
                """)

        @OptionGroup var flags: ImportFlags
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try ImportUpload(kind: "credentials", flags: flags, socketPath: connection.socketPath, json: output.json).run()
        }
    }

    struct HREvents: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hr-events",
            abstract: "Import HR events: promotions, departures, manager changes, research time, conferences.",
            discussion: "Columns and kinds: docs/RETENTION.md. Hire dates come from the people file.")

        @OptionGroup var flags: ImportFlags
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try ImportUpload(kind: "hr-events", flags: flags, socketPath: connection.socketPath, json: output.json).run()
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the workforce plan (role, rung, headcount, due, note): it replaces the plan in force.",
            discussion: "One row per role level; due dates not before today. Columns: docs/SOURCING.md.")

        @OptionGroup var flags: ImportFlags
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try ImportUpload(kind: "plan", flags: flags, socketPath: connection.socketPath, json: output.json).run()
        }
    }

    struct Badges: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import Open Badges 3.0 credentials (files, or folders of *.json and *.jwt) as credential holdings.",
            discussion: """
                Each recipient is matched to a person and each achievement to a catalogue credential as \
                badges.yaml in cadred's configuration says (docs/CREDENTIALS.md). A VC-JWT badge whose \
                signature verifies under a key badges.yaml trusts for its issuer (trustedIssuers) is \
                verified and counts as assessment evidence; a badge of an untrusted issuer, or with a proof \
                Cadre does not verify (Data Integrity proofs, none), is unverified — shown, never counted. \
                A trusted issuer's badge whose signature does not verify rejects the whole import: nothing \
                is stored. The reply lists each badge with its verification and, when unverified, why.
                """)

        @Argument(help: ArgumentHelp("Badge files or folders.", valueName: "path"))
        var paths: [String]

        @Flag(help: "Check and match every badge, store nothing.")
        var dryRun = false

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("name at least one badge file or folder") }
        }

        func run() throws {
            let link = DaemonLink(connection)
            try link.connect()
            let files = try TaxonomyFiles.read(paths, extensions: ["json", "jwt"])
            let reply = try link.call(
                .importBadges, Workforce.ImportBadgesParameters(files: files, dryRun: dryRun ? true : nil), as: JSONValue.self)
            if output.json {
                Console.line(JSONText.pretty(reply))
                return
            }
            let outcome = try link.decode(reply, as: Workforce.ImportBadgesReply.self)
            Console.line(BadgeText.text(outcome, style: Style(enabled: Terminal.standardOutput().colours)))
        }
    }
}
