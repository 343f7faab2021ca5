import Testing
@testable import CadreEngine

@Suite struct RetentionRiskTests {
    typealias F = RetentionFixture

    /// On 2025-01-01, hired 2023-07-01 at data-scientist@1 (12 expected months): 18 months, overdue
    /// 0.5; research 5 % (below 10 %); no conference; a new manager a month ago. With the default
    /// β: z = −2.5 + 0.6·0.5 + 0.4 + 0.3 + 0.5 = −1.0, risk σ(−1); reasons managerChange6m 0.5,
    /// researchBelowPolicy 0.4, then the 0.3 tie of noConference12m and overdue broken by name.
    @Test func riskAndReasonsOfAHandBuiltPerson() throws {
        let people = [F.person("P", manager: "M", hired: "2023-07-01")]
        let events = [
            F.event("P", "2024-01-01", .researchTime(sharePercent: 5)),
            F.event("P", "2024-12-01", .managerChange(manager: "M2")),
        ]
        let history = try RetentionHistory(people: people, events: events, ladder: F.ladder())
        let result = try RetentionResult(history: history, asOf: F.day("2025-01-01"), estimates: F.noEstimates(1))
        #expect(result.model.source == .defaults)
        #expect(result.model.reason.contains("0 voluntary leavers"))
        let person = try #require(result.people.first)
        #expect(person.signals.values == [0.5, 0, 0, 1, 1, 1])
        #expect(abs(person.risk - 0.2689414213699951) < 1e-12)
        #expect(person.reasons.map(\.signal) == [.managerChange6m, .researchBelowPolicy, .noConference12m])
        #expect(person.reasons.map(\.contribution) == [0.5, 0.4, 0.3])
        #expect(person.roleLevel == RoleLevelRef(role: "data-scientist", rung: 1))
    }

    @Test func reasonsLeaveOutSignalsThatDoNotRaiseTheRisk() {
        let beta = [0.0, 1, -1, 0.5, 0, 2, 0.5]
        let reasons = RetentionResult.reasons(beta, [0.25, 1, 1, 1, 1, 1])
        // overdue 0.25, readyNotPromoted −1, noNextRung 0.5, research 0, noConference 2, manager 0.5.
        #expect(reasons.map(\.signal) == [.noConference12m, .managerChange6m, .noNextRung])
        #expect(RetentionResult.reasons(beta, [0, 0, 0, 0, 0, 0]).isEmpty)
    }

    /// The small organisation of the attrition test, on D = 2025-01-01 (window starts 2024-01-02).
    static func smallOrganisation() throws -> RetentionHistory {
        let people = [
            F.person("A", team: "t1", "data-scientist", 3),
            F.person("B", team: "t1", "data-scientist", 1),
            F.person("C", team: "t2", "ml-engineer", 1, hired: "2024-03-01"),
            F.person("D", team: "t2", "ml-engineer", 2, hired: "2019-01-01"),
            F.person("E", team: "t2", "data-scientist", 2, hired: "2019-01-01"),
            F.person("F", team: "t1", "data-scientist", 2),
            F.person("G", team: "t3", "data-scientist", 1, hired: "2025-02-01"),
        ]
        let events = [
            F.event("A", "2024-06-01", .departure(voluntary: true)),
            F.event("A", "2023-01-01", .researchTime(sharePercent: 5)),
            F.event("B", "2023-01-01", .researchTime(sharePercent: 20)),
            F.event("D", "2024-09-01", .departure(voluntary: false)),
            F.event("E", "2023-12-01", .departure(voluntary: true)),
            F.event("F", "2024-03-01", .promotion(role: "data-scientist", rung: 2)),
            F.event("F", "2025-01-01", .departure(voluntary: true)),
        ]
        return try RetentionHistory(people: people, events: events, ladder: F.ladder())
    }

    @Test func attritionBySegment() throws {
        let history = try Self.smallOrganisation()
        let result = try RetentionResult(history: history, asOf: F.day("2025-01-01"), estimates: F.noEstimates(7))
        let rows = result.segments.map { s in
            "\(s.dimension.rawValue)/\(s.key) \(s.headcountStart) \(s.headcountEnd) \(s.voluntaryDepartures) \(s.involuntaryDepartures)"
        }
        #expect(rows == [
            "organisation/all 4 2 2 1",
            "next-rung/exists 2 2 1 0", "next-rung/none 2 0 1 1",
            "research/at-or-above 1 1 0 0", "research/below 1 0 1 0", "research/no-data 2 1 1 1",
            "team/t1 3 1 2 0", "team/t2 1 1 0 1", "team/t3 0 0 0 0",
            "role/data-scientist 3 1 2 0", "role/ml-engineer 1 1 0 1",
        ])
        #expect(result.segments.map(\.rate) == [2.0 / 3, 0.5, 1, 0, 2, 2.0 / 3, 1, 0, nil, 1, 0])
        #expect(result.people.map(\.person) == ["B", "C"])
    }

    @Test func distributionOfRisk() {
        let distribution = RiskDistribution(risks: [0.05, 0.15, 0.15, 0.35, 0.95, 1.0, 0.5, 0.45, 0.25, 0.05])
        #expect(distribution.histogram == [2, 2, 1, 1, 1, 1, 0, 0, 0, 2])
        #expect(distribution.deciles == [0.05, 0.05, 0.15, 0.15, 0.25, 0.35, 0.45, 0.5, 0.95])
        #expect(abs(distribution.mean - 0.39) < 1e-12)
        #expect(RiskDistribution(risks: []).deciles.isEmpty)
    }

    /// Leavers score 0.4, 0.8, 0.4 and stayers 0.1, 0.4: pairs 1 + ½, 1 + 1, 1 + ½ of 6.
    @Test func aucCountsTiesAsHalf() {
        #expect(RankAUC.auc(scores: [0.1, 0.4, 0.4, 0.8, 0.4], labels: [false, true, false, true, true]) == 5.0 / 6)
        #expect(RankAUC.auc(scores: [1, 1, 1], labels: [true, false, true]) == 0.5)
        #expect(RankAUC.auc(scores: [1, 2], labels: [true, true]) == nil)
    }

    @Test func aucMatchesCountingEveryPair() {
        var random = SplitMix64(seed: 7)
        let scores = (0..<300).map { _ in Double(random.below(20)) }
        let labels = scores.map { random.chance(0.2 + $0 / 40) }
        var twice = 0, pairs = 0
        for i in scores.indices where labels[i] {
            for j in scores.indices where !labels[j] {
                pairs += 1
                twice += scores[i] > scores[j] ? 2 : (scores[i] == scores[j] ? 1 : 0)
            }
        }
        #expect(RankAUC.auc(scores: scores, labels: labels) == Double(twice) / Double(2 * pairs))
    }

    @Test func theResultIsTheSameOnEveryRun() throws {
        let history = try Self.smallOrganisation()
        let first = try RetentionResult(history: history, asOf: F.day("2025-01-01"), estimates: F.noEstimates(7))
        let second = try RetentionResult(history: history, asOf: F.day("2025-01-01"), estimates: F.noEstimates(7))
        #expect(first == second)
        #expect(first.coverage.people == 2)
        #expect(first.coverage.withNextRung == 2)
        #expect(first.coverage.researchNoData == 1)
    }

    @Test func aBadPolicyIsRefused() throws {
        let history = try Self.smallOrganisation()
        let policy = RetentionPolicy(researchSharePercent: 120, defaultCoefficients: [1, 2], ridge: 0)
        do {
            _ = try RetentionResult(history: history, asOf: F.day("2025-01-01"), estimates: F.noEstimates(7), policy: policy)
            Issue.record("the policy was accepted")
        } catch let errors as InputErrors {
            #expect(errors.errors.map(\.field) == ["retention.researchSharePercent", "retention.defaultCoefficients", "retention.ridge"])
        }
        #expect(throws: InputErrors.self) {
            try RetentionResult(history: history, asOf: F.day("2025-01-01"), estimates: F.noEstimates(3))
        }
    }
}
