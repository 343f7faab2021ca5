import CadreEngine
import CadreWire

/// Attrition risk of a run as people read it: the model used and how well it ranks, attrition by
/// segment, the distribution of risk, the people most at risk with their reasons (operators), one
/// person's signals. Readers see segments of `smallTeamThreshold` people or more and no person.
struct RetentionViews {
    let results: PhaseResults

    func view(_ parameters: Workforce.GetRetentionParameters, seesPeople: Bool) async throws -> Workforce.RetentionView {
        if parameters.team != nil, parameters.person != nil {
            throw ControlFailure.invalidParameter("team", "give team or person, not both")
        }
        let run = try await results.run(parameters.run, phase: RetentionPhase.name)
        let loaded = try results.load(run, phase: RetentionPhase.name) { try RetentionResult(decoding: $0) }
        guard let result = loaded.result else {
            throw ControlFailure(Workforce.ErrorName.noPhaseResult, Workforce.HintError(hint: "run \(run.id) stored no retention result"))
        }
        var notes: [String] = []
        var people = result.people
        var scope = "org"
        if let team = parameters.team {
            people = people.filter { $0.team == team }
            guard !people.isEmpty else { throw ControlFailure(Workforce.ErrorName.teamNotFound, Workforce.IDError(id: team)) }
            scope = "team"
        }
        let disclosure = loaded.disclosure(seesPeople: seesPeople)
        let visible = disclosure.showsFigures(ofGroupOf: people.count)
        let mean = people.isEmpty ? nil : people.reduce(0.0) { $0 + $1.risk } / Double(people.count)
        let segments = result.segments.filter { scope == "org" || ($0.dimension == .team && $0.key == parameters.team) }
        // The segments of one dimension add up to the organisation, so each dimension is a
        // partition: a left-out segment must not be the others' difference from the whole.
        let size = { (segment: AttritionSegment) in min(segment.headcountStart, segment.headcountEnd) }
        let shown = Dictionary(grouping: segments, by: \.dimension).values.flatMap { dimension in
            disclosure.shown(dimension, whole: dimension.reduce(0) { $0 + size($1) }, headcount: size)
        }
        let kept = Set(shown.map { "\($0.dimension.rawValue)/\($0.key)" })
        let shownInOrder = segments.filter { kept.contains("\($0.dimension.rawValue)/\($0.key)") }
        if shownInOrder.count < segments.count {
            notes.append("\(segments.count - shownInOrder.count) segment(s) under \(loaded.policy.smallTeamThreshold) people, or that the others would give away")
        }
        if !visible { notes.append("this group's figures (under \(loaded.policy.smallTeamThreshold) people)") }
        let model = result.model
        var view = Workforce.RetentionView(
            runId: run.id, asOf: loaded.asOf, scope: scope, headcount: people.count, meanRisk: visible ? mean : nil,
            deciles: visible && scope == "org" ? result.distribution.deciles : nil,
            model: Workforce.RetentionModelView(
                source: model.source.rawValue, reason: model.reason,
                coefficients: [Workforce.SignalValue(signal: "intercept", value: model.coefficients.first ?? 0)]
                    + RetentionSignal.allCases.map { Workforce.SignalValue(signal: $0.name, value: model.coefficient($0)) },
                auc: model.fitting.auc, outOfTimeAUC: model.outOfTime.auc, fittingPeople: model.fitting.people,
                fittingLeavers: model.fitting.voluntaryLeavers),
            segments: shownInOrder.map {
                Workforce.SegmentView(
                    dimension: $0.dimension.rawValue, key: $0.key, headcountStart: $0.headcountStart, headcountEnd: $0.headcountEnd,
                    voluntaryDepartures: $0.voluntaryDepartures, rate: $0.rate)
            })
        if disclosure.seesPeople {
            let top = min(max(parameters.top ?? 10, 1), 1000)
            view.people = people.sorted { $0.risk != $1.risk ? $0.risk > $1.risk : $0.person < $1.person }.prefix(top).map {
                Workforce.RiskLine(
                    person: $0.person, name: loaded.names[$0.person] ?? $0.person, team: $0.team, roleLevel: $0.roleLevel.description,
                    risk: $0.risk, reasons: $0.reasons.map(\.signal.name))
            }
        } else {
            notes.append("people at risk are shown to operators only")
        }
        if let id = parameters.person {
            try disclosure.requirePeople(.getRetention, uid: -1, what: "a person's risk")
            guard let person = result.people.first(where: { $0.person == id }) else {
                throw ControlFailure(Workforce.ErrorName.personNotFound, Workforce.IDError(id: id))
            }
            view.scope = "person"
            view.people = nil
            view.person = Workforce.PersonRiskView(
                person: id, name: loaded.names[id] ?? id, team: person.team, roleLevel: person.roleLevel.description, risk: person.risk,
                signals: RetentionSignal.allCases.map { Workforce.SignalValue(signal: $0.name, value: person.signals.value($0)) },
                reasons: person.reasons.map { Workforce.SignalValue(signal: $0.signal.name, value: $0.contribution) })
        }
        view.hidden = notes.isEmpty ? nil : notes.joined(separator: "; ")
        return view
    }
}
