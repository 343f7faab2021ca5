import Testing
@testable import CadreEngine

@Suite struct RetentionCodecTests {
    typealias F = RetentionFixture

    static func fittedResult() throws -> RetentionResult {
        let people = RetentionFitTests.syntheticPeople(2_000, seed: 8)
        let asOf = F.day("2025-06-30")
        let synthetic = SyntheticHistory(people: people, ladder: try F.ladder(), seed: 4, asOf: asOf)
        let history = try RetentionHistory(people: people, events: synthetic.events, ladder: F.ladder())
        let estimates = SkillEstimates(skillCount: 2, perPerson: people.indices.map { [(skill: 0, estimate: Double($0 % 6))] })
        return try RetentionResult(history: history, asOf: asOf, estimates: estimates)
    }

    @Test func aResultRoundTripsThroughItsBytes() throws {
        let result = try Self.fittedResult()
        #expect(result.model.source == .fitted)
        #expect(result.people.contains { $0.signals.readyNotPromoted })
        let bytes = result.encoded()
        #expect(Array(bytes.prefix(4)) == RetentionResult.magic)
        #expect(try RetentionResult(decoding: bytes) == result)
        // Equal results, equal bytes.
        #expect(try Self.fittedResult().encoded() == bytes)
    }

    @Test func theDefaultsModelRoundTripsToo() throws {
        let result = try RetentionResult(history: RetentionRiskTests.smallOrganisation(), asOf: F.day("2025-01-01"),
                                         estimates: F.noEstimates(7))
        #expect(try RetentionResult(decoding: result.encoded()) == result)
    }

    @Test func damagedBytesAreRefused() throws {
        let bytes = try RetentionResult(history: RetentionRiskTests.smallOrganisation(), asOf: F.day("2025-01-01"),
                                        estimates: F.noEstimates(7)).encoded()
        for cut in [0, 3, 10, bytes.count / 2, bytes.count - 1] {
            #expect(throws: RetentionDecodingError.self) { try RetentionResult(decoding: Array(bytes.prefix(cut))) }
        }
        #expect(throws: RetentionDecodingError.self) { try RetentionResult(decoding: bytes + [0]) }
        var version = bytes
        version[4] = 9
        #expect(throws: RetentionDecodingError.self) { try RetentionResult(decoding: version) }
    }
}
