import Testing
@testable import CadreEngine

/// A reference for the fit, written differently from the engine's: Newton's method on the same
/// objective with the Hessian taken by central differences of the gradient, solved by
/// Gauss–Jordan elimination, iterated until the gradient vanishes.
private enum ReferenceFit {
    static func gradient(_ beta: [Double], _ rows: [[Double]], _ labels: [Bool], _ ridge: Double) -> [Double] {
        var g = Array(repeating: 0.0, count: beta.count)
        for (row, label) in zip(rows, labels) {
            let z = zip(beta, [1] + row).map { $0 * $1 }.reduce(0, +)
            let p = RetentionFit.logistic(z)
            for (j, x) in ([1] + row).enumerated() { g[j] += (p - (label ? 1 : 0)) * x }
        }
        for j in 1..<beta.count { g[j] += ridge * beta[j] }
        return g
    }

    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        var m = zip(a, b).map { $0 + [$1] }
        let n = b.count
        for c in 0..<n {
            let pivot = (c..<n).max { abs(m[$0][c]) < abs(m[$1][c]) } ?? c
            m.swapAt(c, pivot)
            let head = m[c][c]
            m[c] = m[c].map { $0 / head }
            for r in 0..<n where r != c {
                let factor = m[r][c]
                m[r] = zip(m[r], m[c]).map { $0 - factor * $1 }
            }
        }
        return m.map { $0[n] }
    }

    static func fit(_ rows: [[Double]], _ labels: [Bool], ridge: Double) -> [Double] {
        var beta = Array(repeating: 0.0, count: rows[0].count + 1)
        for _ in 0..<100 {
            let g = gradient(beta, rows, labels, ridge)
            if g.map(abs).max() ?? 0 < 1e-11 { break }
            let h = 1e-5
            let hessian = beta.indices.map { j -> [Double] in
                var up = beta, down = beta
                up[j] += h
                down[j] -= h
                return zip(gradient(up, rows, labels, ridge), gradient(down, rows, labels, ridge)).map { ($0 - $1) / (2 * h) }
            }
            let step = solve(hessian, g)
            beta = zip(beta, step).map { $0 - $1 }
        }
        return beta
    }
}

@Suite struct RetentionFitTests {
    typealias F = RetentionFixture

    /// Rows shaped like the signals: overdue in quarters from 0 to 2, five yes/no signals.
    static func data(count: Int, seed: UInt64) -> (rows: [[Double]], labels: [Bool]) {
        var random = SplitMix64(seed: seed)
        let truth = [-1.5, 0.8, 0.5, 1.0, -0.4, 0.6, 0.9]
        var rows: [[Double]] = []
        var labels: [Bool] = []
        for _ in 0..<count {
            let row = [Double(random.below(9)) / 4] + [0.3, 0.2, 0.4, 0.5, 0.15].map { random.chance($0) ? 1.0 : 0 }
            let z = zip(truth, [1] + row).map { $0 * $1 }.reduce(0, +)
            rows.append(row)
            labels.append(random.chance(RetentionFit.logistic(z)))
        }
        return (rows, labels)
    }

    @Test(arguments: [1.0, 0.1])
    func theFitMatchesAnIndependentReference(ridge: Double) {
        let (rows, labels) = Self.data(count: 1500, seed: 42)
        let fit = RetentionFit.fit(features: rows.flatMap { $0 }, columns: 6, labels: labels, ridge: ridge, maximumIterations: 100)
        let reference = ReferenceFit.fit(rows, labels, ridge: ridge)
        #expect(fit.converged)
        #expect(fit.iterations > 1 && fit.iterations < 20)
        for (engine, expected) in zip(fit.coefficients, reference) {
            #expect(abs(engine - expected) < 1e-6, "\(fit.coefficients) vs \(reference)")
        }
        // The signs of the model the data were drawn from (−0.4 is the only negative slope).
        #expect(fit.coefficients.map { $0 > 0 } == [false, true, true, true, false, true, true])
    }

    @Test func theInterceptIsNotPenalised() {
        // Only the intercept can explain a 10 % rate when every feature is 0: σ(β0) = 0.1 exactly
        // at the optimum, whatever the ridge.
        let labels = (0..<100).map { $0 < 10 }
        let fit = RetentionFit.fit(features: Array(repeating: 0, count: 600), columns: 6, labels: labels, ridge: 50, maximumIterations: 50)
        #expect(fit.converged)
        #expect(abs(RetentionFit.logistic(fit.coefficients[0]) - 0.1) < 1e-12)
        #expect(fit.coefficients.dropFirst().allSatisfy { $0 == 0 })
    }

    @Test func perfectlySeparatedDataStillConverge() {
        // Without the ridge the slope would run off to infinity; with λ = 1 it stops.
        let rows: [Double] = (0..<200).map { $0 < 100 ? 1 : 0 }
        let labels = (0..<200).map { $0 < 100 }
        let fit = RetentionFit.fit(features: rows, columns: 1, labels: labels, ridge: 1, maximumIterations: 100)
        #expect(fit.converged)
        #expect(fit.coefficients.allSatisfy { $0.isFinite })
        #expect(fit.coefficients[1] > 5)
    }

    @Test func fittingAHundredThousandRowsConverges() {
        let (rows, labels) = Self.data(count: 100_000, seed: 9)
        let fit = RetentionFit.fit(features: rows.flatMap { $0 }, columns: 6, labels: labels, ridge: 1, maximumIterations: 100)
        #expect(fit.converged)
        #expect(fit.iterations < 15)
        // With this much data the truth comes back closely.
        let truth = [-1.5, 0.8, 0.5, 1.0, -0.4, 0.6, 0.9]
        for (estimate, planted) in zip(fit.coefficients, truth) { #expect(abs(estimate - planted) < 0.1) }
    }

    static func syntheticPeople(_ count: Int, seed: UInt64) -> [ImportedPerson] {
        var random = SplitMix64(seed: seed)
        let levels: [(String, Int)] = [("data-scientist", 1), ("data-scientist", 2), ("data-scientist", 3), ("ml-engineer", 1), ("ml-engineer", 2)]
        return (0..<count).map { index in
            let (role, rung) = levels[random.weighted([30, 25, 15, 20, 10])]
            let hired = CalendarDay(daysSinceEpoch: F.day("2025-06-30").daysSinceEpoch - 60 - Int64(random.below(365 * 8)))
            return ImportedPerson(externalID: "P\(index)", name: "P\(index)", team: "t\(index % 40)",
                                  manager: index < 40 ? nil : "P\(index % 40)", role: role, rung: rung,
                                  hireDate: hired, location: nil)
        }
    }

    @Test func theFitRecoversThePlantedEffects() throws {
        let people = Self.syntheticPeople(12_000, seed: 3)
        let asOf = F.day("2025-06-30")
        let synthetic = SyntheticHistory(people: people, ladder: try F.ladder(), seed: 11, asOf: asOf)
        let history = try RetentionHistory(people: people, events: synthetic.events, ladder: F.ladder())
        let result = try RetentionResult(history: history, asOf: asOf, estimates: F.noEstimates(people.count))
        #expect(result.model.source == .fitted, "\(result.model.reason)")
        #expect(result.model.fitting.voluntaryLeavers >= 30)
        for signal in [RetentionSignal.overdue, .noNextRung, .researchBelowPolicy, .noConference12m, .managerChange6m] {
            #expect(result.model.coefficient(signal) > 0, "\(signal): \(result.model.coefficients)")
        }
        #expect(try #require(result.model.fitting.auc) > 0.6)
        #expect(try #require(result.model.outOfTime.auc) > 0.55)
        // People without a next rung leave more often, as planted.
        let rates = Dictionary(uniqueKeysWithValues: result.segments.filter { $0.dimension == .nextRung }.map { ($0.key, $0.rate ?? 0) })
        #expect(try #require(rates["none"]) > #require(rates["exists"]))
    }

    @Test func theGeneratedFileImportsAsTheSameEvents() throws {
        let people = Self.syntheticPeople(300, seed: 5)
        let asOf = F.day("2025-06-30")
        let synthetic = SyntheticHistory(people: people, ladder: try F.ladder(), seed: 2, asOf: asOf)
        var bytes: [UInt8] = []
        synthetic.writeEvents(chunkSize: 512) { (chunk: [UInt8]) throws(Never) in bytes += chunk }
        var hireDates: [String: CalendarDay] = [:]
        for person in people { hireDates[person.externalID] = person.hireDate }
        var reader = HREventImport(
            file: "hr.csv", context: HREventImportContext(hireDates: hireDates, rungs: ["data-scientist": [1, 2, 3], "ml-engineer": [1, 2]], asOf: asOf))
        var imported: [HREvent] = []
        try reader.feed(bytes) { imported.append($0) }
        try reader.finish { imported.append($0) }
        #expect(imported == synthetic.events)
        #expect(Set(imported.map(\.kind)) == Set(HREventKind.allCases))
        let again = SyntheticHistory(people: people, ladder: try F.ladder(), seed: 2, asOf: asOf)
        #expect(again.events == synthetic.events)
    }

    @Test func tooFewLeaversFallBackToTheDefaults() throws {
        let history = try RetentionRiskTests.smallOrganisation()
        let result = try RetentionResult(history: history, asOf: F.day("2025-01-01"), estimates: F.noEstimates(7))
        #expect(result.model.source == .defaults)
        #expect(result.model.coefficients == RetentionPolicy.illustrativeCoefficients)
        #expect(result.model.iterations == 0)
        #expect(result.model.fitting.people == 3)
        #expect(result.model.fitting.voluntaryLeavers == 2)
        #expect(result.model.fitting.day == F.day("2024-01-02"))
    }
}
