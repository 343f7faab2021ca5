/// Everyone's estimates at T in binary: what the assessment phase keeps beside its gap map, so the
/// later phases of the same run decode them instead of reading every evidence row again.
///
/// Layout (all little-endian; arrays are a `UInt32` count then the values; doubles as their
/// IEEE-754 bit patterns, so they round-trip exactly — the gap map's building blocks):
///
///     "CEST"  UInt16 version (1)  UInt16 flags (0)
///     Int64 skillCount
///     [Int32] offsets (personCount + 1)  [Int32] skills  [Double] estimates  [Double] confidences
///
/// A reader refuses a version it does not know rather than guessing; a new field means a new
/// version.
extension SkillEstimates {
    public static let magic: [UInt8] = Array("CEST".utf8)
    public static let formatVersion: UInt16 = 1

    public func encoded() -> [UInt8] {
        var writer = GapMapWriter(capacity: 32 + offsets.count * 4 + skills.count * 20)
        for byte in Self.magic { writer.write(byte) }
        writer.write(Self.formatVersion)
        writer.write(UInt16(0))
        writer.write(Int64(skillCount))
        writer.write(offsets)
        writer.write(skills)
        writer.write(estimates)
        writer.write(confidences)
        return writer.bytes
    }

    /// Reads `encoded()` bytes back, checking every invariant the type promises (offsets from 0
    /// to the entry count, skills strictly ascending within a person and inside the taxonomy,
    /// confidences above 0), so a decoded value can stand wherever computed ones do.
    ///
    /// - Throws: `SkillEstimatesDecodingError` naming the byte offset of the first problem; never
    ///   traps on bad bytes (they come from a database row).
    public init(decoding bytes: [UInt8]) throws(SkillEstimatesDecodingError) {
        var reader = GapMapReader(bytes)
        do {
            self = try Self.read(&reader)
        } catch {
            throw SkillEstimatesDecodingError(offset: error.offset, message: error.message)
        }
    }

    private static func read(_ r: inout GapMapReader) throws(GapMapDecodingError) -> SkillEstimates {
        func bad(_ message: String) -> GapMapDecodingError { GapMapDecodingError(.malformed, at: r.offset, message) }
        for byte in magic where try r.read(UInt8.self, "magic") != byte {
            throw GapMapDecodingError(.notAGapMap, at: 0, "the bytes do not start with CEST")
        }
        let version = try r.read(UInt16.self, "version")
        guard version == formatVersion else {
            throw GapMapDecodingError(.unsupportedVersion, at: 4, "format version \(version); this build reads \(formatVersion)")
        }
        _ = try r.read(UInt16.self, "flags")
        let skillCount = try r.read(Int64.self, "skillCount")
        guard skillCount >= 0, skillCount <= Int64(Int32.max) else { throw bad("skill count \(skillCount) is out of range") }
        let offsets = try r.readArray(Int32.self, "offsets")
        let skills = try r.readArray(Int32.self, "skills")
        let estimates = try r.readDoubles("estimates")
        let confidences = try r.readDoubles("confidences")
        guard r.isAtEnd else { throw bad("bytes follow the end of the estimates") }
        guard offsets.first == 0, offsets.last.map(Int.init) == skills.count else {
            throw bad("offsets do not run from 0 to the \(skills.count) entries")
        }
        guard estimates.count == skills.count, confidences.count == skills.count else {
            throw bad("skills, estimates and confidences differ in length")
        }
        for p in 0..<(offsets.count - 1) {
            let start = Int(offsets[p]), end = Int(offsets[p + 1])
            guard start <= end else { throw bad("offsets of person \(p) go backwards") }
            var previous: Int32 = -1
            for i in start..<end {
                let skill = skills[i]
                guard skill > previous, Int64(skill) < skillCount else {
                    throw bad("person \(p)'s skills are not ascending inside 0..<\(skillCount)")
                }
                guard estimates[i].isFinite, confidences[i] > 0, confidences[i].isFinite else {
                    throw bad("person \(p) has an entry of estimate \(estimates[i]), confidence \(confidences[i])")
                }
                previous = skill
            }
        }
        return SkillEstimates(
            personCount: offsets.count - 1, skillCount: Int(skillCount), offsets: offsets, skills: skills,
            estimates: estimates, confidences: confidences)
    }
}

/// Why bytes could not be read back as skill estimates.
public struct SkillEstimatesDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Byte offset where the problem was found.
    public var offset: Int
    public var message: String

    public var description: String { "skill estimates at byte \(offset): \(message)" }
}
