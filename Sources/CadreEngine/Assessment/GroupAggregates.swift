/// The gap map rolled up over groups of people — every team, every role level, or the whole
/// organisation (one group) — as DESIGN.md asks: headcount, mean readiness, how many meet their
/// role level, and per skill the sum of `importance · gap` over the group's requirement cells.
///
/// Per-skill sums are sparse: a group lists only the skills some member's role level requires
/// (with a zero sum when nobody falls short), ascending by skill number, group after group.
public struct GroupAggregates: Hashable, Sendable {
    public var headcount: [Int32]
    public var meetingCount: [Int32]
    /// Σ readiness / headcount, summed in person order; 0 for a group with nobody in it.
    public var meanReadiness: [Double]
    /// Group `g`'s skills are `skillOffsets[g] ..< skillOffsets[g + 1]` of `skill` and `weightedGap`.
    public var skillOffsets: [Int32]
    public var skill: [Int32]
    /// Σ importance · gap over the group's cells for that skill.
    public var weightedGap: [Double]

    public init(
        headcount: [Int32], meetingCount: [Int32], meanReadiness: [Double], skillOffsets: [Int32],
        skill: [Int32], weightedGap: [Double]
    ) {
        self.headcount = headcount
        self.meetingCount = meetingCount
        self.meanReadiness = meanReadiness
        self.skillOffsets = skillOffsets
        self.skill = skill
        self.weightedGap = weightedGap
    }

    public var count: Int { headcount.count }

    public func skills(of group: Int) -> Range<Int> {
        Int(skillOffsets[group])..<Int(skillOffsets[group + 1])
    }

    /// Every skill the group's members are required to have, ascending by skill number.
    public func skillGaps(of group: Int) -> [SkillGap] {
        skills(of: group).map { SkillGap(skill: Int(skill[$0]), weightedGap: weightedGap[$0]) }
    }

    /// The `k` skills with the largest `Σ importance · gap`, largest first; equal sums in
    /// ascending skill id (skill numbers follow id order). Skills without any gap are not "top
    /// gaps" and are left out, so the list may be shorter than `k`.
    public func topSkills(of group: Int, count k: Int) -> [SkillGap] {
        var gaps = skillGaps(of: group).filter { $0.weightedGap > 0 }
        gaps.sort { $0.weightedGap != $1.weightedGap ? $0.weightedGap > $1.weightedGap : $0.skill < $1.skill }
        return Array(gaps.prefix(max(0, k)))
    }

    /// Whether the arrays agree with each other and with `skillCount`.
    func isWellFormed(skillCount: Int) -> Bool {
        let groups = headcount.count
        guard meetingCount.count == groups, meanReadiness.count == groups,
            skillOffsets.count == groups + 1, skillOffsets.first == 0,
            skillOffsets.last.map(Int.init) == skill.count, weightedGap.count == skill.count
        else { return false }
        for g in 0..<groups where skillOffsets[g] > skillOffsets[g + 1] { return false }
        return skill.allSatisfy { $0 >= 0 && Int($0) < skillCount }
    }
}

/// One skill's share of a group's gap.
public struct SkillGap: Hashable, Sendable {
    /// Skill number in the taxonomy the gap map was computed from.
    public var skill: Int
    public var weightedGap: Double

    public init(skill: Int, weightedGap: Double) {
        self.skill = skill
        self.weightedGap = weightedGap
    }
}
