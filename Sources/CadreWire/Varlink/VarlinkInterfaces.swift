/// The interface descriptions the daemon serves through `org.varlink.service.GetInterfaceDescription`.
/// `io.cadre.Workforce.varlink` beside this file is the reference; `WorkforceInterfaceTests` keeps
/// the text below equal to it byte for byte.
public enum VarlinkInterfaces {
    public static let workforceName = "io.cadre.Workforce"
    public static let serviceName = "org.varlink.service"

    public static let workforce = """
# Cadre's control interface: run the workforce-development pipeline, load its
# inputs, and read what it found. Read methods need the readers group, mutating
# methods the operators group (or root, or the daemon's own user); Ping and
# org.varlink.service are open to every local peer.
interface io.cadre.Workforce

# A phase worker process as the supervisor sees it.
type Worker (
  phase: string,
  pid: int,
  state: (starting, ready, busy, restarting, stopped),
  restarts: int,
  # Milliseconds since the worker last answered a heartbeat.
  lastHeartbeatMs: ?int
)

type PhaseRun (
  phase: string,
  state: (pending, running, succeeded, failed),
  attempts: int,
  startedAt: ?string,
  finishedAt: ?string,
  # The phase's own short summary (counts, headline figures).
  summary: ?object,
  error: ?string
)

# One run of the pipeline, pinned to an as-of time and a data version, so that
# rerunning it gives the same numbers.
type Run (
  id: int,
  state: (queued, running, succeeded, failed),
  trigger: string,
  asOf: string,
  dataVersion: int,
  taxonomyVersion: int,
  createdAt: string,
  startedAt: ?string,
  finishedAt: ?string,
  error: ?string,
  phases: []PhaseRun
)

# A progress event. kind is one of: worker-started, worker-exited,
# worker-restarted, run-queued, run-started, phase-started, progress,
# phase-finished, phase-failed, run-finished, run-failed, taxonomy-loaded,
# import-committed, reloaded.
type Event (
  seq: int,
  time: string,
  kind: string,
  runId: ?int,
  phase: ?string,
  pid: ?int,
  done: ?int,
  total: ?int,
  message: ?string
)

type TaxonomyVersion (
  version: int,
  dataVersion: int,
  loadedAt: string,
  source: string,
  digest: string,
  skills: int,
  roles: int,
  roleLevels: int,
  # True when the loaded files equal the latest version, so nothing new was stored.
  unchanged: bool
)

type Skill (
  id: string,
  name: string,
  # One of: math-stats, software-engineering, domain, governance.
  discipline: string,
  description: string,
  onet: []string,
  nice: []string
)

type Requirement (skill: string, skillName: string, level: int, importance: int)

type RoleLevel (rung: int, title: string, requirements: []Requirement)

type Role (id: string, name: string, description: string, levels: []RoleLevel)

type RoleSummary (id: string, name: string, levels: int, skills: int)

# A file's contents as the client read it; the daemon never opens users' paths.
type SourceFile (name: string, contents: string)

# Answers "pong" (or echoes message): a liveness probe for scripts and the benchmark.
method Ping(message: ?string) -> (message: string)

method GetStatus() -> (
  version: string,
  pid: int,
  uptimeSeconds: float,
  ready: bool,
  dataVersion: int,
  taxonomy: ?TaxonomyVersion,
  workers: []Worker,
  recentRuns: []Run,
  alerts: []string
)

# Call with "more": a stream of events until the client hangs up. A subscriber
# that falls behind its bounded queue gets SubscriberTooSlow and is dropped.
method Subscribe() -> (event: Event)

# Queues a run of the pipeline's phases; asOf defaults to now (RFC 3339).
method StartRun(asOf: ?string, trigger: ?string) -> (run: Run)

method GetRun(id: int) -> (run: Run)

method ListRuns(limit: ?int) -> (runs: []Run)

method ListTaxonomyVersions() -> (versions: []TaxonomyVersion)

method ListSkills(version: ?int) -> (version: int, skills: []Skill)

method ListRoles(version: ?int) -> (version: int, roles: []RoleSummary)

method GetRole(id: string, version: ?int) -> (version: int, role: Role)

# Validates the files as one taxonomy without storing anything.
method ValidateTaxonomy(files: []SourceFile) -> (skills: int, roles: int, roleLevels: int)

# Validates and stores the files as a new taxonomy version.
method LoadTaxonomy(files: []SourceFile, source: string) -> (taxonomy: TaxonomyVersion)

# Imports the NICE Framework JSON (NIST's CPRT export) as a taxonomy version.
method ImportNICE(
  file: SourceFile,
  defaultLevel: ?int,
  defaultImportance: ?int
) -> (taxonomy: TaxonomyVersion)

error PermissionDenied (method: string, uid: int, required: string)

# The first problem found in the files; errors holds all of them (up to 100).
error InvalidTaxonomy (
  file: string,
  line: int,
  column: int,
  field: string,
  code: string,
  message: string,
  hint: string,
  errors: []object
)

error NoTaxonomy (hint: string)
error RunNotFound (id: int)
error RoleNotFound (id: string, version: int)
error InvalidParameter (parameter: string, message: string)
error SubscriberTooSlow (queued: int, limit: int)
error TooManyConnections (uid: int, limit: int)
error ShuttingDown ()
error Internal (message: string)
"""

    public static let service = """
# The Varlink Service Interface is provided by every varlink service. It
# describes the service and the interfaces it implements.
interface org.varlink.service

# Get a list of all the interfaces a service provides and information
# about the implementation.
method GetInfo() -> (
  vendor: string,
  product: string,
  version: string,
  url: string,
  interfaces: []string
)

# Get the description of an interface that is implemented by this service.
method GetInterfaceDescription(interface: string) -> (description: string)

# The requested interface was not found.
error InterfaceNotFound (interface: string)

# The requested method was not found
error MethodNotFound (method: string)

# The interface defines the requested method, but the service does not
# implement it.
error MethodNotImplemented (method: string)

# One of the passed parameters is invalid.
error InvalidParameter (parameter: string)

# Client is denied access
error PermissionDenied ()

# Method is expected to be called with 'more' set to true, but wasn't
error ExpectedMore ()
"""

    public static func description(of interface: String) -> String? {
        switch interface {
        case workforceName: workforce
        case serviceName: service
        default: nil
        }
    }
}
