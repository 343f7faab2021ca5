import CadreEngine
import CadreStore
import CadreWire

/// Phase 5: the status of every credential holding on the run's as-of date D (valid, expiring,
/// expired, retired), coverage of the credentials each rung recommends, and the renewal worklist,
/// from the credential catalogue and holdings in force at the run's data version. The payload is
/// the engine's `CredentialingResult`. Without a credential catalogue it succeeds empty, saying so.
public actor CredentialingPhase: Phase {
    public static let name = "credentialing"
    public static let dependencies = [AssessmentPhase.name]

    public init() {}

    public func run(_ job: PhaseJob, context: PhaseContext) async throws -> PhaseOutput {
        context.progress(0, of: 3, "reading the credential catalogue and holdings at data version \(job.dataVersion)")
        guard let credentials = try CredentialInputs.load(reader: context.store, dataVersion: job.dataVersion) else {
            return PhaseOutput(summary: .object(["catalogueLoaded": .bool(false)]), payload: [])
        }
        let taxonomy = try RunInputs.taxonomy(of: job.runID, from: context.store)
        let compiled = try CompiledTaxonomy(taxonomy)
        let policies = try PhasePolicies.pinned(in: job.policy)
        // The people of the run, numbered and placed as the assessment placed them.
        let roster = try RunInputs.roster(of: job, reader: context.store, taxonomy: compiled)
        context.progress(1, of: 3, "\(credentials.holdings.count) holdings of \(roster.ids.count) people")
        let input = try CredentialingInput(
            asOf: AsOfDay.of(job.asOf), catalogue: credentials.catalogue, taxonomy: compiled, holdings: credentials.holdings,
            personIDs: roster.ids, personRoleLevel: roster.roleLevels,
            recommended: CredentialingInput.recommendations(of: taxonomy, compiled: compiled),
            renewalLeadDays: policies.credentialing.renewalLeadDays)
        let result = Credentialing.run(input)
        context.progress(2, of: 3, "\(result.worklist.count) renewals on the worklist")
        let summary = CredentialingSummary(result)
        context.progress(3, of: 3, "\(summary.valid) valid, \(summary.expiring) expiring, \(summary.expired) expired")
        return PhaseOutput(summary: try WireJSON.value(summary), payload: try result.encoded())
    }
}

/// Headline figures of a credentialing phase.
struct CredentialingSummary: Codable, Sendable {
    var catalogueLoaded = true
    var holdings: Int
    var valid: Int
    var expiring: Int
    var expired: Int
    var worklist: Int
    var worklistCost: Int64

    init(_ result: CredentialingResult) {
        holdings = result.holdings.count
        valid = result.byCredential.reduce(0) { $0 + $1.valid }
        expiring = result.byCredential.reduce(0) { $0 + $1.expiring }
        expired = result.byCredential.reduce(0) { $0 + $1.expired }
        worklist = result.worklist.count
        worklistCost = result.worklistCost
    }
}
