import Testing
@testable import CadreEngine

@Suite("Gap map encoding")
struct AssessmentCodecTests {
    typealias F = AssessmentFixture

    @Test func roundTripIsBitForBit() throws {
        let map = try F.gapMap()
        let bytes = map.encoded()
        let decoded = try GapMap(decoding: bytes)
        #expect(decoded == map)
        #expect(decoded.encoded() == bytes)
        #expect(decoded.readiness.map(\.bitPattern) == map.readiness.map(\.bitPattern))
        #expect(decoded.person(2) == map.person(2))
    }

    @Test func headerIsMagicThenLittleEndianVersion() throws {
        let bytes = try F.gapMap().encoded()
        #expect(Array(bytes[0..<4]) == Array("CGAP".utf8))
        #expect(Array(bytes[4..<8]) == [1, 0, 0, 0])
        // asOf 1 700 000 000 = 0x6553F100, little-endian.
        #expect(Array(bytes[8..<16]) == [0x00, 0xF1, 0x53, 0x65, 0, 0, 0, 0])
        // meetsTolerance 0.25 = 0x3FD0000000000000.
        #expect(Array(bytes[16..<24]) == [0, 0, 0, 0, 0, 0, 0xD0, 0x3F])
    }

    @Test func negativeZeroAndOddDoublesSurvive() throws {
        var map = try F.gapMap()
        map.readiness[0] = -0.0
        map.cellConfidence[1] = .leastNonzeroMagnitude
        let decoded = try GapMap(decoding: map.encoded())
        #expect(decoded.readiness[0].bitPattern == (-0.0).bitPattern)
        #expect(decoded.cellConfidence[1] == .leastNonzeroMagnitude)
    }

    @Test func truncatedBytesAreRefusedAtEveryLength() throws {
        let bytes = try F.gapMap().encoded()
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: GapMapDecodingError.self) { try GapMap(decoding: Array(bytes[0..<length])) }
        }
    }

    @Test func wrongMagicVersionOrTrailingBytesAreRefused() throws {
        let bytes = try F.gapMap().encoded()
        var other = bytes
        other[0] = UInt8(ascii: "X")
        let notMap = #expect(throws: GapMapDecodingError.self) { try GapMap(decoding: other) }
        #expect(notMap?.code == .notAGapMap)

        var future = bytes
        future[4] = 2
        let version = #expect(throws: GapMapDecodingError.self) { try GapMap(decoding: future) }
        #expect(version?.code == .unsupportedVersion)

        let trailing = #expect(throws: GapMapDecodingError.self) { try GapMap(decoding: bytes + [0]) }
        #expect(trailing?.code == .malformed)
    }

    @Test func inconsistentSectionsAreRefused() throws {
        var map = try F.gapMap()
        map.personRoleLevel[0] = 2  // ana now claims ml-engineer@2 but has ml-engineer@1's two cells
        let thrown = #expect(throws: GapMapDecodingError.self) { try GapMap(decoding: map.encoded()) }
        #expect(thrown?.code == .malformed)
    }

    @Test func recordOrderDoesNotChangeABit() throws {
        let forward = try F.gapMap().encoded()
        let backward = try F.gapMap(people: F.people.reversed(), evidence: F.evidence.reversed()).encoded()
        #expect(forward == backward)
    }
}
