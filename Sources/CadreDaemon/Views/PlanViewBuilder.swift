import CadreEngine
import CadreWire

/// Builds the `PlansView`s of one loaded run's training result.
struct PlanViewBuilder {
    let loaded: PlanViews.LoadedPlans
    let result: TrainingResult
    let disclosure: Disclosure
    let top: Int

    static func withoutCatalogue(_ loaded: PlanViews.LoadedPlans) -> Workforce.PlansView {
        Workforce.PlansView(
            runId: loaded.run.id, asOf: Timestamp.format(epochSeconds: loaded.run.asOf), scope: "org", catalogueLoaded: false,
            budget: nil, summary: Workforce.PlanRollup(id: "org", name: "Organisation", headcount: 0), teams: [],
            roleLevels: [], uncoverable: [], hidden: "no course catalogue was loaded at this run's data version: cadrectl catalogue load Config/catalogue")
    }

    func organisation() -> Workforce.PlansView {
        let summary = rollup(result.organisation, id: "org", name: "Organisation")
        let teams = zip(result.teamIDs, result.byTeam).map { rollup($1, id: $0, name: $0) }
        let levels = zip(result.taxonomy.roleLevels, result.byRoleLevel).filter { $1.people > 0 }
            .map { rollup($1, id: $0.description, name: title($0)) }
        return view("org", summary: summary, teams: teams, roleLevels: levels, members: nil, whole: summary.headcount)
    }

    func team(_ id: String) throws -> Workforce.PlansView {
        guard let t = result.teamIDs.firstIndex(of: id) else {
            throw ControlFailure(Workforce.ErrorName.teamNotFound, Workforce.IDError(id: id))
        }
        let members = (0..<result.personCount).filter { result.personTeam[$0] == Int32(t) }
        return view("team", summary: rollup(result.byTeam[t], id: id, name: id), teams: [], roleLevels: [], members: members)
    }

    func roleLevel(_ level: RoleLevelRef) throws -> Workforce.PlansView {
        guard let r = result.taxonomy.roleLevelIndex(level) else {
            throw ControlFailure(
                Workforce.ErrorName.roleNotFound, Workforce.RoleNotFoundError(id: level.description, version: loaded.run.taxonomyVersion))
        }
        let members = (0..<result.personCount).filter { result.personRoleLevel[$0] == Int32(r) }
        return view(
            "role", summary: rollup(result.byRoleLevel[r], id: level.description, name: title(level)), teams: [], roleLevels: [],
            members: members)
    }

    /// A person's plan toward their own role level (from the result) or `plan` (computed on demand).
    func person(_ id: String, plan computed: LearningPlan? = nil, own: Bool = true) throws -> Workforce.PlansView {
        guard let p = result.person(id) else {
            throw ControlFailure(Workforce.ErrorName.personNotFound, Workforce.IDError(id: id))
        }
        let plan = computed ?? result.plan(person: p)
        let funded = own ? result.funded?[p] : nil
        var view = self.view(
            "person", summary: Workforce.PlanRollup(id: id, name: loaded.names[id] ?? id, headcount: 1), teams: [], roleLevels: [],
            members: nil)
        view.plan = Workforce.PersonPlan(
            person: id, name: loaded.names[id] ?? id, roleLevel: plan.roleLevel.description, own: own, status: plan.status.rawValue,
            lowerBound: plan.status == .bounded ? plan.lowerBound : nil, cost: plan.cost, hours: Int64(plan.hours), weeks: plan.weeks,
            readyBy: plan.readyBy.description, steps: plan.steps.map(step), uncoverable: plan.uncoverable.map {
                Workforce.UncoverableTargetView(skill: $0.skill, requiredLevel: $0.requiredLevel, estimate: $0.estimate)
            }, funded: funded)
        view.uncoverable = []
        return view
    }

    // MARK: pieces

    private func view(
        _ scope: String, summary: Workforce.PlanRollup, teams: [Workforce.PlanRollup], roleLevels: [Workforce.PlanRollup],
        members: [Int]?, whole: Int? = nil
    ) -> Workforce.PlansView {
        var notes: [String] = []
        var summary = summary
        if scope != "person", !disclosure.showsFigures(ofGroupOf: summary.headcount) {
            summary = Workforce.PlanRollup(id: summary.id, name: summary.name, headcount: summary.headcount)
            notes.append(disclosure.ownFiguresWithheld(headcount: summary.headcount))
        }
        let shownTeams = disclosure.shown(teams, whole: whole, headcount: \.headcount)
        let shownLevels = disclosure.shown(roleLevels, whole: whole, headcount: \.headcount)
        if let note = disclosure.leftOut(teams.count + roleLevels.count - shownTeams.count - shownLevels.count) {
            notes.append(note)
        }
        var people: [Workforce.PlanLine]?
        if let members {
            if disclosure.seesPeople {
                people = members.map(line).sorted { ($0.cost, $0.id) > ($1.cost, $1.id) }
            } else {
                notes.append("per-person plans are shown to operators only")
            }
        }
        let uncoverable = scope == "org" && (disclosure.seesPeople || summary.peopleWithPlans != nil)
            ? Array(result.uncoverableSkills.prefix(top)).map {
                Workforce.UncoverableSkillView(skill: $0.skill, skillName: loaded.taxonomy.skill($0.skill)?.name ?? $0.skill, people: $0.people)
            } : []
        return Workforce.PlansView(
            runId: loaded.run.id, asOf: Timestamp.format(epochSeconds: loaded.run.asOf), scope: scope, catalogueLoaded: true,
            budget: result.budget, summary: summary, teams: shownTeams, roleLevels: shownLevels, uncoverable: uncoverable,
            people: people, plan: nil, hidden: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    private func rollup(_ rollup: TrainingRollup, id: String, name: String) -> Workforce.PlanRollup {
        var view = Workforce.PlanRollup(id: id, name: name, headcount: rollup.people)
        view.peopleWithPlans = rollup.peopleWithPlans
        view.peopleBlocked = rollup.peopleBlocked
        view.cost = rollup.cost
        view.hours = rollup.hours
        view.costByKind = CourseKind.allCases.map {
            Workforce.KindAmount(kind: $0.rawValue, cost: rollup.cost(of: $0), hours: rollup.hours(of: $0))
        }
        if result.budget != nil {
            view.peopleFunded = rollup.peopleFunded
            view.costFunded = rollup.costFunded
        }
        return view
    }

    private func line(_ p: Int) -> Workforce.PlanLine {
        let plan = result.plan(person: p)
        let id = result.personIDs[p]
        let team = result.personTeam[p] >= 0 ? result.teamIDs[Int(result.personTeam[p])] : ""
        return Workforce.PlanLine(
            id: id, name: loaded.names[id] ?? id, team: team, roleLevel: plan.roleLevel.description, courses: plan.steps.count,
            cost: plan.cost, hours: Int64(plan.hours), readyBy: plan.readyBy.description, uncoverable: plan.uncoverable.count,
            status: plan.status.rawValue, funded: result.funded?[p])
    }

    private func step(_ step: LearningPlan.Step) -> Workforce.PlanStep {
        let course = loaded.catalogue?.course(step.course)
        return Workforce.PlanStep(
            course: step.course, title: course?.title ?? step.course, provider: course?.provider ?? "", kind: step.kind.rawValue,
            cost: step.cost, hours: Int64(step.hours), closes: step.closes,
            prerequisites: course?.prerequisites.map { "\($0.skill)@\($0.level)" } ?? [])
    }

    private func title(_ ref: RoleLevelRef) -> String {
        loaded.taxonomy.role(ref.role)?.level(ref.rung)?.title ?? ref.description
    }
}
