import CadreEngine
import CadreStore
import CadreWire

/// Builds the `GapView`s of one loaded run.
struct GapViewBuilder {
    let loaded: GapViews.LoadedRun
    let top: Int
    /// Who sees what: people for operators only, groups of `smallTeamThreshold` or more.
    let disclosure: Disclosure

    private var map: GapMap { loaded.gapMap }

    func org() -> Workforce.GapView {
        let summary = group(map.org, 0, id: "org", name: "Organisation")
        let levels = (0..<map.taxonomy.roleLevelCount).filter { map.roleLevels.headcount[$0] > 0 }.map(roleLevelGroup)
        let teams = (0..<map.teamIDs.count).map { group(map.teams, $0, id: map.teamIDs[$0], name: map.teamIDs[$0]) }
        return view("org", summary: summary, roleLevels: levels, teams: teams, whole: summary.headcount)
    }

    func team(_ id: String) throws -> Workforce.GapView {
        guard let t = map.teamIDs.firstIndex(of: id) else {
            throw ControlFailure(Workforce.ErrorName.teamNotFound, Workforce.IDError(id: id))
        }
        let members = (0..<map.personCount).filter { map.personTeam[$0] == Int32(t) }
        let summary = group(map.teams, t, id: id, name: id)
        // Readiness and top gaps by role level within the team, from the members' own figures,
        // summed in person order so the sums are the same bits on every call.
        let byLevel = Dictionary(grouping: members) { Int(map.personRoleLevel[$0]) }
        let levels = byLevel.keys.sorted().map { r -> Workforce.GroupReadiness in
            let people = (byLevel[r] ?? []).sorted()
            let ref = map.taxonomy.roleLevels[r]
            var sums: [Int: Double] = [:]
            for p in people {
                for cell in map.person(p).requirements { sums[cell.skill, default: 0] += cell.importance * cell.gap }
            }
            return Workforce.GroupReadiness(
                id: ref.description, name: title(ref), headcount: people.count,
                meanReadiness: people.reduce(0) { $0 + map.readiness[$1] } / Double(max(people.count, 1)),
                meeting: people.filter { map.meets[$0] }.count,
                topGaps: ranked(sums.map { SkillGap(skill: $0.key, weightedGap: $0.value) }))
        }
        return withPeople(view("team", summary: summary, roleLevels: levels, whole: summary.headcount), members)
    }

    func role(_ ref: RoleLevelRef) throws -> Workforce.GapView {
        let indices = (0..<map.taxonomy.roleLevelCount).filter {
            map.taxonomy.roleLevels[$0].role == ref.role && (ref.rung == 0 || map.taxonomy.roleLevels[$0].rung == ref.rung)
        }
        guard !indices.isEmpty else {
            throw ControlFailure(
                Workforce.ErrorName.roleNotFound, Workforce.RoleNotFoundError(id: ref.description, version: loaded.run.taxonomyVersion))
        }
        let members = (0..<map.personCount).filter { indices.contains(Int(map.personRoleLevel[$0])) }
        let summary: Workforce.GroupReadiness
        if indices.count == 1 {
            summary = roleLevelGroup(indices[0])
        } else {
            var sums: [Int: Double] = [:]
            for r in indices {
                for gap in map.roleLevels.skillGaps(of: r) { sums[gap.skill, default: 0] += gap.weightedGap }
            }
            let headcount = indices.reduce(0) { $0 + Int(map.roleLevels.headcount[$1]) }
            let readinessSum = indices.reduce(0.0) { $0 + map.roleLevels.meanReadiness[$1] * Double(map.roleLevels.headcount[$1]) }
            summary = Workforce.GroupReadiness(
                id: ref.role, name: loaded.taxonomy.role(ref.role)?.name ?? ref.role, headcount: headcount,
                meanReadiness: headcount > 0 ? readinessSum / Double(headcount) : 0,
                meeting: indices.reduce(0) { $0 + Int(map.roleLevels.meetingCount[$1]) },
                topGaps: ranked(sums.map { SkillGap(skill: $0.key, weightedGap: $0.value) }))
        }
        return withPeople(view("role", summary: summary, roleLevels: indices.map(roleLevelGroup), whole: summary.headcount), members)
    }

    func person(_ id: String, explain: (String) throws -> AssessmentInputLoader.Loaded) throws -> Workforce.GapView {
        guard let p = map.personIndex(id) else {
            throw ControlFailure(Workforce.ErrorName.personNotFound, Workforce.IDError(id: id))
        }
        let assessment = map.person(p)
        let input = try explain(id).input
        let requirements = try assessment.requirements.map { cell -> Workforce.RequirementGap in
            let why = try input.explain(person: 0, skill: cell.skill, asOf: map.asOf, policy: loaded.policy)
            return Workforce.RequirementGap(
                skill: map.taxonomy.skillIDs[cell.skill], skillName: loaded.skillNames[cell.skill],
                level: Int(cell.requiredLevel), importance: Int(cell.importance), estimate: cell.estimate,
                confidence: cell.confidence, unassessed: cell.isUnassessed, gap: cell.gap,
                evidence: why.evidence.map {
                    Workforce.EvidenceWeight(
                        source: $0.kind.rawValue, level: $0.level, observedAt: Timestamp.format(epochSeconds: $0.observedAt),
                        ageDays: $0.ageDays, decay: $0.decay, weight: $0.weight, status: $0.status.rawValue)
                })
        }
        let summary = Workforce.GroupReadiness(
            id: id, name: loaded.people[id]?.name ?? id, headcount: 1, meanReadiness: assessment.readiness,
            meeting: assessment.meets ? 1 : 0,
            topGaps: ranked(assessment.requirements.map { SkillGap(skill: $0.skill, weightedGap: $0.importance * $0.gap) }))
        return view("person", summary: summary, person: personReadiness(p), requirements: requirements)
    }

    // MARK: pieces

    private func view(
        _ scope: String, summary: Workforce.GroupReadiness, roleLevels: [Workforce.GroupReadiness] = [],
        teams: [Workforce.GroupReadiness] = [], whole: Int? = nil, person: Workforce.PersonReadiness? = nil,
        requirements: [Workforce.RequirementGap] = []
    ) -> Workforce.GapView {
        // The groups inside a view are shown by the one rule (Disclosure): each partition of the
        // whole on its own, so neither lets a left-out group be worked out from the whole.
        let shownLevels = disclosure.shown(roleLevels, whole: whole, headcount: \.headcount)
        let shownTeams = disclosure.shown(teams, whole: whole, headcount: \.headcount)
        var view = Workforce.GapView(
            runId: loaded.run.id, asOf: Timestamp.format(epochSeconds: loaded.run.asOf), dataVersion: loaded.run.dataVersion,
            scope: scope, summary: summary, roleLevels: shownLevels, teams: shownTeams, person: person, requirements: requirements)
        var notes: [String] = []
        if scope != "person", !disclosure.showsFigures(ofGroupOf: summary.headcount) {
            // The group asked for is itself small: its own figures are its members' in all but name.
            view.summary.meanReadiness = nil
            view.summary.meeting = nil
            view.summary.topGaps = []
            notes.append(disclosure.ownFiguresWithheld(headcount: summary.headcount))
        }
        if let note = disclosure.leftOut(roleLevels.count + teams.count - shownLevels.count - shownTeams.count) {
            notes.append(note)
        }
        view.hidden = notes.isEmpty ? nil : notes.joined(separator: "; ")
        return view
    }

    /// Adds the members, most in need first, for operators: a reader sees no person's figures.
    private func withPeople(_ view: Workforce.GapView, _ members: [Int]) -> Workforce.GapView {
        var view = view
        guard disclosure.seesPeople else {
            let people = "per-person figures are shown to operators only"
            view.hidden = view.hidden.map { "\(people); \($0)" } ?? people
            return view
        }
        view.people = members.sorted { (map.readiness[$0], map.personIDs[$0]) < (map.readiness[$1], map.personIDs[$1]) }
            .map(personReadiness)
        return view
    }

    private func personReadiness(_ p: Int) -> Workforce.PersonReadiness {
        let id = map.personIDs[p]
        let team = map.personTeam[p] >= 0 ? map.teamIDs[Int(map.personTeam[p])] : ""
        return Workforce.PersonReadiness(
            id: id, name: loaded.people[id]?.name ?? id, team: team,
            roleLevel: map.taxonomy.roleLevels[Int(map.personRoleLevel[p])].description, readiness: map.readiness[p],
            meets: map.meets[p], weightedGap: map.weightedGap[p])
    }

    private func roleLevelGroup(_ r: Int) -> Workforce.GroupReadiness {
        let ref = map.taxonomy.roleLevels[r]
        return group(map.roleLevels, r, id: ref.description, name: title(ref))
    }

    private func group(_ aggregates: GroupAggregates, _ g: Int, id: String, name: String) -> Workforce.GroupReadiness {
        Workforce.GroupReadiness(
            id: id, name: name, headcount: Int(aggregates.headcount[g]), meanReadiness: aggregates.meanReadiness[g],
            meeting: Int(aggregates.meetingCount[g]), topGaps: aggregates.topSkills(of: g, count: top).map(skillGap))
    }

    /// Largest first, ties by skill id; zero gaps are not gaps.
    private func ranked(_ gaps: [SkillGap]) -> [Workforce.SkillGap] {
        gaps.filter { $0.weightedGap > 0 }
            .sorted { $0.weightedGap != $1.weightedGap ? $0.weightedGap > $1.weightedGap : $0.skill < $1.skill }
            .prefix(top).map(skillGap)
    }

    private func skillGap(_ gap: SkillGap) -> Workforce.SkillGap {
        Workforce.SkillGap(
            skill: map.taxonomy.skillIDs[gap.skill], skillName: loaded.skillNames[gap.skill], weightedGap: gap.weightedGap)
    }

    private func title(_ ref: RoleLevelRef) -> String {
        loaded.taxonomy.role(ref.role)?.level(ref.rung)?.title ?? ref.description
    }
}
