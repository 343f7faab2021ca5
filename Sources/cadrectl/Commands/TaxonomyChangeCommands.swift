import ArgumentParser
import CadreEngine
import CadreWire

extension Cadrectl.TaxonomyCommand {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check taxonomy files without loading them; needs no daemon.",
            discussion: """
                Each PATH is a file or a folder (its *.yaml and *.yml files, sorted by name); all of \
                them together form one taxonomy. Every problem is printed to standard error as \
                file:line:column: [code] field: message (hint), and the exit code is 1.
                """)

        @Argument(help: ArgumentHelp("Taxonomy files or folders.", valueName: "path"))
        var paths: [String]

        @Flag(help: "Print the counts, or every error, as JSON on standard output.")
        var json = false

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("name at least one taxonomy file or folder") }
        }

        func run() throws {
            let files = try TaxonomyFiles.read(paths)
            let taxonomy: Taxonomy
            do {
                taxonomy = try TaxonomyParser.parse(files.map { TaxonomySource(name: $0.name, contents: $0.contents) })
            } catch {
                if json {
                    Console.line(JSONText.pretty(["errors": error.errors]))
                    throw CommandFailure(ExitStatus.failed, lines: [])
                }
                throw FailureReport.invalidInput(error.errors)
            }
            let counts = Workforce.TaxonomyCounts(
                skills: taxonomy.skills.count, roles: taxonomy.roles.count, roleLevels: taxonomy.roleLevelCount)
            if json {
                Console.line(JSONText.pretty(counts))
            } else {
                Console.line("ok: \(Formatting.plural(counts.skills, "skill")), \(Formatting.plural(counts.roles, "role")), "
                    + "\(Formatting.plural(counts.roleLevels, "role level")) in \(Formatting.plural(files.count, "file"))")
            }
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate taxonomy files and store them as a new taxonomy version.",
            discussion: """
                Each PATH is a file or a folder (its *.yaml and *.yml files, sorted by name). cadrectl \
                reads the files and sends their contents; files equal to the latest version store nothing.
                """)

        @Argument(help: ArgumentHelp("Taxonomy files or folders.", valueName: "path"))
        var paths: [String]

        @Option(help: ArgumentHelp("Where the files came from, as versions list it (default: their paths).", valueName: "text"))
        var source: String?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("name at least one taxonomy file or folder") }
        }

        func run() throws {
            let link = DaemonLink(connection)
            try link.connect()
            let files = try TaxonomyFiles.read(paths)
            let parameters = Workforce.LoadTaxonomyParameters(files: files, source: source ?? TaxonomyFiles.source(of: paths))
            let reply = try link.call(.loadTaxonomy, parameters, as: JSONValue.self)
            try TaxonomyVersionText.print(reply, link: link, json: output.json)
        }
    }

    struct ImportNICE: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-nice",
            abstract: "Import the NICE Framework JSON (NIST's CPRT export) as a new taxonomy version.")

        @Argument(help: ArgumentHelp("The NICE Framework JSON file.", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Level (1–5) for each imported requirement (default 3).", valueName: "n"))
        var defaultLevel: Int?

        @Option(help: ArgumentHelp("Importance (1–5) for each imported requirement (default 3).", valueName: "n"))
        var defaultImportance: Int?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let defaultLevel, !(1...5).contains(defaultLevel) {
                throw ValidationError("--default-level must be between 1 and 5")
            }
            if let defaultImportance, !(1...5).contains(defaultImportance) {
                throw ValidationError("--default-importance must be between 1 and 5")
            }
        }

        func run() throws {
            let link = DaemonLink(connection)
            try link.connect()
            let contents = try TaxonomyFiles.contents(of: file)
            let parameters = Workforce.ImportNICEParameters(
                file: Workforce.SourceFile(name: file, contents: contents), defaultLevel: defaultLevel,
                defaultImportance: defaultImportance)
            let reply = try link.call(.importNICE, parameters, as: JSONValue.self)
            try TaxonomyVersionText.print(reply, link: link, json: output.json)
        }
    }
}

/// What `load` and `import-nice` print about the version they stored (or found unchanged).
enum TaxonomyVersionText {
    static func print(_ reply: JSONValue, link: DaemonLink, json: Bool) throws {
        if json {
            Console.line(JSONText.pretty(reply))
            return
        }
        let version = try link.decode(reply["taxonomy"] ?? .null, as: Workforce.TaxonomyVersion.self)
        let counts = "\(Formatting.plural(version.skills, "skill")), \(Formatting.plural(version.roles, "role")), "
            + "\(Formatting.plural(version.roleLevels, "role level"))"
        if version.unchanged {
            Console.line("unchanged: the files equal taxonomy version \(version.version) (\(counts)); nothing stored")
        } else {
            Console.line("taxonomy version \(version.version) loaded: \(counts), data version \(version.dataVersion), "
                + "digest \(version.digest.prefix(12))")
        }
    }
}
