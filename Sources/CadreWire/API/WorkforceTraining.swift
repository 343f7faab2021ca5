/// Catalogues (`LoadCatalogue`, `GetCatalogue`) and learning plans (`GetPlans`).
extension Workforce {
    public struct LoadCatalogueParameters: Codable, Hashable, Sendable {
        /// `courses`.
        public var kind: String
        public var files: [SourceFile]
        public var source: String?

        public init(kind: String, files: [SourceFile], source: String? = nil) {
            self.kind = kind
            self.files = files
            self.source = source
        }
    }

    public struct CatalogueVersion: Codable, Hashable, Sendable {
        public var kind: String
        public var dataVersion: Int64
        public var digest: String
        public var source: String
        public var loadedAt: String
        public var items: Int
        public var unchanged: Bool

        public init(kind: String, dataVersion: Int64, digest: String, source: String, loadedAt: String, items: Int, unchanged: Bool) {
            self.kind = kind
            self.dataVersion = dataVersion
            self.digest = digest
            self.source = source
            self.loadedAt = loadedAt
            self.items = items
            self.unchanged = unchanged
        }
    }

    public struct CatalogueReply: Codable, Hashable, Sendable {
        public var version: CatalogueVersion
        public init(version: CatalogueVersion) { self.version = version }
    }

    public struct GetCatalogueParameters: Codable, Hashable, Sendable {
        public var kind: String
        public init(kind: String) { self.kind = kind }
    }

    /// The catalogue in force now, as the engine stores it (courses with what they teach).
    public struct CatalogueDocumentReply: Codable, Hashable, Sendable {
        public var version: CatalogueVersion
        public var document: JSONValue
        public init(version: CatalogueVersion, document: JSONValue) {
            self.version = version
            self.document = document
        }
    }

    public struct GetPlansParameters: Codable, Hashable, Sendable {
        public var run: Int64?
        public var team: String?
        public var roleLevel: String?
        public var person: String?
        /// With `person`: plan toward this role level (`ROLE@RUNG`) instead of their own.
        public var toward: String?
        public var top: Int?

        public init(run: Int64? = nil, team: String? = nil, roleLevel: String? = nil, person: String? = nil, toward: String? = nil, top: Int? = nil) {
            self.run = run
            self.team = team
            self.roleLevel = roleLevel
            self.person = person
            self.toward = toward
            self.top = top
        }
    }

    /// Cost and hours of the plans of a group; figures are nil when withheld from a reader.
    public struct PlanRollup: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var headcount: Int
        public var peopleWithPlans: Int?
        public var peopleBlocked: Int?
        public var cost: Int64?
        /// Hundredths of an hour.
        public var hours: Int64?
        /// By course kind: internal, vendor, academic.
        public var costByKind: [KindAmount]?
        public var peopleFunded: Int?
        public var costFunded: Int64?

        public init(id: String, name: String, headcount: Int) {
            self.id = id
            self.name = name
            self.headcount = headcount
        }
    }

    public struct KindAmount: Codable, Hashable, Sendable {
        public var kind: String
        public var cost: Int64
        public var hours: Int64
        public init(kind: String, cost: Int64, hours: Int64) {
            self.kind = kind
            self.cost = cost
            self.hours = hours
        }
    }

    public struct UncoverableSkillView: Codable, Hashable, Sendable {
        public var skill: String
        public var skillName: String
        /// People with a target on this skill that no course can close.
        public var people: Int
        public init(skill: String, skillName: String, people: Int) {
            self.skill = skill
            self.skillName = skillName
            self.people = people
        }
    }

    /// One person's plan in a list (operators only).
    public struct PlanLine: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var team: String
        public var roleLevel: String
        public var courses: Int
        public var cost: Int64
        public var hours: Int64
        public var readyBy: String
        public var uncoverable: Int
        public var status: String
        public var funded: Bool?

        public init(id: String, name: String, team: String, roleLevel: String, courses: Int, cost: Int64, hours: Int64, readyBy: String, uncoverable: Int, status: String, funded: Bool? = nil) {
            self.id = id
            self.name = name
            self.team = team
            self.roleLevel = roleLevel
            self.courses = courses
            self.cost = cost
            self.hours = hours
            self.readyBy = readyBy
            self.uncoverable = uncoverable
            self.status = status
            self.funded = funded
        }
    }

    public struct PlanStep: Codable, Hashable, Sendable {
        public var course: String
        public var title: String
        public var provider: String
        public var kind: String
        public var cost: Int64
        public var hours: Int64
        /// Targets this course closes; empty when it is there for another course's prerequisite.
        public var closes: [String]
        /// The prerequisites it needs, as `skill@level`.
        public var prerequisites: [String]

        public init(course: String, title: String, provider: String, kind: String, cost: Int64, hours: Int64, closes: [String], prerequisites: [String]) {
            self.course = course
            self.title = title
            self.provider = provider
            self.kind = kind
            self.cost = cost
            self.hours = hours
            self.closes = closes
            self.prerequisites = prerequisites
        }
    }

    public struct UncoverableTargetView: Codable, Hashable, Sendable {
        public var skill: String
        public var requiredLevel: Int
        public var estimate: Double

        public init(skill: String, requiredLevel: Int, estimate: Double) {
            self.skill = skill
            self.requiredLevel = requiredLevel
            self.estimate = estimate
        }
    }

    public struct PersonPlan: Codable, Hashable, Sendable {
        public var person: String
        public var name: String
        public var roleLevel: String
        public var own: Bool
        /// `optimal`, or `bounded` when the search budget ran out (see `lowerBound`).
        public var status: String
        public var lowerBound: Int64?
        public var cost: Int64
        public var hours: Int64
        public var weeks: Int
        public var readyBy: String
        public var steps: [PlanStep]
        public var uncoverable: [UncoverableTargetView]
        public var funded: Bool?

        public init(person: String, name: String, roleLevel: String, own: Bool, status: String, lowerBound: Int64? = nil, cost: Int64, hours: Int64, weeks: Int, readyBy: String, steps: [PlanStep], uncoverable: [UncoverableTargetView], funded: Bool? = nil) {
            self.person = person
            self.name = name
            self.roleLevel = roleLevel
            self.own = own
            self.status = status
            self.lowerBound = lowerBound
            self.cost = cost
            self.hours = hours
            self.weeks = weeks
            self.readyBy = readyBy
            self.steps = steps
            self.uncoverable = uncoverable
            self.funded = funded
        }
    }

    public struct PlansView: Codable, Hashable, Sendable {
        public var runId: Int64
        public var asOf: String
        /// `org`, `team`, `role` or `person`.
        public var scope: String
        public var catalogueLoaded: Bool
        public var budget: Int64?
        public var summary: PlanRollup
        public var teams: [PlanRollup]
        public var roleLevels: [PlanRollup]
        public var uncoverable: [UncoverableSkillView]
        public var people: [PlanLine]?
        public var plan: PersonPlan?
        /// What was left out for a reader, if anything.
        public var hidden: String?

        public init(runId: Int64, asOf: String, scope: String, catalogueLoaded: Bool, budget: Int64? = nil, summary: PlanRollup, teams: [PlanRollup], roleLevels: [PlanRollup], uncoverable: [UncoverableSkillView], people: [PlanLine]? = nil, plan: PersonPlan? = nil, hidden: String? = nil) {
            self.runId = runId
            self.asOf = asOf
            self.scope = scope
            self.catalogueLoaded = catalogueLoaded
            self.budget = budget
            self.summary = summary
            self.teams = teams
            self.roleLevels = roleLevels
            self.uncoverable = uncoverable
            self.people = people
            self.plan = plan
            self.hidden = hidden
        }
    }

    public struct PlansViewReply: Codable, Hashable, Sendable {
        public var view: PlansView
        public init(view: PlansView) { self.view = view }
    }
}
