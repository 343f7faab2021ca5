/// The gap map's binary form: what a worker sends the supervisor and what the store keeps.
///
/// Layout (all little-endian; arrays are a `UInt32` count then the values; strings a `UInt32`
/// byte length then UTF-8; doubles as their IEEE-754 bit patterns, so they round-trip exactly):
///
///     "CGAP"  UInt16 version (1)  UInt16 flags (0)
///     Int64 asOf  Double meetsTolerance
///     taxonomy: [String] skillIDs, [String] roles, [Int32] rungs,
///               [Int32] requirementOffsets, [Int32] requirementSkill,
///               [Double] requirementLevel, [Double] requirementImportance
///     [String] personIDs  [String] teamIDs
///     people:   [Int32] roleLevel, [Int32] team, [Double] readiness, [UInt8] meets,
///               [Double] weightedGap, [Int32] cellOffsets
///     cells:    [Double] estimate, [Double] confidence
///     teams, roleLevels, org — each: [Int32] headcount, [Int32] meetingCount,
///               [Double] meanReadiness, [Int32] skillOffsets, [Int32] skill, [Double] weightedGap
///
/// A reader refuses a version it does not know rather than guessing; a new field means a new
/// version. docs/ASSESSMENT.md describes the same layout for readers in other languages.
extension GapMap {
    public static let magic: [UInt8] = Array("CGAP".utf8)
    public static let formatVersion: UInt16 = 1

    public func encoded() -> [UInt8] {
        let cells = cellEstimate.count
        var writer = GapMapWriter(capacity: 64 + cells * 16 + personCount * 40 + teams.skill.count * 12)
        for byte in Self.magic { writer.write(byte) }
        writer.write(Self.formatVersion)
        writer.write(UInt16(0))
        writer.write(asOf)
        writer.write(meetsTolerance)
        writer.write(taxonomy.skillIDs)
        writer.write(taxonomy.roleLevels.map(\.role))
        writer.write(taxonomy.roleLevels.map { Int32(clamping: $0.rung) })
        writer.write(taxonomy.requirementOffsets)
        writer.write(taxonomy.requirementSkill)
        writer.write(taxonomy.requirementLevel)
        writer.write(taxonomy.requirementImportance)
        writer.write(personIDs)
        writer.write(teamIDs)
        writer.write(personRoleLevel)
        writer.write(personTeam)
        writer.write(readiness)
        writer.write(meets)
        writer.write(weightedGap)
        writer.write(cellOffsets)
        writer.write(cellEstimate)
        writer.write(cellConfidence)
        for group in [teams, roleLevels, org] {
            writer.write(group.headcount)
            writer.write(group.meetingCount)
            writer.write(group.meanReadiness)
            writer.write(group.skillOffsets)
            writer.write(group.skill)
            writer.write(group.weightedGap)
        }
        return writer.bytes
    }

    /// Reads an encoded gap map, checking that every section agrees with the others.
    ///
    /// - Throws: `GapMapDecodingError` naming the byte offset of the first problem.
    public init(decoding bytes: [UInt8]) throws(GapMapDecodingError) {
        var reader = GapMapReader(bytes)
        for expected in Self.magic where try reader.read(UInt8.self, "magic") != expected {
            throw GapMapDecodingError(.notAGapMap, at: 0, "the bytes do not start with CGAP")
        }
        let version = try reader.read(UInt16.self, "version")
        guard version == Self.formatVersion else {
            throw GapMapDecodingError(.unsupportedVersion, at: 4, "format version \(version); this build reads \(Self.formatVersion)")
        }
        _ = try reader.read(UInt16.self, "flags")
        let asOf = try reader.read(Int64.self, "asOf")
        let tolerance = try reader.readDouble("meetsTolerance")
        let skillIDs = try reader.readStrings("skillIDs")
        let roles = try reader.readStrings("roles")
        let rungs = try reader.readArray(Int32.self, "rungs")
        let requirementOffsets = try reader.readArray(Int32.self, "requirementOffsets")
        let requirementSkill = try reader.readArray(Int32.self, "requirementSkill")
        let requirementLevel = try reader.readDoubles("requirementLevel")
        let requirementImportance = try reader.readDoubles("requirementImportance")
        guard roles.count == rungs.count else { throw GapMapDecodingError(.malformed, at: reader.offset, "roles and rungs differ in count") }
        let taxonomy: CompiledTaxonomy
        do {
            taxonomy = try CompiledTaxonomy(
                skillIDs: skillIDs, roleLevels: zip(roles, rungs).map { RoleLevelRef(role: $0, rung: Int($1)) },
                requirementOffsets: requirementOffsets, requirementSkill: requirementSkill,
                requirementLevel: requirementLevel, requirementImportance: requirementImportance)
        } catch {
            throw GapMapDecodingError(.malformed, at: reader.offset, "taxonomy section: \(error)")
        }
        let personIDs = try reader.readStrings("personIDs")
        let teamIDs = try reader.readStrings("teamIDs")
        let personRoleLevel = try reader.readArray(Int32.self, "personRoleLevel")
        let personTeam = try reader.readArray(Int32.self, "personTeam")
        let readiness = try reader.readDoubles("readiness")
        let meets = try reader.readBools("meets")
        let weightedGap = try reader.readDoubles("weightedGap")
        let cellOffsets = try reader.readArray(Int32.self, "cellOffsets")
        let cellEstimate = try reader.readDoubles("cellEstimate")
        let cellConfidence = try reader.readDoubles("cellConfidence")
        var groups: [GroupAggregates] = []
        for name in ["teams", "roleLevels", "org"] {
            groups.append(GroupAggregates(
                headcount: try reader.readArray(Int32.self, "\(name).headcount"),
                meetingCount: try reader.readArray(Int32.self, "\(name).meetingCount"),
                meanReadiness: try reader.readDoubles("\(name).meanReadiness"),
                skillOffsets: try reader.readArray(Int32.self, "\(name).skillOffsets"),
                skill: try reader.readArray(Int32.self, "\(name).skill"),
                weightedGap: try reader.readDoubles("\(name).weightedGap")))
        }
        guard reader.isAtEnd else {
            throw GapMapDecodingError(.malformed, at: reader.offset, "\(bytes.count - reader.offset) bytes follow the gap map")
        }
        self.init(
            asOf: asOf, meetsTolerance: tolerance, taxonomy: taxonomy, personIDs: personIDs, teamIDs: teamIDs,
            personRoleLevel: personRoleLevel, personTeam: personTeam, readiness: readiness, meets: meets,
            weightedGap: weightedGap, cellOffsets: cellOffsets, cellEstimate: cellEstimate,
            cellConfidence: cellConfidence, teams: groups[0], roleLevels: groups[1], org: groups[2])
        if let problem = shapeProblem() { throw GapMapDecodingError(.malformed, at: bytes.count, problem) }
    }

    /// What makes the arrays inconsistent with each other, or nil when they are consistent.
    func shapeProblem() -> String? {
        let people = personCount
        guard personRoleLevel.count == people, personTeam.count == people, meets.count == people,
            weightedGap.count == people, personIDs.isEmpty || personIDs.count == people
        else { return "per-person sections differ in length" }
        guard teamIDs.isEmpty || teamIDs.count == teams.count else { return "teamIDs differ from team aggregates" }
        guard cellOffsets.count == people + 1, cellOffsets.first == 0,
            cellEstimate.count == cellConfidence.count, cellOffsets.last.map(Int.init) == cellEstimate.count
        else { return "cell offsets do not match the cells" }
        for p in 0..<people {
            let r = personRoleLevel[p]
            guard r >= 0, Int(r) < taxonomy.roleLevelCount else { return "person \(p) has role level \(r), out of range" }
            guard personTeam[p] == AssessmentInput.noTeam || (personTeam[p] >= 0 && Int(personTeam[p]) < teams.count) else {
                return "person \(p) has team \(personTeam[p]), out of range"
            }
            let required = taxonomy.requirementOffsets[Int(r) + 1] - taxonomy.requirementOffsets[Int(r)]
            guard cellOffsets[p + 1] - cellOffsets[p] == required else { return "person \(p) has the wrong number of cells" }
        }
        let skills = taxonomy.skillCount
        guard teams.isWellFormed(skillCount: skills), roleLevels.isWellFormed(skillCount: skills),
            org.isWellFormed(skillCount: skills)
        else { return "an aggregate section is inconsistent" }
        guard roleLevels.count == taxonomy.roleLevelCount, org.count == 1 else {
            return "aggregates do not match the role levels or the organisation"
        }
        return nil
    }
}
