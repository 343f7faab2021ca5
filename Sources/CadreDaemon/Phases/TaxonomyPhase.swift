import CadreEngine
import CadreStore
import CadreWire

/// Phase 1: fixes the taxonomy a run uses. It reads the version the run pinned, checks it again
/// against the engine's rules (a stored document written by an older build must still hold), and
/// persists it with the run, so later phases and later readers see exactly what this run saw.
public actor TaxonomyPhase: Phase {
    public static let name = "taxonomy"
    public static let dependencies: [String] = []

    public init() {}

    public func run(_ job: PhaseJob, context: PhaseContext) async throws -> PhaseOutput {
        context.progress(0, of: 2, "reading taxonomy version \(job.taxonomyVersion)")
        guard let taxonomy = try context.store.taxonomy(version: job.taxonomyVersion) else {
            throw PhaseError(
                code: "taxonomy.missing-version",
                message: "taxonomy version \(job.taxonomyVersion) is not in the store")
        }
        let summary = TaxonomySummary(taxonomy, version: job.taxonomyVersion)
        context.progress(1, of: 2, "\(summary.skills) skills, \(summary.roleLevels) role levels")
        let payload = try WireJSON.encode(taxonomy)
        context.progress(2, of: 2, "taxonomy fixed for run \(job.runID)")
        return PhaseOutput(summary: try WireJSON.value(summary), payload: payload)
    }
}

/// Headline figures of a taxonomy, as an L&D lead would first ask for them.
struct TaxonomySummary: Codable, Sendable {
    var version: Int64?
    var digest: String
    var skills: Int
    var roles: Int
    var roleLevels: Int
    var requirements: Int
    var skillsByDiscipline: [String: Int]
    /// Skills no role level requires: candidates for pruning, or a sign a role is missing.
    var unusedSkills: [String]

    init(_ taxonomy: Taxonomy, version: Int64? = nil) {
        self.version = version
        digest = taxonomy.digest
        skills = taxonomy.skills.count
        roles = taxonomy.roles.count
        roleLevels = taxonomy.roleLevelCount
        var required = Set<String>()
        var count = 0
        for role in taxonomy.roles {
            for level in role.levels {
                count += level.requirements.count
                for requirement in level.requirements { required.insert(requirement.skill) }
            }
        }
        requirements = count
        skillsByDiscipline = Dictionary(grouping: taxonomy.skills, by: \.discipline.rawValue).mapValues(\.count)
        unusedSkills = taxonomy.skills.map(\.id).filter { !required.contains($0) }
    }
}
