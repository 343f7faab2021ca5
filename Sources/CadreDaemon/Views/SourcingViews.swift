import CadreEngine
import CadreWire

/// The dual-track plan of a run as people read it: per planned role level who is capable, how
/// many are upskilled and at what cost, transfers in and out, hires by channel, late and unfilled
/// seats; totals (build vs buy) and the hiring timeline by quarter. Readers see counts and costs of
/// role levels with `smallTeamThreshold` people or more (`Disclosure`); names (who upskills, who
/// transfers) are for operators.
struct SourcingViews {
    let results: PhaseResults

    func view(_ parameters: Workforce.GetSourcingParameters, seesPeople: Bool) async throws -> Workforce.SourcingView {
        let run = try await results.run(parameters.run, phase: SourcingPhase.name)
        let loaded = try results.load(run, phase: SourcingPhase.name) { try SourcingPlan(decoding: $0) }
        guard let plan = loaded.result else {
            return Workforce.SourcingView(
                runId: run.id, asOf: loaded.asOf, planLoaded: false, roleLevels: [], hiresByQuarter: [],
                hidden: "no workforce plan was loaded at this run's data version: cadrectl import plan FILE")
        }
        let title = { (ref: RoleLevelRef) in loaded.taxonomy.role(ref.role)?.level(ref.rung)?.title ?? ref.description }
        let rows = plan.roleLevels.map { level in
            Workforce.SourcingRow(
                roleLevel: level.roleLevel.description, title: title(level.roleLevel), target: level.target,
                due: level.due.description, headcount: level.headcount, capable: level.capable.count, upskill: level.upskill.count,
                upskillCost: level.upskill.reduce(0) { $0 + $1.cost }, spare: level.spare.count, shortfall: level.shortfall,
                surplus: level.surplus, transfersIn: level.transfers.count, transfersOut: level.transfersOut,
                transferCost: level.transfers.reduce(0) { $0 + $1.planCost }, hires: level.hires.count,
                hireCost: level.hires.reduce(0) { $0 + $1.cost }, lateHires: level.hires.filter { $0.lateDays > 0 }.count,
                unfilled: level.unfilled, staffedBy: level.staffedBy?.description)
        }
        // A row's capable, upskill and transfer figures are its people's: the rows are a partition
        // of the planned levels' people, whose totals are shown beside them.
        let disclosure = loaded.disclosure(seesPeople: seesPeople)
        let shown = disclosure.shown(rows, whole: rows.reduce(0) { $0 + $1.headcount }, headcount: \.headcount)
        let totals = plan.totals
        var view = Workforce.SourcingView(
            runId: run.id, asOf: loaded.asOf, planLoaded: true, roleLevels: shown,
            totals: Workforce.SourcingTotalsView(
                target: totals.target, capable: totals.capable, upskill: totals.upskill, transfers: totals.transfers,
                hires: totals.hires, lateHires: totals.lateHires, unfilled: totals.unfilled, buildCost: totals.buildCost,
                buyCost: totals.buyCost, fullStaffing: totals.fullStaffing?.description),
            hiresByQuarter: plan.hiresByQuarter.map {
                Workforce.QuarterHires(channel: $0.channel, quarter: $0.quarter.description, hires: $0.hires, cost: $0.cost)
            })
        view.hidden = disclosure.leftOut(rows.count - shown.count, of: "role level")
        guard let text = parameters.roleLevel else { return view }
        guard let ref = RoleLevelRef(parsing: text), let level = plan.roleLevels.first(where: { $0.roleLevel == ref }) else {
            throw ControlFailure.invalidParameter("roleLevel", "'\(text)' is not a planned role level (ROLE@RUNG)")
        }
        guard disclosure.seesPeople else {
            view.hidden = (view.hidden.map { "\($0); " } ?? "") + "who upskills and who transfers: operators only"
            return view
        }
        let people = try results.reader().people(atDataVersion: run.dataVersion)
        let team = Dictionary(people.map { ($0.externalID, $0.team) }, uniquingKeysWith: { a, _ in a })
        let person = { (planned: PlannedPerson) in
            Workforce.PlannedPersonView(
                person: planned.person, name: loaded.names[planned.person] ?? planned.person, team: team[planned.person] ?? "",
                cost: planned.cost, hours: Int64(planned.hours), readyBy: planned.readyBy.description)
        }
        view.detail = Workforce.SourcingDetail(
            roleLevel: ref.description, capable: level.capable, upskill: level.upskill.map(person), spare: level.spare.map(person),
            transfers: level.transfers.map {
                Workforce.TransferView(
                    person: $0.person, name: loaded.names[$0.person] ?? $0.person, team: team[$0.person] ?? "",
                    from: $0.from.description, readiness: $0.readiness, planCost: $0.planCost, readyBy: $0.readyBy.description)
            },
            hires: level.hires.map {
                Workforce.HireView(channel: $0.channel, cost: $0.cost, fillDate: $0.fillDate.description, lateDays: $0.lateDays)
            })
        return view
    }
}
