import ArgumentParser
import CadreWire
import Foundation

extension Cadrectl {
    struct TaxonomyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "taxonomy",
            abstract: "Read the loaded taxonomy; validate, load or import taxonomy files.",
            discussion: "Files are YAML in Cadre's format (docs/TAXONOMY.md); the default taxonomy is Config/taxonomy/.",
            subcommands: [Roles.self, Skills.self, Show.self, Versions.self, Validate.self, Load.self, ImportNICE.self])
    }
}

/// Which stored taxonomy a read command looks at.
struct TaxonomyVersionOption: ParsableArguments {
    @Option(help: ArgumentHelp("A stored taxonomy version (default: the latest).", valueName: "n"))
    var version: Int64?

    func validate() throws {
        if let version, version < 1 { throw ValidationError("--version must be 1 or more") }
    }
}

extension Cadrectl.TaxonomyCommand {
    struct Roles: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the roles with their count of levels and skills.")

        @OptionGroup var version: TaxonomyVersionOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let link = DaemonLink(connection)
            let parameters = Workforce.VersionParameters(version: version.version)
            guard let reply = try link.read(.listRoles, parameters, as: Workforce.RolesReply.self, json: output.json) else { return }
            let style = Style(enabled: Terminal.standardOutput().colours)
            var table = TextTable([.init("ID"), .init("NAME"), .init("LEVELS", .right), .init("SKILLS", .right)])
            for role in reply.roles { table.add([role.id, role.name, "\(role.levels)", "\(role.skills)"]) }
            Console.line("taxonomy version \(reply.version): \(Formatting.plural(reply.roles.count, "role"))")
            Console.out(table.render(headerStyle: style.bold))
        }
    }

    struct Skills: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the skills with their discipline and O*NET and NICE references.")

        @OptionGroup var version: TaxonomyVersionOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let link = DaemonLink(connection)
            let parameters = Workforce.VersionParameters(version: version.version)
            guard let reply = try link.read(.listSkills, parameters, as: Workforce.SkillsReply.self, json: output.json) else { return }
            let style = Style(enabled: Terminal.standardOutput().colours)
            var table = TextTable([.init("ID"), .init("NAME"), .init("DISCIPLINE"), .init("O*NET"), .init("NICE")])
            for skill in reply.skills {
                table.add([
                    skill.id, skill.name, skill.discipline, skill.onet.joined(separator: ","),
                    skill.nice.joined(separator: ","),
                ])
            }
            Console.line("taxonomy version \(reply.version): \(Formatting.plural(reply.skills.count, "skill"))")
            Console.out(table.render(headerStyle: style.bold))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a role: each level with its requirements (skill, level, importance).")

        @Argument(help: "The role's id, as `cadrectl taxonomy roles` lists it.")
        var role: String

        @OptionGroup var version: TaxonomyVersionOption
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let link = DaemonLink(connection)
            let parameters = Workforce.GetRoleParameters(id: role, version: version.version)
            guard let reply = try link.read(.getRole, parameters, as: Workforce.RoleReply.self, json: output.json) else { return }
            Console.out(Self.text(reply.role, version: reply.version, style: Style(enabled: Terminal.standardOutput().colours)))
        }

        static func text(_ role: Workforce.Role, version: Int64, style: Style) -> String {
            var text = style.bold("\(TerminalText.escaped(role.id))  \(TerminalText.escaped(role.name))") + "  (taxonomy version \(version))\n"
            // A description keeps its line breaks; nothing else of it may act on the terminal.
            if !role.description.isEmpty {
                text += role.description.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { TerminalText.escaped(String($0)) }.joined(separator: "\n") + "\n"
            }
            let levels = role.levels.sorted { $0.rung < $1.rung }
            let tables = TextTable.aligned(levels.map { level in
                var table = TextTable(
                    [.init("SKILL"), .init("NAME"), .init("LEVEL"), .init("IMPORTANCE", .right)], indent: "  ")
                for requirement in level.requirements {
                    table.add([
                        requirement.skill, requirement.skillName, levelName(requirement.level), "\(requirement.importance)",
                    ])
                }
                return table
            })
            for (level, table) in zip(levels, tables) {
                text += "\n" + style.bold("rung \(level.rung)  \(TerminalText.escaped(level.title))") + "\n"
                text += table.render(headerStyle: style.bold)
            }
            return text
        }

        /// The 0–5 scale's words next to the number, so a table reads without the docs.
        static func levelName(_ level: Int) -> String {
            let names = ["none", "awareness", "working", "practitioner", "expert", "authority"]
            return names.indices.contains(level) ? "\(level) \(names[level])" : "\(level)"
        }
    }

    struct Versions: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stored taxonomy versions.")

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let link = DaemonLink(connection)
            guard let versions = try link.read(.listTaxonomyVersions, Workforce.Empty(), as: Workforce.TaxonomyVersionsReply.self, json: output.json)?.versions else { return }
            guard !versions.isEmpty else {
                Console.line("no taxonomy loaded: cadrectl taxonomy load Config/taxonomy")
                return
            }
            let style = Style(enabled: Terminal.standardOutput().colours)
            var table = TextTable([
                .init("VERSION", .right), .init("DATA", .right), .init("LOADED"), .init("SKILLS", .right),
                .init("ROLES", .right), .init("LEVELS", .right), .init("DIGEST"), .init("SOURCE"),
            ])
            for version in versions {
                table.add([
                    "\(version.version)", "\(version.dataVersion)", Formatting.localTime(version.loadedAt),
                    "\(version.skills)", "\(version.roles)", "\(version.roleLevels)", String(version.digest.prefix(12)),
                    version.source,
                ])
            }
            Console.out(table.render(headerStyle: style.bold))
        }
    }
}
