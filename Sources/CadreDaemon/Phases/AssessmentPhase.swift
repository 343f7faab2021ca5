import CadreEngine
import CadreStore
import CadreWire

/// Phase 2: per-person proficiency estimates and the gap map per person, team, role level and
/// organisation, at the run's as-of time, from the evidence pinned to its data version and the
/// taxonomy the taxonomy phase fixed for the run. The payload is the engine's binary gap map;
/// everyone's estimates of every skill at T are kept beside it (`RunEstimates`), so the later
/// phases of the run need not read the evidence again.
public actor AssessmentPhase: Phase {
    public static let name = "assessment"
    public static let dependencies = [TaxonomyPhase.name]

    public init() {}

    public func run(_ job: PhaseJob, context: PhaseContext) async throws -> PhaseOutput {
        context.progress(0, of: 4, "reading the run's taxonomy")
        let taxonomy = try RunInputs.taxonomy(of: job.runID, from: context.store)
        let compiled = try CompiledTaxonomy(taxonomy)
        let policy = try RunInputs.policy(job.policy)

        context.progress(1, of: 4, "reading people and evidence at data version \(job.dataVersion)")
        let clock = ContinuousClock()
        var started = clock.now
        let loaded = try AssessmentInputLoader(reader: context.store, taxonomy: compiled, policy: policy)
            .load(dataVersion: job.dataVersion)
        let readTime = clock.now - started

        context.progress(
            2, of: 4, "assessing \(loaded.input.personCount) people from \(loaded.input.evidenceCount) evidence rows")
        started = clock.now
        let gapMap = try GapMap(assessing: loaded.input, asOf: job.asOf, policy: policy)
        let computeTime = clock.now - started
        started = clock.now
        let estimates = try SkillEstimates(assessing: loaded.input, asOf: job.asOf, policy: policy)
        let estimateTime = clock.now - started

        context.progress(3, of: 4, "encoding the gap map and \(estimates.skills.count) estimates")
        started = clock.now
        let payload = gapMap.encoded()
        let kept = RunEstimates.artifact(estimates)
        var summary = AssessmentSummary(gapMap: gapMap, loaded: loaded)
        summary.readMilliseconds = readTime.milliseconds
        summary.computeMilliseconds = computeTime.milliseconds
        summary.estimateMilliseconds = estimateTime.milliseconds
        summary.encodeMilliseconds = (clock.now - started).milliseconds
        context.progress(4, of: 4, "\(summary.meeting) of \(summary.people) people meet their role level")
        return PhaseOutput(summary: try WireJSON.value(summary), payload: payload, artifacts: [kept])
    }
}

/// A run's inputs as persisted by earlier phases, shared by phases and by the views over them.
enum RunInputs {
    static func taxonomy(of runID: Int64, from reader: StoreReader) throws -> Taxonomy {
        guard let result = try reader.phaseResult(runID: runID, phase: TaxonomyPhase.name) else {
            throw PhaseError(code: "assessment.no-taxonomy-result", message: "run \(runID) has no taxonomy phase result")
        }
        return try WireJSON.decode(Taxonomy.self, from: result.payload)
    }

    /// The run's people placed in its taxonomy, numbered by ascending id as the assessment numbers
    /// them, with their role level numbers.
    static func roster(of job: PhaseJob, reader: StoreReader, taxonomy: CompiledTaxonomy) throws -> (ids: [String], roleLevels: [Int32]) {
        let placed = try reader.people(atDataVersion: job.dataVersion).compactMap { person -> (String, Int32)? in
            taxonomy.roleLevelIndex(RoleLevelRef(role: person.role, rung: person.rung)).map { (person.externalID, Int32($0)) }
        }.sorted { $0.0 < $1.0 }
        return (placed.map(\.0), placed.map(\.1))
    }

    static func policy(_ value: JSONValue) throws -> AssessmentPolicy {
        if case .object(let object) = value, object.isEmpty { return .standard }
        return try WireJSON.convert(value, to: AssessmentPolicy.self)
    }
}

/// Headline figures of an assessment, as `cadrectl runs show` prints them.
struct AssessmentSummary: Codable, Sendable {
    struct TopGap: Codable, Sendable {
        var skill: String
        var weightedGap: Double
    }

    var people: Int
    var teams: Int
    var evidenceRows: Int
    var evidenceUsed: Int
    var skippedEvidence: Int
    var unplacedPeople: Int
    var meanReadiness: Double
    var meeting: Int
    var topGaps: [TopGap]
    /// Where the worker's time went: reading the pinned inputs, the gap map, everyone's estimates
    /// of every skill (kept for the later phases), encoding both.
    var readMilliseconds = 0.0
    var computeMilliseconds = 0.0
    var estimateMilliseconds = 0.0
    var encodeMilliseconds = 0.0

    init(gapMap: GapMap, loaded: AssessmentInputLoader.Loaded) {
        people = gapMap.personCount
        teams = gapMap.teamIDs.count
        evidenceRows = loaded.evidenceRows
        evidenceUsed = loaded.input.evidenceCount
        skippedEvidence = loaded.skippedEvidence
        unplacedPeople = loaded.unplacedPeople
        if gapMap.org.count > 0, gapMap.personCount > 0 {
            meanReadiness = gapMap.org.meanReadiness[0]
            meeting = Int(gapMap.org.meetingCount[0])
            topGaps = gapMap.org.topSkills(of: 0, count: 5).map {
                TopGap(skill: gapMap.taxonomy.skillIDs[$0.skill], weightedGap: $0.weightedGap)
            }
        } else {
            meanReadiness = 0
            meeting = 0
            topGaps = []
        }
    }
}
