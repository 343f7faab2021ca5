/// The training result's binary form, which the daemon persists per run and decodes for views:
/// little-endian, arrays as a count then values (the gap map's building blocks), fields in a
/// fixed order — so the same result always gives the same bytes.
///
/// Layout (version 1): `CDTR`, version; taxonomy (skill ids, role ids, rungs, requirement
/// offsets, skills, levels, importances); courses (ids, kinds, costs, hours); settings
/// (tolerance, as-of day, weekly hundredths, search budget); people (ids, teams, team ids, role
/// levels); cores as flat columns (role level, course offsets, courses, closes per step, closes,
/// uncoverable offsets, uncoverable, cost, hours, status, lower bound, nodes); per person (core,
/// uncoverable offsets, uncoverable estimates, closed weighted gap); budget flag, budget, funded.
extension TrainingResult {
    static let magic: [UInt8] = Array("CDTR".utf8)
    static let formatVersion: UInt32 = 1

    public func encoded() -> [UInt8] {
        var out = GapMapWriter(capacity: 64 + personCount * 32)
        for byte in Self.magic { out.write(byte) }
        out.write(Self.formatVersion)
        out.write(taxonomy.skillIDs)
        out.write(taxonomy.roleLevels.map(\.role))
        out.write(taxonomy.roleLevels.map { Int32($0.rung) })
        out.write(taxonomy.requirementOffsets)
        out.write(taxonomy.requirementSkill)
        out.write(taxonomy.requirementLevel)
        out.write(taxonomy.requirementImportance)
        out.write(courseIDs)
        out.write(courseKind.map(\.code))
        out.write(courseCost)
        out.write(courseHours)
        out.write(settings.tolerance)
        out.write(settings.asOf.daysSinceEpoch)
        out.write(Int64(settings.weeklyLearningHours))
        out.write(Int64(settings.searchBudget))
        out.write(personIDs)
        out.write(personTeam)
        out.write(teamIDs)
        out.write(personRoleLevel)
        var courseOffsets: [Int32] = [0], courses: [Int32] = [], stepCloses: [Int32] = [], closes: [Int32] = []
        var uncoverableOffsetsOfCores: [Int32] = [0], uncoverable: [Int32] = []
        for core in cores {
            courses += core.courses
            courseOffsets.append(Int32(courses.count))
            for step in core.courses.indices { stepCloses.append(core.closeOffsets[step + 1] - core.closeOffsets[step]) }
            closes += core.closes
            uncoverable += core.uncoverable
            uncoverableOffsetsOfCores.append(Int32(uncoverable.count))
        }
        out.write(cores.map(\.roleLevel))
        out.write(courseOffsets)
        out.write(courses)
        out.write(stepCloses)
        out.write(closes)
        out.write(uncoverableOffsetsOfCores)
        out.write(uncoverable)
        out.write(cores.map(\.cost))
        out.write(cores.map(\.hours))
        out.write(cores.map { $0.status == .optimal ? UInt8(0) : 1 })
        out.write(cores.map(\.lowerBound))
        out.write(cores.map { Int64($0.nodes) })
        out.write(personCore)
        out.write(uncoverableOffsets)
        out.write(uncoverableEstimates)
        out.write(closedWeightedGap)
        out.write(UInt8(budget == nil ? 0 : 1))
        out.write(budget ?? 0)
        out.write(funded ?? [])
        return out.bytes
    }

    /// - Throws: `TrainingResultDecodingError` for bytes that are not a version-1 result or whose
    ///   sections disagree; never traps on bad bytes.
    public init(decoding bytes: [UInt8]) throws(TrainingResultDecodingError) {
        do {
            try self.init(reading: bytes)
        } catch let error as TrainingResultDecodingError {
            throw error
        } catch let error as GapMapDecodingError {
            throw TrainingResultDecodingError(error.code == .truncated ? "truncated" : "malformed", error.offset, error.message)
        } catch {
            throw TrainingResultDecodingError("malformed", 0, "\(error)")
        }
    }

    private init(reading bytes: [UInt8]) throws {
        var r = GapMapReader(bytes)
        for byte in Self.magic where try r.read(UInt8.self, "magic") != byte {
            throw TrainingResultDecodingError("not-a-training-result", 0, "the bytes do not start with CDTR")
        }
        let version = try r.read(UInt32.self, "version")
        guard version == Self.formatVersion else {
            throw TrainingResultDecodingError("unsupported-version", 4, "version \(version); this build reads \(Self.formatVersion)")
        }
        let skillIDs = try r.readStrings("skill ids")
        let roles = try r.readStrings("role ids")
        let rungs = try r.readArray(Int32.self, "rungs")
        guard roles.count == rungs.count else { throw TrainingResultDecodingError("malformed", r.offset, "roles and rungs differ") }
        let taxonomy = try CompiledTaxonomy(
            skillIDs: skillIDs, roleLevels: zip(roles, rungs).map { RoleLevelRef(role: $0, rung: Int($1)) },
            requirementOffsets: try r.readArray(Int32.self, "requirement offsets"),
            requirementSkill: try r.readArray(Int32.self, "requirement skills"),
            requirementLevel: try r.readDoubles("requirement levels"),
            requirementImportance: try r.readDoubles("requirement importances"))
        let courseIDs = try r.readStrings("course ids")
        let kinds = try r.readArray(UInt8.self, "course kinds").map { code throws -> CourseKind in
            guard let kind = CourseKind(code: code) else { throw TrainingResultDecodingError("malformed", r.offset, "kind \(code)") }
            return kind
        }
        let courseCost = try r.readArray(Int64.self, "course costs")
        let courseHours = try r.readArray(Int64.self, "course hours")
        let courseCount = courseIDs.count
        guard kinds.count == courseCount, courseCost.count == courseCount, courseHours.count == courseCount else {
            throw TrainingResultDecodingError("malformed", r.offset, "course columns differ in length")
        }
        let tolerance = try r.readDouble("tolerance")
        let asOf = CalendarDay(daysSinceEpoch: try r.read(Int64.self, "as-of"))
        let weekly = try r.read(Int64.self, "weekly hours"), searchBudget = try r.read(Int64.self, "search budget")
        guard let weeklyHours = Int(exactly: weekly), let nodesBudget = Int(exactly: searchBudget) else {
            throw TrainingResultDecodingError("malformed", r.offset, "settings out of range")
        }
        let settings = PlanningSettings(tolerance: tolerance, asOf: asOf, weeklyLearningHours: weeklyHours, searchBudget: nodesBudget)
        let personIDs = try r.readStrings("person ids")
        let personTeam = try r.readArray(Int32.self, "teams")
        let teamIDs = try r.readStrings("team ids")
        let personRoleLevel = try r.readArray(Int32.self, "role levels")
        let coreRole = try r.readArray(Int32.self, "core role levels")
        let courseOffsets = try r.readArray(Int32.self, "core course offsets")
        let courses = try r.readArray(Int32.self, "core courses")
        let stepCloses = try r.readArray(Int32.self, "closes per step")
        let closes = try r.readArray(Int32.self, "closes")
        let uncoverableOffsetsOfCores = try r.readArray(Int32.self, "core uncoverable offsets")
        let uncoverable = try r.readArray(Int32.self, "core uncoverable")
        let costs = try r.readArray(Int64.self, "core costs"), hours = try r.readArray(Int64.self, "core hours")
        let statuses = try r.readArray(UInt8.self, "core statuses"), bounds = try r.readArray(Int64.self, "core bounds")
        let nodes = try r.readArray(Int64.self, "core nodes")
        let coreCount = coreRole.count
        let requirementCount = taxonomy.requirementSkill.count
        func check(_ condition: Bool, _ message: String) throws {
            if !condition { throw TrainingResultDecodingError("malformed", r.offset, message) }
        }
        try check(courseOffsets.count == coreCount + 1 && uncoverableOffsetsOfCores.count == coreCount + 1
            && [costs.count, hours.count, statuses.count, bounds.count, nodes.count].allSatisfy { $0 == coreCount },
            "core columns differ in length")
        try check(Self.validOffsets(courseOffsets, total: courses.count) && Self.validOffsets(uncoverableOffsetsOfCores, total: uncoverable.count),
                  "core offsets out of shape")
        try check(stepCloses.count == courses.count && stepCloses.allSatisfy { $0 >= 0 }
            && stepCloses.reduce(0, { $0 + Int($1) }) == closes.count, "closes per step disagree")
        try check(courses.allSatisfy { $0 >= 0 && Int($0) < courseCount }, "a core names an unknown course")
        try check((closes + uncoverable).allSatisfy { $0 >= 0 && Int($0) < requirementCount }, "a core names an unknown requirement")
        try check(coreRole.allSatisfy { $0 >= 0 && Int($0) < taxonomy.roleLevelCount } && statuses.allSatisfy { $0 <= 1 },
                  "a core's role level or status is out of range")
        var cores: [PlanCore] = []
        var step = 0, closeStart = 0
        for i in 0..<coreCount {
            var closeOffsets: [Int32] = [0]
            let first = closeStart
            for _ in Int(courseOffsets[i])..<Int(courseOffsets[i + 1]) {
                closeStart += Int(stepCloses[step])
                step += 1
                closeOffsets.append(Int32(closeStart - first))
            }
            cores.append(PlanCore(
                roleLevel: coreRole[i], courses: Array(courses[Int(courseOffsets[i])..<Int(courseOffsets[i + 1])]),
                closeOffsets: closeOffsets, closes: Array(closes[first..<closeStart]),
                uncoverable: Array(uncoverable[Int(uncoverableOffsetsOfCores[i])..<Int(uncoverableOffsetsOfCores[i + 1])]),
                cost: costs[i], hours: hours[i], status: statuses[i] == 0 ? .optimal : .bounded, lowerBound: bounds[i],
                nodes: Int(truncatingIfNeeded: nodes[i])))
        }
        let personCore = try r.readArray(Int32.self, "person cores")
        let uncoverableOffsets = try r.readArray(Int32.self, "person uncoverable offsets")
        let uncoverableEstimates = try r.readDoubles("uncoverable estimates")
        let closedWeightedGap = try r.readDoubles("closed weighted gaps")
        let hasBudget = try r.read(UInt8.self, "budget flag")
        let budget = try r.read(Int64.self, "budget")
        let funded = try r.readBools("funded")
        let people = personIDs.count
        try check([personTeam.count, personRoleLevel.count, personCore.count, closedWeightedGap.count].allSatisfy { $0 == people }
            && uncoverableOffsets.count == people + 1, "person columns differ in length")
        try check(personTeam.allSatisfy { $0 == -1 || ($0 >= 0 && Int($0) < teamIDs.count) }
            && personRoleLevel.allSatisfy { $0 >= 0 && Int($0) < taxonomy.roleLevelCount }
            && personCore.allSatisfy { $0 >= 0 && Int($0) < coreCount }, "a person's team, role level or core is out of range")
        try check(Self.validOffsets(uncoverableOffsets, total: uncoverableEstimates.count), "uncoverable offsets out of shape")
        for p in 0..<people {
            try check(Int(uncoverableOffsets[p + 1] - uncoverableOffsets[p]) == cores[Int(personCore[p])].uncoverable.count,
                      "person \(p)'s uncoverable estimates disagree with their plan")
        }
        try check(hasBudget <= 1 && (hasBudget == 1 ? funded.count == people : funded.isEmpty), "budget section out of shape")
        try check(r.isAtEnd, "bytes follow the end of the result")
        self.init(
            taxonomy: taxonomy, courseIDs: courseIDs, courseKind: kinds, courseCost: courseCost, courseHours: courseHours,
            settings: settings, personIDs: personIDs, personTeam: personTeam, teamIDs: teamIDs,
            personRoleLevel: personRoleLevel, cores: cores, personCore: personCore, uncoverableOffsets: uncoverableOffsets,
            uncoverableEstimates: uncoverableEstimates, closedWeightedGap: closedWeightedGap,
            budget: hasBudget == 1 ? budget : nil, funded: hasBudget == 1 ? funded : nil)
    }

    private static func validOffsets(_ offsets: [Int32], total: Int) -> Bool {
        guard offsets.first == 0, offsets.last.map(Int.init) == total else { return false }
        return zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 }
    }
}

/// Why bytes could not be read back as a training result.
public struct TrainingResultDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `training-result.not-a-training-result`, `.unsupported-version`, `.truncated`, `.malformed`.
    public var code: String
    public var offset: Int
    public var message: String

    init(_ code: String, _ offset: Int, _ message: String) {
        self.code = "training-result.\(code)"
        self.offset = offset
        self.message = message
    }

    public var description: String { "[\(code)] at byte \(offset): \(message)" }
}
