/// The methods of `io.cadre.Workforce`, with who may call them and their parameter and result shapes.
extension Workforce {
    /// Who may call a method: checked against the caller's `SO_PEERCRED` on every call.
    public enum Access: String, Sendable, Comparable {
        /// Every local peer (liveness probes, introspection).
        case anyone
        /// The readers group, and everyone an operator.
        case reader
        /// Root, the daemon's own user, and the operators group.
        case `operator`

        private var rank: Int {
            switch self {
            case .anyone: 0
            case .reader: 1
            case .operator: 2
            }
        }

        public static func < (a: Access, b: Access) -> Bool { a.rank < b.rank }
    }

    public enum Method: String, CaseIterable, Sendable {
        case ping = "Ping"
        case getStatus = "GetStatus"
        case subscribe = "Subscribe"
        case startRun = "StartRun"
        case getRun = "GetRun"
        case listRuns = "ListRuns"
        case listTaxonomyVersions = "ListTaxonomyVersions"
        case listSkills = "ListSkills"
        case listRoles = "ListRoles"
        case getRole = "GetRole"
        case validateTaxonomy = "ValidateTaxonomy"
        case loadTaxonomy = "LoadTaxonomy"
        case importNICE = "ImportNICE"
        case getGaps = "GetGaps"
        case beginImport = "BeginImport"
        case importChunk = "ImportChunk"
        case commitImport = "CommitImport"
        case abortImport = "AbortImport"
        case loadCatalogue = "LoadCatalogue"
        case getCatalogue = "GetCatalogue"
        case getPlans = "GetPlans"
        case getCredentials = "GetCredentials"
        case getRetention = "GetRetention"
        case getSourcing = "GetSourcing"
        case importBadges = "ImportBadges"
        case getTrend = "GetTrend"
        case getSnapshot = "GetSnapshot"

        public static let interface = VarlinkInterfaces.workforceName

        public var qualifiedName: String { "\(Self.interface).\(rawValue)" }

        public init?(qualifiedName: String) {
            let prefix = Self.interface + "."
            guard qualifiedName.hasPrefix(prefix) else { return nil }
            self.init(rawValue: String(qualifiedName.dropFirst(prefix.count)))
        }

        public var access: Access {
            switch self {
            case .ping: .anyone
            case .getStatus, .subscribe, .getRun, .listRuns, .getGaps, .listTaxonomyVersions, .listSkills, .listRoles,
                .getRole, .validateTaxonomy, .getCatalogue, .getPlans, .getCredentials, .getRetention, .getSourcing,
                .getTrend, .getSnapshot:
                .reader
            case .startRun, .loadTaxonomy, .importNICE, .beginImport, .importChunk, .commitImport, .abortImport,
                .loadCatalogue, .importBadges:
                .operator
            }
        }
    }

    public struct Empty: Codable, Hashable, Sendable {
        public init() {}
    }

    public struct PingParameters: Codable, Hashable, Sendable {
        public var message: String?
        public init(message: String? = nil) { self.message = message }
    }

    public struct PingResult: Codable, Hashable, Sendable {
        public var message: String
        public init(message: String) { self.message = message }
    }

    public struct Status: Codable, Hashable, Sendable {
        public var version: String
        public var pid: Int
        public var uptimeSeconds: Double
        public var ready: Bool
        public var dataVersion: Int64
        public var taxonomy: TaxonomyVersion?
        public var workers: [Worker]
        public var recentRuns: [Run]
        public var alerts: [String]

        public init(
            version: String, pid: Int, uptimeSeconds: Double, ready: Bool, dataVersion: Int64,
            taxonomy: TaxonomyVersion?, workers: [Worker], recentRuns: [Run], alerts: [String]
        ) {
            self.version = version
            self.pid = pid
            self.uptimeSeconds = uptimeSeconds
            self.ready = ready
            self.dataVersion = dataVersion
            self.taxonomy = taxonomy
            self.workers = workers
            self.recentRuns = recentRuns
            self.alerts = alerts
        }
    }

    public struct EventReply: Codable, Hashable, Sendable {
        public var event: Event
        public init(event: Event) { self.event = event }
    }

    public struct StartRunParameters: Codable, Hashable, Sendable {
        public var asOf: String?
        public var trigger: String?
        /// Minor units to fund learning plans with in this run (the budget roll-up).
        public var trainingBudget: Int64?
        public init(asOf: String? = nil, trigger: String? = nil, trainingBudget: Int64? = nil) {
            self.asOf = asOf
            self.trigger = trigger
            self.trainingBudget = trainingBudget
        }
    }

    public struct RunReply: Codable, Hashable, Sendable {
        public var run: Run
        public init(run: Run) { self.run = run }
    }

    public struct GetRunParameters: Codable, Hashable, Sendable {
        public var id: Int64
        public init(id: Int64) { self.id = id }
    }

    public struct ListRunsParameters: Codable, Hashable, Sendable {
        public var limit: Int?
        public init(limit: Int? = nil) { self.limit = limit }
    }

    public struct RunsReply: Codable, Hashable, Sendable {
        public var runs: [Run]
        public init(runs: [Run]) { self.runs = runs }
    }

    public struct TaxonomyVersionsReply: Codable, Hashable, Sendable {
        public var versions: [TaxonomyVersion]
        public init(versions: [TaxonomyVersion]) { self.versions = versions }
    }

    public struct VersionParameters: Codable, Hashable, Sendable {
        public var version: Int64?
        public init(version: Int64? = nil) { self.version = version }
    }

    public struct SkillsReply: Codable, Hashable, Sendable {
        public var version: Int64
        public var skills: [Skill]
        public init(version: Int64, skills: [Skill]) {
            self.version = version
            self.skills = skills
        }
    }

    public struct RolesReply: Codable, Hashable, Sendable {
        public var version: Int64
        public var roles: [RoleSummary]
        public init(version: Int64, roles: [RoleSummary]) {
            self.version = version
            self.roles = roles
        }
    }

    public struct GetRoleParameters: Codable, Hashable, Sendable {
        public var id: String
        public var version: Int64?
        public init(id: String, version: Int64? = nil) {
            self.id = id
            self.version = version
        }
    }

    public struct RoleReply: Codable, Hashable, Sendable {
        public var version: Int64
        public var role: Role
        public init(version: Int64, role: Role) {
            self.version = version
            self.role = role
        }
    }

    public struct ValidateTaxonomyParameters: Codable, Hashable, Sendable {
        public var files: [SourceFile]
        public init(files: [SourceFile]) { self.files = files }
    }

    public struct TaxonomyCounts: Codable, Hashable, Sendable {
        public var skills: Int
        public var roles: Int
        public var roleLevels: Int
        public init(skills: Int, roles: Int, roleLevels: Int) {
            self.skills = skills
            self.roles = roles
            self.roleLevels = roleLevels
        }
    }

    public struct LoadTaxonomyParameters: Codable, Hashable, Sendable {
        public var files: [SourceFile]
        public var source: String
        public init(files: [SourceFile], source: String) {
            self.files = files
            self.source = source
        }
    }

    public struct ImportNICEParameters: Codable, Hashable, Sendable {
        public var file: SourceFile
        public var defaultLevel: Int?
        public var defaultImportance: Int?
        public init(file: SourceFile, defaultLevel: Int? = nil, defaultImportance: Int? = nil) {
            self.file = file
            self.defaultLevel = defaultLevel
            self.defaultImportance = defaultImportance
        }
    }

    public struct TaxonomyReply: Codable, Hashable, Sendable {
        public var taxonomy: TaxonomyVersion
        public init(taxonomy: TaxonomyVersion) { self.taxonomy = taxonomy }
    }
}
