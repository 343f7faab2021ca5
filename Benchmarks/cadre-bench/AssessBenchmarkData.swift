import CadreEngine
import Foundation

/// The file the assessment benchmark hands to the numpy baseline, and the one it reads back.
/// Little-endian, fixed layout; Benchmarks/numpy/gapmap.py reads and writes the same layout.
///
/// Input ("CABENCH1"): i64 people, skills, roleLevels, teams, requirements, evidence, asOf;
/// f64 meetsTolerance; f64[8] weight and f64[8] halfLifeDays (0 = no decay) by kind code;
/// i32 personRoleLevel[P], personTeam[P], requirementOffsets[R+1], requirementSkill[Q];
/// f64 requirementLevel[Q], requirementImportance[Q]; i32 evidencePerson[E], evidenceSkill[E];
/// f64 evidenceLevel[E]; i64 evidenceObservedAt[E], evidenceValidUntil[E]; u8 evidenceKind[E].
///
/// Result ("CABRES01"): i64 people, skills, roleLevels, teams; f64 readiness[P], orgSums[S],
/// roleLevelSums[R·S], teamSums[T·S], teamMeanReadiness[T]; i64 teamHeadcount[T],
/// teamMeeting[T]; u8 meets[P].
enum AssessBenchmarkData {
    static func write(_ input: AssessmentInput, policy: AssessmentPolicy, asOf: Int64, to url: URL) throws {
        var data = Data("CABENCH1".utf8)
        let taxonomy = input.taxonomy
        for value in [input.personCount, taxonomy.skillCount, taxonomy.roleLevelCount, input.teamCount,
                      taxonomy.requirementSkill.count, input.evidenceCount] {
            append(Int64(value), to: &data)
        }
        append(asOf, to: &data)
        append(policy.meetsTolerance.bitPattern, to: &data)
        let kinds = SourceKind.allCases
        for kind in kinds { append(policy.policy(for: kind).weight.bitPattern, to: &data) }
        for kind in kinds { append((policy.policy(for: kind).halfLifeDays ?? 0).bitPattern, to: &data) }
        appendArray(input.personRoleLevel, to: &data)
        appendArray(input.personTeam, to: &data)
        appendArray(taxonomy.requirementOffsets, to: &data)
        appendArray(taxonomy.requirementSkill, to: &data)
        appendArray(taxonomy.requirementLevel.map(\.bitPattern), to: &data)
        appendArray(taxonomy.requirementImportance.map(\.bitPattern), to: &data)
        appendArray(input.evidencePerson, to: &data)
        appendArray(input.evidenceSkill, to: &data)
        appendArray(input.evidenceLevel.map(\.bitPattern), to: &data)
        appendArray(input.evidenceObservedAt, to: &data)
        appendArray(input.evidenceValidUntil, to: &data)
        appendArray(input.evidenceKind, to: &data)
        try data.write(to: url)
    }

    struct Result {
        var readiness: [Double]
        var orgSums: [Double]
        var roleLevelSums: [Double]
        var teamSums: [Double]
        var teamMeanReadiness: [Double]
        var teamHeadcount: [Int64]
        var teamMeeting: [Int64]
        var meets: [UInt8]
    }

    static func readResult(from url: URL) throws -> Result {
        let data = try Data(contentsOf: url)
        var offset = 0
        func take<T: FixedWidthInteger>(_: T.Type, count: Int) throws -> [T] {
            let size = count * MemoryLayout<T>.size
            guard count >= 0, offset + size <= data.count else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "result file too short"])
            }
            var values = [T](repeating: 0, count: count)
            values.withUnsafeMutableBytes { raw in
                data.withUnsafeBytes { raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + size)])) }
            }
            offset += size
            return values.map { T(littleEndian: $0) }
        }
        guard data.prefix(8) == Data("CABRES01".utf8) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "not a CABRES01 result file"])
        }
        offset = 8
        let counts = try take(Int64.self, count: 4).map(Int.init)
        let (people, skills, roleLevels, teams) = (counts[0], counts[1], counts[2], counts[3])
        func doubles(_ count: Int) throws -> [Double] { try take(UInt64.self, count: count).map(Double.init(bitPattern:)) }
        return Result(
            readiness: try doubles(people), orgSums: try doubles(skills),
            roleLevelSums: try doubles(roleLevels * skills), teamSums: try doubles(teams * skills),
            teamMeanReadiness: try doubles(teams), teamHeadcount: try take(Int64.self, count: teams),
            teamMeeting: try take(Int64.self, count: teams), meets: try take(UInt8.self, count: people))
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func appendArray<T: FixedWidthInteger>(_ values: [T], to data: inout Data) {
        #if _endian(little)
        values.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
        for value in values { append(value, to: &data) }
        #endif
    }
}
