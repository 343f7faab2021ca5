import ArgumentParser
import CadreEngine
import CadreWire

extension Cadrectl {
    struct CatalogueCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "catalogue",
            abstract: "Load and read the course catalogue learning plans are made from.",
            discussion: """
                A catalogue is YAML, CSV or JSON (docs/TRAINING.md): each course with its cost, hours, \
                the skills and levels it teaches and the ones it expects beforehand. Loading stores a \
                new data version (runs pin it); files equal to the catalogue in force store nothing.
                """,
            subcommands: [Load.self, List.self, Show.self])
    }
}

extension Cadrectl.CatalogueCommand {
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate catalogue files (or folders of them) and store them as the catalogue in force.")

        @Argument(help: ArgumentHelp("Catalogue files or folders (*.yaml, *.yml, *.csv, *.json).", valueName: "path"))
        var paths: [String]

        @Option(help: ArgumentHelp("Where the files came from (default: their paths).", valueName: "text"))
        var source: String?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("name at least one catalogue file or folder") }
        }

        func run() throws {
            let link = DaemonLink(connection)
            try link.connect()
            let files = try TaxonomyFiles.read(paths, extensions: ["yaml", "yml", "csv", "json"])
            let parameters = Workforce.LoadCatalogueParameters(
                kind: "courses", files: files, source: source ?? TaxonomyFiles.source(of: paths))
            let reply = try link.call(.loadCatalogue, parameters, as: JSONValue.self)
            if output.json {
                Console.line(JSONText.pretty(reply))
                return
            }
            let version = try link.decode(reply["version"] ?? .null, as: Workforce.CatalogueVersion.self)
            let what = "\(Formatting.plural(version.items, "course"))"
            Console.line(
                version.unchanged
                    ? "unchanged: the files equal the catalogue in force (\(what), data version \(version.dataVersion)); nothing stored"
                    : "course catalogue loaded: \(what), data version \(version.dataVersion), digest \(version.digest.prefix(12))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the courses of the catalogue in force.")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let (version, courses, reply) = try CatalogueReader.read(connection)
            if output.json {
                Console.line(JSONText.pretty(reply))
                return
            }
            let style = Style(enabled: Terminal.standardOutput().colours)
            Console.line(style.bold("course catalogue") + ", data version \(version.dataVersion) (\(version.source))")
            var table = TextTable(
                [.init("COURSE"), .init("KIND"), .init("COST", .right), .init("HOURS", .right), .init("TEACHES"), .init("TITLE")],
                indent: "  ")
            for course in courses {
                table.add([
                    course.id, course.kind.rawValue, PlanText.money(course.cost), PlanText.hours(Int64(course.hours)),
                    course.teaches.map { "\($0.skill)@\($0.level)" }.joined(separator: " "), course.title,
                ])
            }
            Console.out(table.render(headerStyle: style.bold))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One course: what it teaches, what it expects, what it costs.")

        @Argument(help: ArgumentHelp("The course id.", valueName: "id"))
        var id: String

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let (_, courses, _) = try CatalogueReader.read(connection)
            guard let course = courses.first(where: { $0.id == id }) else {
                throw CommandFailure(ExitStatus.failed, "no course '\(id)' in the catalogue in force (cadrectl catalogue list)")
            }
            if output.json {
                Console.line(JSONText.pretty(course))
                return
            }
            Console.line("\(course.id): \(course.title)")
            Console.line("  provider       \(course.provider) (\(course.kind.rawValue))")
            Console.line("  cost, hours    \(PlanText.money(course.cost)), \(PlanText.hours(Int64(course.hours))) h")
            Console.line("  teaches        \(course.teaches.map { "\($0.skill)@\($0.level)" }.joined(separator: ", "))")
            let prerequisites = course.prerequisites.map { "\($0.skill)@\($0.level)" }.joined(separator: ", ")
            Console.line("  prerequisites  \(prerequisites.isEmpty ? "none" : prerequisites)")
            if !course.tags.isEmpty { Console.line("  tags           \(course.tags.joined(separator: ", "))") }
        }
    }
}

/// The catalogue in force, as the daemon sends it: the engine's own `CourseCatalogue`.
enum CatalogueReader {
    static func read(_ connection: ConnectionOptions) throws -> (Workforce.CatalogueVersion, [Course], JSONValue) {
        let link = DaemonLink(connection)
        let reply = try link.call(.getCatalogue, Workforce.GetCatalogueParameters(kind: "courses"), as: JSONValue.self)
        let version = try link.decode(reply["version"] ?? .null, as: Workforce.CatalogueVersion.self)
        let catalogue = try link.decode(reply["document"] ?? .null, as: CourseCatalogue.self)
        return (version, catalogue.courses, reply)
    }
}
