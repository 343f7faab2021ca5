import CadreEngine
import Glibc
import CadreStore
import CadreWire

/// Phase 4: least-cost learning plans toward each person's own role level, from the course
/// catalogue in force at the run's data version and every person's estimates at T (those the
/// assessment kept, or for a run assessed without them recomputed through the assessment's own
/// loader and kernel: the same bits either way). The payload is the engine's binary `TrainingResult`.
///
/// Without a course catalogue the phase succeeds with no plans and says so: a run must not fail
/// because an organisation has not loaded one yet.
public actor TrainingPhase: Phase {
    public static let name = "training"
    public static let dependencies = [AssessmentPhase.name]

    public init() {}

    public func run(_ job: PhaseJob, context: PhaseContext) async throws -> PhaseOutput {
        context.progress(0, of: 4, "reading the course catalogue at data version \(job.dataVersion)")
        guard let document = try context.store.document(.courseCatalogue, atDataVersion: job.dataVersion) else {
            return PhaseOutput(summary: try WireJSON.value(TrainingSummary(noCatalogue: ())), payload: [])
        }
        let clock = ContinuousClock()
        var started = clock.now
        let inputs = try PlanningInputs.load(
            job, reader: context.store, catalogue: try WireJSON.decode(CourseCatalogue.self, from: document.content))
        let read = (clock.now - started).milliseconds
        context.progress(
            1, of: 4,
            "planning for \(inputs.people.count) people over \(inputs.catalogue.courseCount) courses (estimates from \(inputs.estimatesSource.rawValue))")
        started = clock.now
        let result = CadreEngine.TrainingPhase.run(
            TrainingInput(
                taxonomy: inputs.taxonomy, catalogue: inputs.catalogue, estimates: inputs.estimates, people: inputs.people,
                settings: inputs.settings, budget: inputs.policies.training.budget),
            threads: PlanningThreads.count)
        let compute = (clock.now - started).milliseconds
        context.progress(3, of: 4, "encoding \(result.personCount) plans")
        var summary = TrainingSummary(result, catalogue: document)
        summary.estimates = inputs.estimatesSource.rawValue
        summary.readMilliseconds = read
        summary.computeMilliseconds = compute
        context.progress(4, of: 4, "\(summary.peopleWithPlans) people with plans, \(summary.distinctProblems) distinct problems")
        return PhaseOutput(summary: try WireJSON.value(summary), payload: result.encoded())
    }
}

/// Threads for planning: the processors online, at most 8. The plans do not depend on it.
enum PlanningThreads {
    static var count: Int { max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// What planning reads for a run: its taxonomy, the catalogue compiled against it, everyone's
/// estimates at T, the people with the courses they completed, and the pinned settings. Shared by
/// the training and sourcing phases and the on-demand "plan toward another role level" view.
struct PlanningInputs {
    /// Where the estimates at T came from.
    enum EstimatesSource: String {
        /// Kept by the run's assessment phase: only the completions were read of the evidence.
        case assessment
        /// Computed from the evidence: for one person (a view), or a run assessed without them.
        case evidence
    }

    var taxonomy: CompiledTaxonomy
    var catalogue: CompiledCatalogue
    var estimates: SkillEstimates
    var estimatesSource: EstimatesSource
    var people: TrainingPeople
    /// Per person (as in `people`): the hire date as seconds since the epoch, when it parses.
    var hiredAt: [Int64?]
    var settings: PlanningSettings
    var policies: PhasePolicies

    static func load(
        _ job: PhaseJob, reader: StoreReader, catalogue courses: CourseCatalogue, personFilter: String? = nil
    ) throws -> PlanningInputs {
        let taxonomy = try CompiledTaxonomy(try RunInputs.taxonomy(of: job.runID, from: reader))
        let policy = try RunInputs.policy(job.policy)
        let policies = try PhasePolicies.pinned(in: job.policy)
        let catalogue = try CompiledCatalogue(courses, taxonomy: taxonomy)
        let loader = AssessmentInputLoader(reader: reader, taxonomy: taxonomy, policy: policy)
        // Everyone: the people and their completions, with the estimates the assessment kept.
        // One person (a view), or a run whose assessment kept none: everything from the evidence.
        var kept: (loaded: AssessmentInputLoader.Loaded, estimates: SkillEstimates)?
        if personFilter == nil {
            // The estimates blob decodes while the people and completions are read.
            let (estimates, loaded) = try Concurrently.run(
                { try RunEstimates.kept(runID: job.runID, reader: reader) },
                { try loader.load(dataVersion: job.dataVersion, reading: .completionsOnly) })
            if let estimates, RunEstimates.fit(estimates, loaded.input) { kept = (loaded, estimates) }
        }
        let loaded: AssessmentInputLoader.Loaded, estimates: SkillEstimates
        if let kept {
            (loaded, estimates) = kept
        } else {
            loaded = try loader.load(dataVersion: job.dataVersion, personFilter: personFilter, reading: .evidenceAndCompletions)
            estimates = try SkillEstimates(assessing: loaded.input, asOf: job.asOf, policy: policy)
        }
        let input = loaded.input
        // Completed courses are the training evidence naming a course of this catalogue.
        // Hundreds of thousands of rows name a few thousand courses: one hash lookup each.
        var completions = [[(course: Int32, day: CalendarDay)]](repeating: [], count: input.personCount)
        let courseOfID = Dictionary(uniqueKeysWithValues: catalogue.courseIDs.enumerated().map { ($1, $0) })
        for row in loaded.trainingReferences {
            guard let course = courseOfID[row.reference] else { continue }
            let day = CalendarDay(daysSinceEpoch: row.observedAt >= 0 ? row.observedAt / 86_400 : (row.observedAt - 86_399) / 86_400)
            completions[Int(row.person)].append((Int32(course), day))
        }
        let people = try TrainingPeople(
            ids: input.personIDs, team: input.personTeam, teamIDs: input.teamIDs, roleLevel: input.personRoleLevel,
            completions: completions, courseCount: catalogue.courseCount, roleLevelCount: taxonomy.roleLevelCount)
        let settings = PlanningSettings(
            tolerance: policy.meetsTolerance, asOf: AsOfDay.of(job.asOf),
            weeklyLearningHours: policies.training.weeklyLearningHours, searchBudget: policies.training.searchBudget)
        return PlanningInputs(
            taxonomy: taxonomy, catalogue: catalogue, estimates: estimates, estimatesSource: kept == nil ? .evidence : .assessment,
            people: people, hiredAt: loaded.hiredAt, settings: settings, policies: policies)
    }
}

/// Headline figures of a training phase, as `cadrectl runs show` prints them.
struct TrainingSummary: Codable, Sendable {
    var catalogueLoaded: Bool
    var catalogueDataVersion: Int64?
    var catalogueDigest: String?
    var courses = 0
    var people = 0
    var peopleWithPlans = 0
    var peopleBlocked = 0
    var cost: Int64 = 0
    var hours: Int64 = 0
    var distinctProblems = 0
    var boundedPlans = 0
    var budget: Int64?
    var peopleFunded: Int?
    var costFunded: Int64?
    var topUncoverable: [UncoverableSkill] = []
    /// Where the estimates at T came from (`PlanningInputs.EstimatesSource`).
    var estimates: String?
    /// Reading the inputs (catalogue, people, completions, estimates), and planning.
    var readMilliseconds = 0.0
    var computeMilliseconds = 0.0

    init(noCatalogue: Void) {
        catalogueLoaded = false
    }

    init(_ result: TrainingResult, catalogue: StoredDocument) {
        let organisation = result.organisation
        catalogueLoaded = true
        catalogueDataVersion = catalogue.dataVersion
        catalogueDigest = catalogue.digest
        courses = result.courseIDs.count
        people = result.personCount
        peopleWithPlans = organisation.peopleWithPlans
        peopleBlocked = organisation.peopleBlocked
        cost = organisation.cost
        hours = organisation.hours
        distinctProblems = result.distinctProblems
        boundedPlans = result.boundedPlans
        budget = result.budget
        if result.budget != nil {
            peopleFunded = organisation.peopleFunded
            costFunded = organisation.costFunded
        }
        topUncoverable = Array(result.uncoverableSkills.prefix(5))
    }
}
