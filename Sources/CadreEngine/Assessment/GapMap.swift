/// The assessment phase's result: for each person, readiness for their own role level, whether
/// they meet it, and an estimate per requirement; rolled up by team, role level and organisation.
///
/// It carries the compiled taxonomy it was computed against and the person and team ids, so a
/// reader (the supervisor, the store, `cadrectl`) needs nothing else to show it. Storage is flat
/// arrays with offsets; `encoded()` / `init(decoding:)` move it across a socket or into the store
/// and back bit for bit.
public struct GapMap: Hashable, Sendable {
    /// The as-of time T (seconds since the Unix epoch) the estimates were computed at.
    public var asOf: Int64
    public var meetsTolerance: Double
    public var taxonomy: CompiledTaxonomy
    /// People's ids in person order; empty when the input had none.
    public var personIDs: [String]
    /// Team ids in team order; empty when the input had none.
    public var teamIDs: [String]

    public var personRoleLevel: [Int32]
    /// Team number, or `AssessmentInput.noTeam`.
    public var personTeam: [Int32]
    public var readiness: [Double]
    public var meets: [Bool]
    /// Σ importance · gap over the person's requirement cells.
    public var weightedGap: [Double]
    /// Person `p`'s cells are `cellOffsets[p] ..< cellOffsets[p + 1]`, one per requirement of
    /// their role level, in the role level's requirement order.
    public var cellOffsets: [Int32]
    /// 0 where unassessed.
    public var cellEstimate: [Double]
    /// Σ w; 0 exactly when the cell is unassessed.
    public var cellConfidence: [Double]

    public var teams: GroupAggregates
    public var roleLevels: GroupAggregates
    /// A single group: everyone.
    public var org: GroupAggregates

    public init(
        asOf: Int64, meetsTolerance: Double, taxonomy: CompiledTaxonomy, personIDs: [String],
        teamIDs: [String], personRoleLevel: [Int32], personTeam: [Int32], readiness: [Double],
        meets: [Bool], weightedGap: [Double], cellOffsets: [Int32], cellEstimate: [Double],
        cellConfidence: [Double], teams: GroupAggregates, roleLevels: GroupAggregates, org: GroupAggregates
    ) {
        self.asOf = asOf
        self.meetsTolerance = meetsTolerance
        self.taxonomy = taxonomy
        self.personIDs = personIDs
        self.teamIDs = teamIDs
        self.personRoleLevel = personRoleLevel
        self.personTeam = personTeam
        self.readiness = readiness
        self.meets = meets
        self.weightedGap = weightedGap
        self.cellOffsets = cellOffsets
        self.cellEstimate = cellEstimate
        self.cellConfidence = cellConfidence
        self.teams = teams
        self.roleLevels = roleLevels
        self.org = org
    }

    public var personCount: Int { readiness.count }

    /// The person view: one person against their own role level, with every requirement cell
    /// (unassessed cells included and marked).
    public func person(_ p: Int) -> PersonAssessment {
        let roleLevel = Int(personRoleLevel[p])
        let requirements = taxonomy.requirements(ofRoleLevel: roleLevel)
        let first = Int(cellOffsets[p])
        let cells = requirements.enumerated().map { k, r in
            RequirementCell(
                skill: Int(taxonomy.requirementSkill[r]), requiredLevel: taxonomy.requirementLevel[r],
                importance: taxonomy.requirementImportance[r], estimate: cellEstimate[first + k],
                confidence: cellConfidence[first + k])
        }
        return PersonAssessment(
            person: p, roleLevel: roleLevel, readiness: readiness[p], meets: meets[p],
            weightedGap: weightedGap[p], requirements: cells)
    }

    public func personIndex(_ id: String) -> Int? { personIDs.firstIndex(of: id) }
}

/// One person measured against one role level.
public struct PersonAssessment: Hashable, Sendable {
    public var person: Int
    public var roleLevel: Int
    public var readiness: Double
    public var meets: Bool
    public var weightedGap: Double
    /// In the role level's requirement order (ascending skill number).
    public var requirements: [RequirementCell]

    public init(person: Int, roleLevel: Int, readiness: Double, meets: Bool, weightedGap: Double, requirements: [RequirementCell]) {
        self.person = person
        self.roleLevel = roleLevel
        self.readiness = readiness
        self.meets = meets
        self.weightedGap = weightedGap
        self.requirements = requirements
    }
}

/// What a role level requires of one skill, and what the evidence says the person has.
public struct RequirementCell: Hashable, Sendable {
    public var skill: Int
    public var requiredLevel: Double
    public var importance: Double
    /// 0 when unassessed — read `isUnassessed`, never the 0, to tell "no evidence" from "none".
    public var estimate: Double
    public var confidence: Double

    public init(skill: Int, requiredLevel: Double, importance: Double, estimate: Double, confidence: Double) {
        self.skill = skill
        self.requiredLevel = requiredLevel
        self.importance = importance
        self.estimate = estimate
        self.confidence = confidence
    }

    /// No evidence counted for this skill at the as-of time.
    public var isUnassessed: Bool { !(confidence > 0) }
    public var gap: Double { Readiness.gap(required: requiredLevel, estimate: estimate) }
}
