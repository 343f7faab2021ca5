/// The taxonomy as the assessment engine reads it: skills numbered in ascending id order, role
/// levels numbered in `(role, rung)` order, and each role level's requirements as flat arrays
/// sorted by skill number.
///
/// Sorting skills by id makes a skill's number its rank, so "ties broken by skill id" is "ties
/// broken by skill number", and sorting requirements by skill lets the engine walk a person's
/// evidence (sorted the same way) once, merging the two lists without any lookup.
public struct CompiledTaxonomy: Hashable, Sendable {
    /// Ascending (`String` order, which for the ASCII ids a taxonomy allows is byte order).
    public let skillIDs: [String]
    /// Ascending `(role, rung)`.
    public let roleLevels: [RoleLevelRef]
    /// Role level `r`'s requirements are `requirementOffsets[r] ..< requirementOffsets[r + 1]`.
    public let requirementOffsets: [Int32]
    /// Skill number of each requirement; strictly ascending within a role level.
    public let requirementSkill: [Int32]
    /// Required level, a whole number 1–5 held as `Double` for the arithmetic.
    public let requirementLevel: [Double]
    /// Importance weight, a whole number 1–5 held as `Double`.
    public let requirementImportance: [Double]

    public var skillCount: Int { skillIDs.count }
    public var roleLevelCount: Int { roleLevels.count }

    /// Numbers the taxonomy's skills and role levels.
    ///
    /// - Throws: `InputErrors` when a requirement names an unknown skill or a role level
    ///   requires one skill twice (the taxonomy parser already rejects both; this guards values
    ///   built in code).
    public init(_ taxonomy: Taxonomy, file: String = "<taxonomy>") throws {
        let skillIDs = Array(Set(taxonomy.skills.map(\.id))).sorted()
        var refs: [(RoleLevelRef, [Requirement])] = []
        for role in taxonomy.roles {
            for level in role.levels {
                refs.append((RoleLevelRef(role: role.id, rung: level.rung), level.requirements))
            }
        }
        refs.sort { $0.0 < $1.0 }
        var offsets: [Int32] = [0]
        var skills: [Int32] = []
        var levels: [Double] = []
        var importances: [Double] = []
        var errors: [InputError] = []
        for (ref, requirements) in refs {
            var rows: [(Int32, Int, Int)] = []
            for (position, requirement) in requirements.enumerated() {
                let field = "\(ref).requirements[\(position)]"
                guard let skill = Self.index(of: requirement.skill, in: skillIDs) else {
                    errors.append(InputError(
                        .assessmentUnknownSkill, file: file, field: field,
                        message: "requires unknown skill '\(requirement.skill)'",
                        hint: "define the skill in the taxonomy or correct the id"))
                    continue
                }
                rows.append((Int32(skill), requirement.level, requirement.importance))
            }
            rows.sort { $0.0 < $1.0 }
            for pair in zip(rows, rows.dropFirst()) where pair.0.0 == pair.1.0 {
                errors.append(InputError(
                    .assessmentDuplicateRequirement, file: file, field: "\(ref).requirements",
                    message: "requires skill '\(skillIDs[Int(pair.0.0)])' twice",
                    hint: "keep one requirement per skill"))
            }
            for row in rows {
                skills.append(row.0)
                levels.append(Double(row.1))
                importances.append(Double(row.2))
            }
            offsets.append(Int32(skills.count))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        try self.init(
            skillIDs: skillIDs, roleLevels: refs.map(\.0), requirementOffsets: offsets,
            requirementSkill: skills, requirementLevel: levels, requirementImportance: importances)
    }

    /// Takes flat arrays as they are, after checking the invariants the engine relies on.
    ///
    /// - Throws: `InputErrors` (`assessment.malformed-input`) when lengths disagree, skill ids are
    ///   not strictly ascending, or a role level's requirements are not strictly ascending by skill.
    public init(
        skillIDs: [String], roleLevels: [RoleLevelRef], requirementOffsets: [Int32],
        requirementSkill: [Int32], requirementLevel: [Double], requirementImportance: [Double]
    ) throws {
        func malformed(_ message: String) -> InputErrors {
            InputErrors([InputError(.assessmentMalformedInput, file: "<compiled taxonomy>", message: message)])
        }
        for pair in zip(skillIDs, skillIDs.dropFirst()) where !(pair.0 < pair.1) {
            throw malformed("skill ids must be strictly ascending ('\(pair.0)' before '\(pair.1)')")
        }
        guard requirementOffsets.count == roleLevels.count + 1, requirementOffsets.first == 0,
            requirementOffsets.last.map(Int.init) == requirementSkill.count,
            requirementLevel.count == requirementSkill.count,
            requirementImportance.count == requirementSkill.count
        else { throw malformed("requirement arrays disagree in length with the role levels") }
        for r in 0..<roleLevels.count {
            let start = Int(requirementOffsets[r]), end = Int(requirementOffsets[r + 1])
            guard start <= end else { throw malformed("requirement offsets must not decrease") }
            for i in start..<end {
                let skill = requirementSkill[i]
                guard skill >= 0, Int(skill) < skillIDs.count else {
                    throw malformed("\(roleLevels[r]) requires skill number \(skill), out of range")
                }
                if i > start, !(requirementSkill[i - 1] < skill) {
                    throw malformed("\(roleLevels[r])'s requirements are not strictly ascending by skill")
                }
                let level = requirementLevel[i], importance = requirementImportance[i]
                guard level.isFinite, level > 0, importance.isFinite, importance > 0 else {
                    throw malformed("\(roleLevels[r]) has a requirement level or importance that is not positive")
                }
            }
        }
        self.skillIDs = skillIDs
        self.roleLevels = roleLevels
        self.requirementOffsets = requirementOffsets
        self.requirementSkill = requirementSkill
        self.requirementLevel = requirementLevel
        self.requirementImportance = requirementImportance
    }

    /// The skill's number, by binary search over the sorted ids.
    public func skillIndex(_ id: String) -> Int? { Self.index(of: id, in: skillIDs) }

    public func roleLevelIndex(_ ref: RoleLevelRef) -> Int? {
        var low = 0, high = roleLevels.count
        while low < high {
            let mid = (low + high) / 2
            if roleLevels[mid] < ref { low = mid + 1 } else { high = mid }
        }
        return low < roleLevels.count && roleLevels[low] == ref ? low : nil
    }

    public func requirements(ofRoleLevel r: Int) -> Range<Int> {
        Int(requirementOffsets[r])..<Int(requirementOffsets[r + 1])
    }

    static func index(of id: String, in sorted: [String]) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == id ? low : nil
    }
}
