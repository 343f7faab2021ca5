/// The gap map views (`GetGaps`), mirrors of the types in the interface file.
extension Workforce {
    public struct SkillGap: Codable, Hashable, Sendable {
        public var skill: String
        public var skillName: String
        public var weightedGap: Double
        public init(skill: String, skillName: String, weightedGap: Double) {
            self.skill = skill
            self.skillName = skillName
            self.weightedGap = weightedGap
        }
    }

    public struct GroupReadiness: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var headcount: Int
        /// Nil when withheld from a reader: the group is smaller than `smallTeamThreshold`.
        public var meanReadiness: Double?
        public var meeting: Int?
        public var topGaps: [SkillGap]
        public init(id: String, name: String, headcount: Int, meanReadiness: Double?, meeting: Int?, topGaps: [SkillGap]) {
            self.id = id
            self.name = name
            self.headcount = headcount
            self.meanReadiness = meanReadiness
            self.meeting = meeting
            self.topGaps = topGaps
        }
    }

    public struct PersonReadiness: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var team: String
        public var roleLevel: String
        public var readiness: Double
        public var meets: Bool
        public var weightedGap: Double
        public init(id: String, name: String, team: String, roleLevel: String, readiness: Double, meets: Bool, weightedGap: Double) {
            self.id = id
            self.name = name
            self.team = team
            self.roleLevel = roleLevel
            self.readiness = readiness
            self.meets = meets
            self.weightedGap = weightedGap
        }
    }

    public struct EvidenceWeight: Codable, Hashable, Sendable {
        public var source: String
        public var level: Double
        public var observedAt: String
        public var ageDays: Double
        public var decay: Double
        public var weight: Double
        public var status: String
        public init(source: String, level: Double, observedAt: String, ageDays: Double, decay: Double, weight: Double, status: String) {
            self.source = source
            self.level = level
            self.observedAt = observedAt
            self.ageDays = ageDays
            self.decay = decay
            self.weight = weight
            self.status = status
        }
    }

    public struct RequirementGap: Codable, Hashable, Sendable {
        public var skill: String
        public var skillName: String
        public var level: Int
        public var importance: Int
        public var estimate: Double
        public var confidence: Double
        public var unassessed: Bool
        public var gap: Double
        public var evidence: [EvidenceWeight]
        public init(
            skill: String, skillName: String, level: Int, importance: Int, estimate: Double, confidence: Double,
            unassessed: Bool, gap: Double, evidence: [EvidenceWeight]
        ) {
            self.skill = skill
            self.skillName = skillName
            self.level = level
            self.importance = importance
            self.estimate = estimate
            self.confidence = confidence
            self.unassessed = unassessed
            self.gap = gap
            self.evidence = evidence
        }
    }

    public struct GapView: Codable, Hashable, Sendable {
        public var runId: Int64
        public var asOf: String
        public var dataVersion: Int64
        public var scope: String
        public var summary: GroupReadiness
        public var roleLevels: [GroupReadiness]
        public var teams: [GroupReadiness]
        public var people: [PersonReadiness]
        public var hidden: String?
        public var person: PersonReadiness?
        public var requirements: [RequirementGap]
        public init(
            runId: Int64, asOf: String, dataVersion: Int64, scope: String, summary: GroupReadiness,
            roleLevels: [GroupReadiness] = [], teams: [GroupReadiness] = [], people: [PersonReadiness] = [],
            hidden: String? = nil, person: PersonReadiness? = nil, requirements: [RequirementGap] = []
        ) {
            self.runId = runId
            self.asOf = asOf
            self.dataVersion = dataVersion
            self.scope = scope
            self.summary = summary
            self.roleLevels = roleLevels
            self.teams = teams
            self.people = people
            self.hidden = hidden
            self.person = person
            self.requirements = requirements
        }
    }

    public struct GetGapsParameters: Codable, Hashable, Sendable {
        public var run: Int64?
        public var asOf: String?
        public var team: String?
        public var roleLevel: String?
        public var person: String?
        public var top: Int?
        public init(run: Int64? = nil, asOf: String? = nil, team: String? = nil, roleLevel: String? = nil, person: String? = nil, top: Int? = nil) {
            self.run = run
            self.asOf = asOf
            self.team = team
            self.roleLevel = roleLevel
            self.person = person
            self.top = top
        }
    }

    public struct GapViewReply: Codable, Hashable, Sendable {
        public var view: GapView
        public init(view: GapView) { self.view = view }
    }

    public struct IDError: Codable, Hashable, Sendable {
        public var id: String
        public init(id: String) { self.id = id }
    }
}
