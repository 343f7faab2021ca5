import CadreEngine
import CadreWire

/// Credential status of a run as people read it: holdings by credential and status, coverage of
/// the credentials each rung recommends, the renewal worklist, one person's holdings. Readers see
/// counts and coverage of groups of `smallTeamThreshold` people or more, never a person's holdings
/// or the worklist.
struct CredentialViews {
    let results: PhaseResults

    func view(_ parameters: Workforce.GetCredentialsParameters, seesPeople: Bool) async throws -> Workforce.CredentialsView {
        let run = try await results.run(parameters.run, phase: CredentialingPhase.name)
        let loaded = try results.load(run, phase: CredentialingPhase.name) { try CredentialingResult(decoding: $0) }
        guard let result = loaded.result else {
            return Workforce.CredentialsView(
                runId: run.id, asOf: loaded.asOf, catalogueLoaded: false, byCredential: [], coverage: [], worklistCount: 0,
                worklistCost: 0, hidden: "no credential catalogue was loaded at this run's data version: cadrectl credentials load Config/credentials")
        }
        let catalogue = try results.reader().document(.credentialCatalogue, atDataVersion: run.dataVersion)
            .map { try WireJSON.decode(CredentialCatalogue.self, from: $0.content) }
        let name = { (id: String) in catalogue?.credential(id)?.name ?? id }
        var notes: [String] = []
        let disclosure = loaded.disclosure(seesPeople: seesPeople)
        let showsCounts = disclosure.showsFigures(ofGroupOf: loaded.names.count)
        let counts = showsCounts
            ? result.byCredential.filter { $0.valid + $0.expiring + $0.expired > 0 }.map {
                Workforce.CredentialCount(
                    credential: $0.credential, name: name($0.credential), valid: $0.valid, expiring: $0.expiring, expired: $0.expired,
                    retired: $0.retired)
            } : []
        if !showsCounts { notes.append("counts by credential (the organisation has under \(loaded.policy.smallTeamThreshold) people)") }
        // No organisation-wide coverage is shown, so the role levels are not a partition of a
        // shown whole: each is shown by its own size.
        let visible = Set(disclosure.shown(result.coverage) { $0.headcount }.map(\.roleLevel))
        let withheld = result.coverage.count - visible.count
        let coverage = result.coverage.map { level -> Workforce.CoverageView in
            Workforce.CoverageView(
                roleLevel: level.roleLevel.description, recommended: level.recommended, headcount: level.headcount,
                covered: visible.contains(level.roleLevel) ? level.covered : nil)
        }
        if withheld > 0 { notes.append("coverage of \(withheld) role level\(withheld == 1 ? "" : "s") under \(loaded.policy.smallTeamThreshold) people") }
        let items = parameters.within.map { result.worklist(within: $0) } ?? result.worklist
        var view = Workforce.CredentialsView(
            runId: run.id, asOf: loaded.asOf, catalogueLoaded: true, byCredential: counts, coverage: coverage,
            worklistCount: items.count, worklistCost: Int(items.reduce(Int64(0)) { $0 + $1.cost }))
        if seesPeople {
            view.worklist = items.map {
                Workforce.RenewalView(
                    person: $0.person, name: loaded.names[$0.person] ?? $0.person, credential: $0.credential,
                    expiresOn: $0.expiresOn.description, status: $0.status.rawValue, daysToExpiry: Int($0.daysToExpiry),
                    retired: $0.retired, action: $0.action.rawValue, target: $0.target, cost: Int($0.cost))
            }
        } else {
            notes.append("the renewal worklist names people: operators only")
        }
        if let person = parameters.person {
            try disclosure.requirePeople(.getCredentials, uid: -1, what: "a person's credentials")
            guard loaded.names[person] != nil else { throw ControlFailure(Workforce.ErrorName.personNotFound, Workforce.IDError(id: person)) }
            view.holdings = result.holdings(of: person).map {
                Workforce.HoldingView(
                    credential: $0.holding.credential, name: name($0.holding.credential), earnedOn: $0.holding.earnedOn.description,
                    expiresOn: $0.holding.expiresOn?.description, status: $0.status.rawValue, retired: $0.retired,
                    verification: $0.holding.verification.rawValue)
            }
            view.worklist = view.worklist?.filter { $0.person == person }
        }
        view.hidden = notes.isEmpty ? nil : notes.joined(separator: "; ")
        return view
    }
}
