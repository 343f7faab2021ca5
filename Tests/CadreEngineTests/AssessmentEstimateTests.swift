import Testing
@testable import CadreEngine

@Suite("Assessment estimates")
struct AssessmentEstimateTests {
    typealias F = AssessmentFixture

    @Test func managerRatingOneHalfLifeOldCountsHalf() throws {
        // 4.0 a year ago weighs 1.0 · 0.5^(365/365) = 0.5; 2.0 today weighs 1.0.
        // estimate = (0.5·4 + 1·2) / 1.5 = 4 / 1.5 = 2.666…; confidence = 1.5.
        let explanation = try F.estimate([F.manager("ana", "mlops", 4, daysBefore: 365), F.manager("ana", "mlops", 2)])
        #expect(explanation.estimate == 4.0 / 1.5)
        #expect(explanation.confidence == 1.5)
        #expect(explanation.evidence.map(\.weight) == [0.5, 1.0])
        #expect(explanation.evidence.map(\.decay) == [0.5, 1.0])
        #expect(explanation.evidence.map(\.ageDays) == [365, 0])
        #expect(explanation.evidence.map(\.status) == [.counted, .counted])
        #expect(!explanation.isUnassessed)
    }

    @Test func twoHalfLivesQuarterTheWeight() throws {
        let old = EvidenceRecord(
            person: "ana", skill: "mlops", value: 3, scale: "level", source: "assessment",
            observedAt: F.asOf - 1080 * F.day)
        let explanation = try F.estimate([old])
        // 1.5 · 0.5^(1080/540) = 0.375; a single row's estimate is its level whatever it weighs.
        #expect(explanation.confidence == 0.375)
        #expect(explanation.estimate == 3)
    }

    @Test func halfAHalfLifeIsTheSquareRootOfAHalf() throws {
        // 182.5 days of a 365-day half-life: 0.5^0.5 = 0.70710678…
        let rating = EvidenceRecord(
            person: "ana", skill: "mlops", value: 3, scale: "level", source: "peer",
            observedAt: F.asOf - 15_768_000)
        let explanation = try F.estimate([rating])
        #expect(abs(explanation.confidence - 0.75 * 0.7071067811865476) < 1e-15)
    }

    @Test func mixedScalesAreWeighedOnOneScale() throws {
        // percent 80 → 4.0 (third-party, 1.25); O*NET 3.5 → 2.5 (manager, 1.0); level 3 (self, 0.5).
        // estimate = (1.25·4 + 1·2.5 + 0.5·3) / 2.75 = 9 / 2.75 = 3.2727…
        let evidence = [
            EvidenceRecord(person: "ana", skill: "mlops", value: 80, scale: "percent", source: "third-party", observedAt: F.asOf),
            EvidenceRecord(person: "ana", skill: "mlops", value: 3.5, scale: "onet-level", source: "manager", observedAt: F.asOf),
            EvidenceRecord(person: "ana", skill: "mlops", value: 3, scale: "level", source: "self", observedAt: F.asOf),
        ]
        let explanation = try F.estimate(evidence)
        #expect(explanation.estimate == 9 / 2.75)
        #expect(explanation.confidence == 2.75)
        #expect(Set(explanation.evidence.map(\.level)) == [4, 2.5, 3])
    }

    @Test func scoreAboveTheScaleCountsAsFive() throws {
        let explanation = try F.estimate([
            EvidenceRecord(person: "ana", skill: "mlops", value: 120, scale: "percent", source: "coding", observedAt: F.asOf)
        ])
        #expect(explanation.estimate == 5)
        #expect(explanation.confidence == 1.5)
    }

    @Test func evidenceAfterTheAsOfTimeIsIgnored() throws {
        let later = EvidenceRecord(
            person: "ana", skill: "mlops", value: 5, scale: "level", source: "manager", observedAt: F.asOf + 1)
        let explanation = try F.estimate([later, F.manager("ana", "mlops", 2)])
        #expect(explanation.estimate == 2)
        #expect(explanation.confidence == 1)
        let ignored = try #require(explanation.evidence.first { $0.status == .observedAfterAsOf })
        #expect(ignored.weight == 0)
        #expect(ignored.level == 5)

        // Seen from one second later, the same row counts: (1·2 + 1·5) / 2 = 3.5.
        let later1 = try F.estimate([later, F.manager("ana", "mlops", 2)], asOf: F.asOf + 1)
        #expect(abs(later1.estimate - 3.5) < 1e-6)
    }

    @Test func expiredCredentialContributesNothing() throws {
        let expired = EvidenceRecord(
            person: "ana", skill: "mlops", value: 4, scale: "level", source: "credential",
            observedAt: F.asOf - 100 * F.day, validUntil: F.asOf - 1)
        let alone = try F.estimate([expired])
        #expect(alone.isUnassessed)
        #expect(alone.estimate == 0)
        #expect(alone.evidence.map(\.status) == [.expired])

        let withRating = try F.estimate([expired, F.manager("ana", "mlops", 3)])
        #expect(withRating.estimate == 3)
        #expect(withRating.confidence == 1)
    }

    @Test func credentialCountsFullyUntilItsLastValidSecond() throws {
        // Credentials do not decay: 1000 days old still weighs 2.0 while valid (T == validUntil).
        let credential = EvidenceRecord(
            person: "ana", skill: "mlops", value: 4, scale: "level", source: "credential",
            observedAt: F.asOf - 1000 * F.day, validUntil: F.asOf)
        let explanation = try F.estimate([credential, F.manager("ana", "mlops", 1)])
        // (2·4 + 1·1) / 3 = 3.
        #expect(explanation.estimate == 3)
        #expect(explanation.confidence == 3)
        #expect(explanation.evidence.first { $0.kind == .credential }?.validUntil == F.asOf)
    }

    @Test func noEvidenceMeansUnassessedNotZeroSkill() throws {
        let none = try F.estimate([], skill: "statistics")
        #expect(none.isUnassessed)
        #expect(none.estimate == 0)
        #expect(none.confidence == 0)

        // A self-rating of 0 is evidence of no skill: assessed, estimate 0.
        let zero = try F.estimate([
            EvidenceRecord(person: "ana", skill: "statistics", value: 0, scale: "level", source: "self", observedAt: F.asOf)
        ], skill: "statistics")
        #expect(!zero.isUnassessed)
        #expect(zero.estimate == 0)
        #expect(zero.confidence == 0.5)

        // Only future evidence: still unassessed.
        let future = try F.estimate([F.manager("ana", "statistics", 4, daysBefore: -1)], skill: "statistics")
        #expect(future.isUnassessed)
    }

    @Test func zeroWeightKindLeavesTheCellUnassessed() throws {
        let policy = AssessmentPolicy(sources: [.selfRating: SourcePolicy(weight: 0, halfLifeDays: 365)])
        let explanation = try F.estimate([
            EvidenceRecord(person: "ana", skill: "mlops", value: 5, scale: "level", source: "self", observedAt: F.asOf)
        ], policy: policy)
        #expect(explanation.isUnassessed)
        #expect(explanation.estimate == 0)
    }

    @Test func explanationAgreesWithTheGapMapToTheBit() throws {
        let evidence = [
            F.manager("ana", "mlops", 4, daysBefore: 200),
            EvidenceRecord(person: "ana", skill: "mlops", value: 73, scale: "percent", source: "coding", observedAt: F.asOf - 17 * F.day),
            EvidenceRecord(person: "ana", skill: "mlops", value: 2, scale: "level", source: "peer", observedAt: F.asOf - 3),
        ]
        let people = [PersonRecord(id: "ana", roleLevel: F.mlEngineer1, team: "alpha")]
        let input = try F.input(people: people, evidence: evidence)
        let map = try GapMap(assessing: input, asOf: F.asOf)
        let mlops = try #require(input.taxonomy.skillIndex("mlops"))
        let explanation = try input.explain(person: 0, skill: mlops, asOf: F.asOf)
        let cell = try #require(map.person(0).requirements.first { $0.skill == mlops })
        #expect(cell.estimate.bitPattern == explanation.estimate.bitPattern)
        #expect(cell.confidence.bitPattern == explanation.confidence.bitPattern)
        #expect(explanation.evidence.map(\.record) == [0, 1, 2])
    }
}
