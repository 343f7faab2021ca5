/// Swift mirrors of the types in `io.cadre.Workforce.varlink`; field names are the wire names.
public enum Workforce {
    public struct Worker: Codable, Hashable, Sendable {
        public var phase: String
        public var pid: Int
        public var state: String
        public var restarts: Int
        public var lastHeartbeatMs: Int?

        public init(phase: String, pid: Int, state: String, restarts: Int, lastHeartbeatMs: Int?) {
            self.phase = phase
            self.pid = pid
            self.state = state
            self.restarts = restarts
            self.lastHeartbeatMs = lastHeartbeatMs
        }
    }

    public struct PhaseRun: Codable, Hashable, Sendable {
        public var phase: String
        public var state: String
        public var attempts: Int
        public var startedAt: String?
        public var finishedAt: String?
        public var summary: JSONValue?
        public var error: String?

        public init(
            phase: String, state: String, attempts: Int, startedAt: String?, finishedAt: String?,
            summary: JSONValue?, error: String?
        ) {
            self.phase = phase
            self.state = state
            self.attempts = attempts
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.summary = summary
            self.error = error
        }
    }

    public struct Run: Codable, Hashable, Sendable {
        public var id: Int64
        public var state: String
        public var trigger: String
        public var asOf: String
        public var dataVersion: Int64
        public var taxonomyVersion: Int64
        public var createdAt: String
        public var startedAt: String?
        public var finishedAt: String?
        public var error: String?
        public var phases: [PhaseRun]

        public init(
            id: Int64, state: String, trigger: String, asOf: String, dataVersion: Int64,
            taxonomyVersion: Int64, createdAt: String, startedAt: String?, finishedAt: String?,
            error: String?, phases: [PhaseRun]
        ) {
            self.id = id
            self.state = state
            self.trigger = trigger
            self.asOf = asOf
            self.dataVersion = dataVersion
            self.taxonomyVersion = taxonomyVersion
            self.createdAt = createdAt
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.error = error
            self.phases = phases
        }

        public var isFinished: Bool { state == "succeeded" || state == "failed" }
    }

    public struct Event: Codable, Hashable, Sendable {
        public var seq: Int64
        public var time: String
        public var kind: String
        public var runId: Int64?
        public var phase: String?
        public var pid: Int?
        public var done: Int?
        public var total: Int?
        public var message: String?

        public init(
            seq: Int64, time: String, kind: String, runId: Int64? = nil, phase: String? = nil,
            pid: Int? = nil, done: Int? = nil, total: Int? = nil, message: String? = nil
        ) {
            self.seq = seq
            self.time = time
            self.kind = kind
            self.runId = runId
            self.phase = phase
            self.pid = pid
            self.done = done
            self.total = total
            self.message = message
        }
    }

    public struct TaxonomyVersion: Codable, Hashable, Sendable {
        public var version: Int64
        public var dataVersion: Int64
        public var loadedAt: String
        public var source: String
        public var digest: String
        public var skills: Int
        public var roles: Int
        public var roleLevels: Int
        public var unchanged: Bool

        public init(
            version: Int64, dataVersion: Int64, loadedAt: String, source: String, digest: String,
            skills: Int, roles: Int, roleLevels: Int, unchanged: Bool
        ) {
            self.version = version
            self.dataVersion = dataVersion
            self.loadedAt = loadedAt
            self.source = source
            self.digest = digest
            self.skills = skills
            self.roles = roles
            self.roleLevels = roleLevels
            self.unchanged = unchanged
        }
    }

    public struct Skill: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var discipline: String
        public var description: String
        public var onet: [String]
        public var nice: [String]

        public init(id: String, name: String, discipline: String, description: String, onet: [String], nice: [String]) {
            self.id = id
            self.name = name
            self.discipline = discipline
            self.description = description
            self.onet = onet
            self.nice = nice
        }
    }

    public struct Requirement: Codable, Hashable, Sendable {
        public var skill: String
        public var skillName: String
        public var level: Int
        public var importance: Int

        public init(skill: String, skillName: String, level: Int, importance: Int) {
            self.skill = skill
            self.skillName = skillName
            self.level = level
            self.importance = importance
        }
    }

    public struct RoleLevel: Codable, Hashable, Sendable {
        public var rung: Int
        public var title: String
        public var requirements: [Requirement]

        public init(rung: Int, title: String, requirements: [Requirement]) {
            self.rung = rung
            self.title = title
            self.requirements = requirements
        }
    }

    public struct Role: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var description: String
        public var levels: [RoleLevel]

        public init(id: String, name: String, description: String, levels: [RoleLevel]) {
            self.id = id
            self.name = name
            self.description = description
            self.levels = levels
        }
    }

    public struct RoleSummary: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var levels: Int
        public var skills: Int

        public init(id: String, name: String, levels: Int, skills: Int) {
            self.id = id
            self.name = name
            self.levels = levels
            self.skills = skills
        }
    }

    public struct SourceFile: Codable, Hashable, Sendable {
        public var name: String
        public var contents: String

        public init(name: String, contents: String) {
            self.name = name
            self.contents = contents
        }
    }
}
