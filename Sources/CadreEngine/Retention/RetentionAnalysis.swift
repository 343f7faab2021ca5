/// The retention phase (DESIGN.md, "Retention semantics"): choose the model — fitted on the
/// organisation's last year when it had enough voluntary leavers, else the configured defaults —
/// then score everyone employed on the as-of day and count attrition by segment.
extension RetentionResult {
    /// - Parameters:
    ///   - estimates: skill estimates at T, in the history's person order; decide
    ///     `readyNotPromoted` on D.
    ///   - estimatesOneYearEarlier: estimates at the end of D − 365, for the fitting snapshot;
    ///     nil uses `estimates` (a simplification that lets later evidence into the past).
    ///   - estimatesTwoYearsEarlier: estimates at the end of D − 730, for the out-of-time
    ///     snapshot; nil uses the one-year-earlier estimates (or `estimates`).
    /// - Throws: `InputErrors` when the policy has problems or estimates are for other people
    ///   or another taxonomy.
    public init(
        history: RetentionHistory, asOf: CalendarDay, estimates: SkillEstimates,
        estimatesOneYearEarlier: SkillEstimates? = nil, estimatesTwoYearsEarlier: SkillEstimates? = nil,
        policy: RetentionPolicy = .standard
    ) throws {
        let problems = policy.problems()
        if !problems.isEmpty { throw InputErrors(problems) }
        for (name, given) in [("estimates", estimates), ("estimatesOneYearEarlier", estimatesOneYearEarlier),
                              ("estimatesTwoYearsEarlier", estimatesTwoYearsEarlier)] {
            guard let given else { continue }
            guard given.personCount == history.personCount, given.skillCount == history.ladder.taxonomy.skillCount else {
                throw InputErrors([InputError(
                    .retentionMalformedInput, file: "<retention input>", field: name,
                    message: "estimates for \(given.personCount) people and \(given.skillCount) skills; the history has \(history.personCount) people and the taxonomy \(history.ladder.taxonomy.skillCount) skills")])
            }
        }
        let today = asOf.daysSinceEpoch
        let yearAgo = CalendarDay(daysSinceEpoch: today - 365), twoYearsAgo = CalendarDay(daysSinceEpoch: today - 730)
        let oneYear = estimatesOneYearEarlier ?? estimates
        let fitting = history.snapshot(on: yearAgo, labelsThrough: asOf, estimates: oneYear, policy: policy)
        let outOfTime = history.snapshot(on: twoYearsAgo, labelsThrough: yearAgo,
                                         estimates: estimatesTwoYearsEarlier ?? oneYear, policy: policy)
        let model = Self.chooseModel(fitting: fitting, outOfTime: outOfTime, policy: policy)

        var people: [PersonRisk] = []
        for person in 0..<history.personCount where history.isEmployed(person, on: today) {
            let signals = history.signals(of: person, on: asOf, estimates: estimates, policy: policy)
            let x = signals.values
            people.append(PersonRisk(
                person: history.personIDs[person], team: history.teamIDs[Int(history.personTeam[person])],
                roleLevel: history.ladder.taxonomy.roleLevels[signals.roleLevel], signals: signals,
                risk: RetentionFit.logistic(Self.score(model.coefficients, x, 0)),
                reasons: Self.reasons(model.coefficients, x)))
        }
        self.init(
            asOf: asOf, policy: policy, model: model, people: people,
            segments: history.attrition(endingOn: asOf, policy: policy),
            distribution: RiskDistribution(risks: people.map(\.risk)),
            coverage: RetentionCoverage(people: people, ladder: history.ladder))
    }

    /// `β0 + Σ βi·xi` for the row of `x` starting at `row`, summed in signal order.
    static func score(_ beta: [Double], _ x: [Double], _ row: Int) -> Double {
        var z = beta[0]
        for j in 0..<(beta.count - 1) { z += beta[j + 1] * x[row + j] }
        return z
    }

    /// The signals with `βi·xi > 0`, largest first, ties by signal name, at most three.
    static func reasons(_ beta: [Double], _ x: [Double]) -> [RetentionReason] {
        var found: [RetentionReason] = []
        for signal in RetentionSignal.allCases {
            let contribution = beta[signal.rawValue + 1] * x[signal.rawValue]
            if contribution > 0 { found.append(RetentionReason(signal: signal, contribution: contribution)) }
        }
        found.sort { a, b in
            a.contribution != b.contribution ? a.contribution > b.contribution : a.signal.name < b.signal.name
        }
        return Array(found.prefix(3))
    }

    static func chooseModel(fitting: RetentionSnapshot, outOfTime: RetentionSnapshot, policy: RetentionPolicy) -> RetentionModel {
        let columns = RetentionSignal.allCases.count
        var coefficients = policy.defaultCoefficients
        var source = RetentionModel.Source.defaults
        var reason = ""
        var iterations = 0
        if fitting.leavers < policy.minimumLeavers {
            reason = "\(fitting.leavers) voluntary leavers in (\(fitting.day), \(fitting.labelsThrough)]; fitting needs at least \(policy.minimumLeavers)"
        } else if fitting.leavers == fitting.labels.count {
            reason = "no one employed on \(fitting.day) stayed through \(fitting.labelsThrough); fitting needs stayers"
        } else {
            let fit = RetentionFit.fit(features: fitting.features, columns: columns, labels: fitting.labels,
                                       ridge: policy.ridge, maximumIterations: policy.maximumIterations)
            iterations = fit.iterations
            if fit.converged && fit.coefficients.allSatisfy(\.isFinite) {
                coefficients = fit.coefficients
                source = .fitted
            } else {
                reason = "the fit did not converge in \(fit.iterations) Newton steps"
            }
        }
        return RetentionModel(
            source: source, coefficients: coefficients, reason: reason, iterations: iterations,
            fitting: fitting.summary(coefficients), outOfTime: outOfTime.summary(coefficients))
    }
}

/// The people employed on `day` with their signals then, labelled by whether they left
/// voluntarily in `(day, labelsThrough]`; those who left involuntarily in it are left out.
struct RetentionSnapshot: Sendable {
    var day: CalendarDay
    var labelsThrough: CalendarDay
    /// One row of `RetentionSignal.allCases.count` values per person.
    var features: [Double]
    var labels: [Bool]

    var leavers: Int { labels.reduce(0) { $0 + ($1 ? 1 : 0) } }

    func summary(_ coefficients: [Double]) -> SnapshotSummary {
        let columns = RetentionSignal.allCases.count
        let scores = labels.indices.map { RetentionResult.score(coefficients, features, $0 * columns) }
        return SnapshotSummary(day: day, people: labels.count, voluntaryLeavers: leavers,
                               auc: RankAUC.auc(scores: scores, labels: labels))
    }
}

extension RetentionHistory {
    func snapshot(
        on day: CalendarDay, labelsThrough end: CalendarDay, estimates: SkillEstimates?, policy: RetentionPolicy
    ) -> RetentionSnapshot {
        let start = day.daysSinceEpoch, stop = end.daysSinceEpoch
        var features: [Double] = []
        var labels: [Bool] = []
        for person in 0..<personCount where isEmployed(person, on: start) {
            let left = departureDay[person]
            let leftInWindow = left > start && left <= stop
            if leftInWindow && !departureVoluntary[person] { continue }
            features.append(contentsOf: signals(of: person, on: day, estimates: estimates, policy: policy).values)
            labels.append(leftInWindow)
        }
        return RetentionSnapshot(day: day, labelsThrough: end, features: features, labels: labels)
    }
}

extension RiskDistribution {
    init(risks: [Double]) {
        let sorted = risks.sorted()
        var histogram = Array(repeating: 0, count: 10)
        var total = 0.0
        for risk in risks {
            histogram[min(9, max(0, Int(risk * 10)))] += 1
            total += risk
        }
        let n = sorted.count
        self.init(
            count: n, mean: n == 0 ? 0 : total / Double(n), histogram: histogram,
            deciles: n == 0 ? [] : (1...9).map { sorted[(($0 * n) + 9) / 10 - 1] })
    }
}

extension RetentionCoverage {
    init(people: [PersonRisk], ladder: RetentionLadder) {
        var counts = Array(repeating: 0, count: RetentionSignal.allCases.count)
        var withNext = 0, withData = 0, noData = 0
        for person in people {
            for signal in RetentionSignal.allCases where person.signals.value(signal) > 0 { counts[signal.rawValue] += 1 }
            if !person.signals.noNextRung { withNext += 1 }
            if person.signals.expectedMonths != nil { withData += 1 }
            if person.signals.researchShare == nil { noData += 1 }
        }
        self.init(people: people.count, withNextRung: withNext, withLadderData: withData,
                  researchNoData: noData, signalCounts: counts)
    }
}

extension RetentionHistory {
    /// The fitting snapshot as the fit reads it — the people employed on D − 365 with their
    /// signals then (one row of `RetentionSignal.allCases.count` values each), labelled by a
    /// voluntary departure in (D − 365, D] — so a benchmark can fit the same rows elsewhere.
    ///
    /// - Parameter estimates: estimates at the end of D − 365, as `RetentionResult` takes them.
    public func fittingRows(
        asOf: CalendarDay, estimates: SkillEstimates?, policy: RetentionPolicy = .standard
    ) -> (features: [Double], labels: [Bool]) {
        let snapshot = snapshot(on: CalendarDay(daysSinceEpoch: asOf.daysSinceEpoch - 365), labelsThrough: asOf,
                                estimates: estimates, policy: policy)
        return (snapshot.features, snapshot.labels)
    }
}
