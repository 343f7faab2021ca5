import CadreEngine
import CadreStore
import CadreWire

/// Phase 6: attrition-risk signals and risk per person with their top reasons, the model (fitted
/// on the organisation's own history when it has enough leavers, else the configured defaults),
/// and attrition by segment, from the people and HR events in force at the run's data version.
/// Estimates at T are those the assessment kept (`RunEstimates`); those at the ends of D − 365
/// and D − 730, for the fitting and out-of-time snapshots, come from the assessment's own loader
/// and kernel, so this phase still reads the evidence. The payload is the engine's binary
/// `RetentionResult`.
public actor RetentionPhase: Phase {
    public static let name = "retention"
    public static let dependencies = [AssessmentPhase.name]

    public init() {}

    public func run(_ job: PhaseJob, context: PhaseContext) async throws -> PhaseOutput {
        context.progress(0, of: 3, "reading people, evidence and HR events at data version \(job.dataVersion)")
        let taxonomy = try RunInputs.taxonomy(of: job.runID, from: context.store)
        let compiled = try CompiledTaxonomy(taxonomy)
        let policy = try RunInputs.policy(job.policy)
        let loaded = try AssessmentInputLoader(reader: context.store, taxonomy: compiled, policy: policy).load(dataVersion: job.dataVersion)
        let input = loaded.input
        let stored = Dictionary(
            try context.store.people(atDataVersion: job.dataVersion).map { ($0.externalID, $0) }, uniquingKeysWith: { a, _ in a })
        let people = try input.personIDs.map { id -> ImportedPerson in
            guard let person = stored[id], let hired = InstantText.parse(person.hireDate) else {
                throw PhaseError(code: "retention.bad-person", message: "person \(id) has no readable hire date")
            }
            return ImportedPerson(
                externalID: id, name: person.name, team: person.team, manager: person.manager, role: person.role, rung: person.rung,
                hireDate: CalendarDay(daysSinceEpoch: hired / 86_400), location: person.location)
        }
        var events = Set<HREvent>()
        for batch in try context.store.batches(.hrEvents, atDataVersion: job.dataVersion) {
            events.formUnion(try WireJSON.decode([HREvent].self, from: batch.content))
        }
        let ladder = try RetentionLadder(
            taxonomy: compiled, expectedMonths: compiled.roleLevels.map { taxonomy.role($0.role)?.level($0.rung)?.expectedMonths })
        let history = try RetentionHistory(people: people, events: Array(events), ladder: ladder)
        context.progress(1, of: 3, "\(people.count) people, \(events.count) HR events; estimates at T, T − 365 d, T − 730 d")
        let year: Int64 = 365 * 86_400
        let estimates: SkillEstimates
        if let kept = try RunEstimates.kept(runID: job.runID, reader: context.store), RunEstimates.fit(kept, input) {
            estimates = kept
        } else {
            estimates = try SkillEstimates(assessing: input, asOf: job.asOf, policy: policy)
        }
        let oneYear = try SkillEstimates(assessing: input, asOf: job.asOf - year, policy: policy)
        let twoYears = try SkillEstimates(assessing: input, asOf: job.asOf - 2 * year, policy: policy)
        var retention = RetentionPolicy.standard
        retention.meetsTolerance = policy.meetsTolerance
        let result = try RetentionResult(
            history: history, asOf: AsOfDay.of(job.asOf), estimates: estimates, estimatesOneYearEarlier: oneYear,
            estimatesTwoYearsEarlier: twoYears, policy: retention)
        context.progress(2, of: 3, "model: \(result.model.source.rawValue)")
        let summary = RetentionSummary(result)
        context.progress(3, of: 3, "mean risk \(summary.meanRisk), model \(summary.model)")
        return PhaseOutput(summary: try WireJSON.value(summary), payload: result.encoded())
    }
}

/// Headline figures of a retention phase.
struct RetentionSummary: Codable, Sendable {
    var people: Int
    var meanRisk: Double
    var model: String
    var auc: Double?
    var outOfTimeAUC: Double?

    init(_ result: RetentionResult) {
        people = result.people.count
        meanRisk = result.distribution.mean
        model = result.model.source.rawValue
        auc = result.model.fitting.auc
        outOfTimeAUC = result.model.outOfTime.auc
    }
}
