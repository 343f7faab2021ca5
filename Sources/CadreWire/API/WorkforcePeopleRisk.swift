/// Credential status and renewals (`GetCredentials`) and attrition risk (`GetRetention`).
extension Workforce {
    public struct GetCredentialsParameters: Codable, Hashable, Sendable {
        public var run: Int64?
        public var person: String?
        /// Only worklist items expiring within this many days of D (overdue ones always).
        public var within: Int?

        public init(run: Int64? = nil, person: String? = nil, within: Int? = nil) {
            self.run = run
            self.person = person
            self.within = within
        }
    }

    public struct CredentialCount: Codable, Hashable, Sendable {
        public var credential: String
        public var name: String
        public var valid: Int
        public var expiring: Int
        public var expired: Int
        public var retired: Bool

        public init(credential: String, name: String, valid: Int, expiring: Int, expired: Int, retired: Bool) {
            self.credential = credential
            self.name = name
            self.valid = valid
            self.expiring = expiring
            self.expired = expired
            self.retired = retired
        }
    }

    public struct CoverageView: Codable, Hashable, Sendable {
        public var roleLevel: String
        public var recommended: [String]
        public var headcount: Int
        /// People holding a valid recommended credential; nil when withheld from a reader.
        public var covered: Int?

        public init(roleLevel: String, recommended: [String], headcount: Int, covered: Int? = nil) {
            self.roleLevel = roleLevel
            self.recommended = recommended
            self.headcount = headcount
            self.covered = covered
        }
    }

    public struct RenewalView: Codable, Hashable, Sendable {
        public var person: String
        public var name: String
        public var credential: String
        public var expiresOn: String
        public var status: String
        public var daysToExpiry: Int
        public var retired: Bool
        /// `renew`, `successor` or `none`.
        public var action: String
        public var target: String?
        public var cost: Int

        public init(person: String, name: String, credential: String, expiresOn: String, status: String, daysToExpiry: Int, retired: Bool, action: String, target: String? = nil, cost: Int) {
            self.person = person
            self.name = name
            self.credential = credential
            self.expiresOn = expiresOn
            self.status = status
            self.daysToExpiry = daysToExpiry
            self.retired = retired
            self.action = action
            self.target = target
            self.cost = cost
        }
    }

    public struct HoldingView: Codable, Hashable, Sendable {
        public var credential: String
        public var name: String
        public var earnedOn: String
        public var expiresOn: String?
        public var status: String
        public var retired: Bool
        public var verification: String

        public init(credential: String, name: String, earnedOn: String, expiresOn: String? = nil, status: String, retired: Bool, verification: String) {
            self.credential = credential
            self.name = name
            self.earnedOn = earnedOn
            self.expiresOn = expiresOn
            self.status = status
            self.retired = retired
            self.verification = verification
        }
    }

    public struct CredentialsView: Codable, Hashable, Sendable {
        public var runId: Int64
        public var asOf: String
        public var catalogueLoaded: Bool
        public var byCredential: [CredentialCount]
        public var coverage: [CoverageView]
        public var worklistCount: Int
        public var worklistCost: Int
        /// Operators only.
        public var worklist: [RenewalView]?
        /// With person (operators only).
        public var holdings: [HoldingView]?
        public var hidden: String?

        public init(runId: Int64, asOf: String, catalogueLoaded: Bool, byCredential: [CredentialCount], coverage: [CoverageView], worklistCount: Int, worklistCost: Int, worklist: [RenewalView]? = nil, holdings: [HoldingView]? = nil, hidden: String? = nil) {
            self.runId = runId
            self.asOf = asOf
            self.catalogueLoaded = catalogueLoaded
            self.byCredential = byCredential
            self.coverage = coverage
            self.worklistCount = worklistCount
            self.worklistCost = worklistCost
            self.worklist = worklist
            self.holdings = holdings
            self.hidden = hidden
        }
    }

    public struct CredentialsViewReply: Codable, Hashable, Sendable {
        public var view: CredentialsView

        public init(view: CredentialsView) {
            self.view = view
        }
    }

    public struct GetRetentionParameters: Codable, Hashable, Sendable {
        public var run: Int64?
        public var team: String?
        public var person: String?
        public var top: Int?

        public init(run: Int64? = nil, team: String? = nil, person: String? = nil, top: Int? = nil) {
            self.run = run
            self.team = team
            self.person = person
            self.top = top
        }
    }

    public struct SignalValue: Codable, Hashable, Sendable {
        public var signal: String
        public var value: Double

        public init(signal: String, value: Double) {
            self.signal = signal
            self.value = value
        }
    }

    public struct RetentionModelView: Codable, Hashable, Sendable {
        /// `fitted` or `defaults`.
        public var source: String
        public var reason: String
        /// The intercept first (signal "intercept"), then one per signal.
        public var coefficients: [SignalValue]
        public var auc: Double?
        public var outOfTimeAUC: Double?
        public var fittingPeople: Int
        public var fittingLeavers: Int

        public init(source: String, reason: String, coefficients: [SignalValue], auc: Double? = nil, outOfTimeAUC: Double? = nil, fittingPeople: Int, fittingLeavers: Int) {
            self.source = source
            self.reason = reason
            self.coefficients = coefficients
            self.auc = auc
            self.outOfTimeAUC = outOfTimeAUC
            self.fittingPeople = fittingPeople
            self.fittingLeavers = fittingLeavers
        }
    }

    public struct SegmentView: Codable, Hashable, Sendable {
        public var dimension: String
        public var key: String
        public var headcountStart: Int
        public var headcountEnd: Int
        public var voluntaryDepartures: Int
        public var rate: Double?

        public init(dimension: String, key: String, headcountStart: Int, headcountEnd: Int, voluntaryDepartures: Int, rate: Double? = nil) {
            self.dimension = dimension
            self.key = key
            self.headcountStart = headcountStart
            self.headcountEnd = headcountEnd
            self.voluntaryDepartures = voluntaryDepartures
            self.rate = rate
        }
    }

    public struct RiskLine: Codable, Hashable, Sendable {
        public var person: String
        public var name: String
        public var team: String
        public var roleLevel: String
        public var risk: Double
        public var reasons: [String]

        public init(person: String, name: String, team: String, roleLevel: String, risk: Double, reasons: [String]) {
            self.person = person
            self.name = name
            self.team = team
            self.roleLevel = roleLevel
            self.risk = risk
            self.reasons = reasons
        }
    }

    public struct PersonRiskView: Codable, Hashable, Sendable {
        public var person: String
        public var name: String
        public var team: String
        public var roleLevel: String
        public var risk: Double
        public var signals: [SignalValue]
        /// Signals with β·x > 0, largest first: what raises this person's risk.
        public var reasons: [SignalValue]

        public init(person: String, name: String, team: String, roleLevel: String, risk: Double, signals: [SignalValue], reasons: [SignalValue]) {
            self.person = person
            self.name = name
            self.team = team
            self.roleLevel = roleLevel
            self.risk = risk
            self.signals = signals
            self.reasons = reasons
        }
    }

    public struct RetentionView: Codable, Hashable, Sendable {
        public var runId: Int64
        public var asOf: String
        public var scope: String
        public var headcount: Int
        public var meanRisk: Double?
        public var deciles: [Double]?
        public var model: RetentionModelView
        public var segments: [SegmentView]
        /// Highest risk first (operators only).
        public var people: [RiskLine]?
        public var person: PersonRiskView?
        public var hidden: String?

        public init(runId: Int64, asOf: String, scope: String, headcount: Int, meanRisk: Double? = nil, deciles: [Double]? = nil, model: RetentionModelView, segments: [SegmentView], people: [RiskLine]? = nil, person: PersonRiskView? = nil, hidden: String? = nil) {
            self.runId = runId
            self.asOf = asOf
            self.scope = scope
            self.headcount = headcount
            self.meanRisk = meanRisk
            self.deciles = deciles
            self.model = model
            self.segments = segments
            self.people = people
            self.person = person
            self.hidden = hidden
        }
    }

    public struct RetentionViewReply: Codable, Hashable, Sendable {
        public var view: RetentionView

        public init(view: RetentionView) {
            self.view = view
        }
    }
}
