import Foundation
import Testing
@testable import CadreEngine

@Suite("Assessment scales and policy")
struct AssessmentScaleTests {
    @Test func builtInScalesMapOntoZeroToFive() {
        #expect(Scale.level.level(3) == 3)
        #expect(Scale.percent.level(55) == 2.75)
        #expect(Scale.percent.level(80) == 4)
        // 3.5 on O*NET's 0–7 is half way: 2.5.
        #expect(Scale.onetLevel.level(3.5) == 2.5)
        #expect(Scale.onetLevel.level(7) == 5)
    }

    @Test func valuesOutsideTheScaleAreClamped() {
        #expect(Scale.percent.level(120) == 5)
        #expect(Scale.percent.level(-10) == 0)
        #expect(Scale.level.level(5.5) == 5)
    }

    @Test func configuredScaleWithOffsetMinimum() {
        // A 1–9 vendor scale: 5 is its middle, so 2.5 on Cadre's.
        let vendor = Scale(name: "vendor", min: 1, max: 9)
        #expect(vendor.level(5) == 2.5)
        #expect(vendor.level(1) == 0)
        #expect(vendor.level(0) == 0)
    }

    @Test func defaultsAreDesignsTable() {
        let policy = AssessmentPolicy.standard
        #expect(policy.policy(for: .assessment) == SourcePolicy(weight: 1.5, halfLifeDays: 540))
        #expect(policy.policy(for: .coding) == SourcePolicy(weight: 1.5, halfLifeDays: 540))
        #expect(policy.policy(for: .thirdParty) == SourcePolicy(weight: 1.25, halfLifeDays: 540))
        #expect(policy.policy(for: .credential) == SourcePolicy(weight: 2.0, halfLifeDays: nil))
        #expect(policy.policy(for: .manager) == SourcePolicy(weight: 1.0, halfLifeDays: 365))
        #expect(policy.policy(for: .peer) == SourcePolicy(weight: 0.75, halfLifeDays: 365))
        #expect(policy.policy(for: .training) == SourcePolicy(weight: 1.0, halfLifeDays: 730))
        #expect(policy.policy(for: .selfRating) == SourcePolicy(weight: 0.5, halfLifeDays: 365))
        #expect(policy.meetsTolerance == 0.25)
        #expect(policy.smallTeamThreshold == 5)
        #expect(policy.scales.keys.sorted() == ["level", "onet-level", "percent"])
    }

    @Test func sourceKindRawValuesAndCodes() {
        #expect(SourceKind.allCases.map(\.rawValue) == [
            "assessment", "coding", "third-party", "credential", "manager", "peer", "training", "self",
        ])
        #expect(SourceKind.allCases.map(\.code) == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(SourceKind(code: 7) == .selfRating)
        #expect(SourceKind(code: 8) == nil)
    }

    @Test func partialConfigurationKeepsTheOtherDefaults() throws {
        let json = """
            {"sources": {"peer": {"weight": 0.5}, "training": {"halfLifeDays": null}},
             "scales": [{"name": "hackerrank", "min": 0, "max": 150}],
             "meetsTolerance": 0.5}
            """
        let policy = try JSONDecoder().decode(AssessmentPolicy.self, from: Data(json.utf8))
        // Only the weight was given: the peer half-life stays 365.
        #expect(policy.policy(for: .peer) == SourcePolicy(weight: 0.5, halfLifeDays: 365))
        // An explicit null turns decay off; the weight stays 1.0.
        #expect(policy.policy(for: .training) == SourcePolicy(weight: 1.0, halfLifeDays: nil))
        #expect(policy.policy(for: .manager) == SourcePolicy(weight: 1.0, halfLifeDays: 365))
        #expect(policy.scale(named: "hackerrank")?.level(75) == 2.5)
        #expect(policy.scale(named: "percent") == .percent)
        #expect(policy.meetsTolerance == 0.5)
        #expect(policy.smallTeamThreshold == 5)

        let again = try JSONDecoder().decode(AssessmentPolicy.self, from: try JSONEncoder().encode(policy))
        #expect(again == policy)
    }

    @Test func unknownSourceKindInConfigurationIsRejected() {
        let json = #"{"sources": {"intuition": {"weight": 3}}}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AssessmentPolicy.self, from: Data(json.utf8))
        }
    }

    @Test func unusablePolicyIsReportedFieldByField() {
        let policy = AssessmentPolicy(
            scales: [Scale(name: "flat", min: 3, max: 3)],
            sources: [.peer: SourcePolicy(weight: -1, halfLifeDays: 365), .coding: SourcePolicy(weight: 1, halfLifeDays: 0)],
            meetsTolerance: -0.1)
        let problems = policy.problems(file: "cadre.yaml")
        #expect(problems.map(\.code) == [
            .assessmentInvalidScale, .assessmentInvalidSourcePolicy, .assessmentInvalidSourcePolicy,
            .assessmentInvalidPolicy,
        ])
        #expect(problems.map(\.field) == [
            "assessment.scales.flat", "assessment.sources.coding", "assessment.sources.peer",
            "assessment.meetsTolerance",
        ])
        #expect(problems.allSatisfy { $0.file == "cadre.yaml" })
    }
}
