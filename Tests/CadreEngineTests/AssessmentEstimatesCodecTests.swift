import Testing
@testable import CadreEngine

@Suite("Skill estimates encoding")
struct AssessmentEstimatesCodecTests {
    typealias F = AssessmentFixture

    /// ana, ben, cai, dee (people numbered by id) with the fixture's evidence: ana and ben have
    /// mlops and statistics, cai too, dee statistics only (70 % = 3.5) — seven entries.
    static func estimates() throws -> SkillEstimates {
        try SkillEstimates(assessing: try F.input(), asOf: F.asOf)
    }

    @Test func roundTripIsBitForBit() throws {
        let estimates = try Self.estimates()
        #expect(estimates.personCount == 4 && estimates.skills.count == 7)
        let bytes = estimates.encoded()
        let decoded = try SkillEstimates(decoding: bytes)
        #expect(decoded == estimates)
        #expect(decoded.estimates.map(\.bitPattern) == estimates.estimates.map(\.bitPattern))
        #expect(decoded.encoded() == bytes)
        // dee is person 3; statistics is skill 3.
        #expect(decoded.estimate(person: 3, skill: 3) == 3.5 && !decoded.isAssessed(person: 3, skill: 0))
    }

    /// Magic, version 1, flags, skill count 4, then the offsets [0, 2, 4, 6, 7] as a count and values.
    @Test func headerIsMagicVersionAndSkillCount() throws {
        let bytes = try Self.estimates().encoded()
        #expect(Array(bytes[0..<4]) == Array("CEST".utf8))
        #expect(Array(bytes[4..<8]) == [1, 0, 0, 0])
        #expect(Array(bytes[8..<16]) == [4, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(bytes[16..<20]) == [5, 0, 0, 0])
        #expect(Array(bytes[20..<40]) == [0, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 6, 0, 0, 0, 7, 0, 0, 0])
        // 4 + 4 + 8, five offsets, seven skills, seven estimates, seven confidences (each with a count).
        #expect(bytes.count == 16 + (4 + 20) + (4 + 28) + (4 + 56) + (4 + 56))
    }

    @Test func noPeopleRoundTrips() throws {
        let empty = SkillEstimates(skillCount: 3, perPerson: [])
        let decoded = try SkillEstimates(decoding: empty.encoded())
        #expect(decoded.personCount == 0 && decoded.skillCount == 3 && decoded == empty)
    }

    @Test func truncatedBytesAreRefusedAtEveryLength() throws {
        let bytes = try Self.estimates().encoded()
        for length in 0..<bytes.count {
            #expect(throws: SkillEstimatesDecodingError.self) { try SkillEstimates(decoding: Array(bytes[0..<length])) }
        }
    }

    @Test func wrongMagicVersionOrTrailingBytesAreRefused() throws {
        let bytes = try Self.estimates().encoded()
        var other = bytes
        other[0] = UInt8(ascii: "X")
        #expect(throws: SkillEstimatesDecodingError.self) { try SkillEstimates(decoding: other) }
        var future = bytes
        future[4] = 2
        let version = #expect(throws: SkillEstimatesDecodingError.self) { try SkillEstimates(decoding: future) }
        #expect(version?.offset == 4)
        #expect(throws: SkillEstimatesDecodingError.self) { try SkillEstimates(decoding: bytes + [0]) }
    }

    /// Columns that disagree with each other are refused, never trusted: a skill out of order or
    /// outside the taxonomy, offsets that go backwards, a confidence of 0.
    @Test func inconsistentColumnsAreRefused() throws {
        let bytes = try Self.estimates().encoded()
        let skillsStart = 16 + 4 + 20 + 4
        func refused(_ change: (inout [UInt8]) -> Void) -> Bool {
            var changed = bytes
            change(&changed)
            return (try? SkillEstimates(decoding: changed)) == nil
        }
        #expect(refused { $0[skillsStart] = 3 })          // ana: statistics (3) before mlops (2)
        #expect(refused { $0[skillsStart + 4] = 9 })      // ana's second skill outside 0..<4
        #expect(refused { $0[24] = 5 })                   // ana's offsets 0, 5, 4: backwards
        #expect(refused { $0[8] = 3 })                    // three skills, but skill 3 is used
        let confidencesStart = skillsStart + 28 + 4 + 56 + 4
        #expect(refused { bytes in for i in 0..<8 { bytes[confidencesStart + i] = 0 } })
        #expect(!refused { _ in })
    }
}
