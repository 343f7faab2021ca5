import CadreEngine
import CadreStore
import CadreWire

/// Store and engine values as the control protocol shows them.
enum APIMapping {
    static func taxonomyVersion(_ info: TaxonomyVersionInfo) -> Workforce.TaxonomyVersion {
        Workforce.TaxonomyVersion(
            version: info.version, dataVersion: info.dataVersion,
            loadedAt: Timestamp.format(epochMilliseconds: info.loadedAt), source: info.source, digest: info.digest,
            skills: info.skills, roles: info.roles, roleLevels: info.roleLevels, unchanged: info.unchanged)
    }

    /// A run with one entry per registered phase, pending ones included, in pipeline order.
    static func run(_ record: RunRecord) -> Workforce.Run {
        let recorded = Dictionary(record.phases.map { ($0.phase, $0) }, uniquingKeysWith: { first, _ in first })
        let phases = PhaseRegistry.names.map { name -> Workforce.PhaseRun in
            guard let phase = recorded[name] else {
                return Workforce.PhaseRun(
                    phase: name, state: "pending", attempts: 0, startedAt: nil, finishedAt: nil, summary: nil, error: nil)
            }
            return Workforce.PhaseRun(
                phase: name, state: phase.state.rawValue, attempts: phase.attempts,
                startedAt: phase.startedAt.map { Timestamp.format(epochMilliseconds: $0) },
                finishedAt: phase.finishedAt.map { Timestamp.format(epochMilliseconds: $0) },
                // Summaries are JSON the supervisor wrote; one that no longer parses shows as absent.
                summary: phase.summary.flatMap { try? WireJSON.decode(JSONValue.self, from: Array($0.utf8)) },
                error: phase.error)
        }
        return Workforce.Run(
            id: record.id, state: record.state.rawValue, trigger: record.trigger,
            asOf: Timestamp.format(epochSeconds: record.asOf), dataVersion: record.dataVersion,
            taxonomyVersion: record.taxonomyVersion, createdAt: Timestamp.format(epochMilliseconds: record.createdAt),
            startedAt: record.startedAt.map { Timestamp.format(epochMilliseconds: $0) },
            finishedAt: record.finishedAt.map { Timestamp.format(epochMilliseconds: $0) }, error: record.error,
            phases: phases)
    }

    static func skill(_ skill: CadreEngine.Skill) -> Workforce.Skill {
        Workforce.Skill(
            id: skill.id, name: skill.name, discipline: skill.discipline.rawValue, description: skill.description,
            onet: skill.onet, nice: skill.nice)
    }

    static func role(_ role: CadreEngine.Role, in taxonomy: Taxonomy) -> Workforce.Role {
        let names = Dictionary(taxonomy.skills.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return Workforce.Role(
            id: role.id, name: role.name, description: role.description,
            levels: role.levels.map { level in
                Workforce.RoleLevel(
                    rung: level.rung, title: level.title,
                    requirements: level.requirements.map {
                        Workforce.Requirement(
                            skill: $0.skill, skillName: names[$0.skill] ?? $0.skill, level: $0.level,
                            importance: $0.importance)
                    })
            })
    }

    static func roleSummary(_ role: CadreEngine.Role) -> Workforce.RoleSummary {
        let skills = Set(role.levels.flatMap { $0.requirements.map(\.skill) })
        return Workforce.RoleSummary(id: role.id, name: role.name, levels: role.levels.count, skills: skills.count)
    }
}

/// A varlink error reply: a stable name and its parameters.
struct ControlFailure: Error {
    var name: String
    var parameters: JSONValue

    init<T: Encodable>(_ name: String, _ parameters: T) {
        self.name = name
        // Error parameters are strings and integers: they cannot fail to encode.
        self.parameters = (try? WireJSON.value(parameters)) ?? .object([:])
    }

    static let shuttingDown = ControlFailure(Workforce.ErrorName.shuttingDown, Workforce.Empty())

    static func invalidParameter(_ parameter: String, _ message: String) -> ControlFailure {
        ControlFailure(
            Workforce.ErrorName.invalidParameter, Workforce.InvalidParameterError(parameter: parameter, message: message))
    }

    /// Located input errors, as `InvalidTaxonomy` or `InvalidImport` depending on what was read.
    static func invalidInput(_ errors: [InputError], for method: Workforce.Method) -> ControlFailure {
        let name: String
        switch method {
        case .beginImport, .importChunk, .commitImport, .abortImport, .importBadges: name = Workforce.ErrorName.invalidImport
        case .loadCatalogue: name = Workforce.ErrorName.invalidCatalogue
        default: name = Workforce.ErrorName.invalidTaxonomy
        }
        return ControlFailure(name, Workforce.InvalidInputError(errors))
    }

    var bytes: [UInt8] {
        // The fallback is a well-formed Internal error, should the encoder ever refuse.
        (try? VarlinkCodec.encodeError(name, parameters))
            ?? Array(#"{"error":"io.cadre.Workforce.Internal","parameters":{"message":"encoding"}}"#.utf8) + [0]
    }
}
