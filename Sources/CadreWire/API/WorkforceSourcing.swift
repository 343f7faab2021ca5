/// The dual-track sourcing plan (`GetSourcing`).
extension Workforce {
    public struct GetSourcingParameters: Codable, Hashable, Sendable {
        public var run: Int64?
        /// With it, who: the capable, the upskilled, the transfers and the hires (operators).
        public var roleLevel: String?

        public init(run: Int64? = nil, roleLevel: String? = nil) {
            self.run = run
            self.roleLevel = roleLevel
        }
    }

    public struct SourcingRow: Codable, Hashable, Sendable {
        public var roleLevel: String
        public var title: String
        public var target: Int
        public var due: String
        public var headcount: Int
        public var capable: Int
        public var upskill: Int
        public var upskillCost: Int64
        public var spare: Int
        public var shortfall: Int
        public var surplus: Int
        public var transfersIn: Int
        public var transfersOut: Int
        public var transferCost: Int64
        public var hires: Int
        public var hireCost: Int64
        public var lateHires: Int
        public var unfilled: Int
        public var staffedBy: String?

        public init(roleLevel: String, title: String, target: Int, due: String, headcount: Int, capable: Int, upskill: Int, upskillCost: Int64, spare: Int, shortfall: Int, surplus: Int, transfersIn: Int, transfersOut: Int, transferCost: Int64, hires: Int, hireCost: Int64, lateHires: Int, unfilled: Int, staffedBy: String? = nil) {
            self.roleLevel = roleLevel
            self.title = title
            self.target = target
            self.due = due
            self.headcount = headcount
            self.capable = capable
            self.upskill = upskill
            self.upskillCost = upskillCost
            self.spare = spare
            self.shortfall = shortfall
            self.surplus = surplus
            self.transfersIn = transfersIn
            self.transfersOut = transfersOut
            self.transferCost = transferCost
            self.hires = hires
            self.hireCost = hireCost
            self.lateHires = lateHires
            self.unfilled = unfilled
            self.staffedBy = staffedBy
        }
    }

    public struct SourcingTotalsView: Codable, Hashable, Sendable {
        public var target: Int
        public var capable: Int
        public var upskill: Int
        public var transfers: Int
        public var hires: Int
        public var lateHires: Int
        public var unfilled: Int
        public var buildCost: Int64
        public var buyCost: Int64
        /// Nil while a seat is unfilled.
        public var fullStaffing: String?

        public init(target: Int, capable: Int, upskill: Int, transfers: Int, hires: Int, lateHires: Int, unfilled: Int, buildCost: Int64, buyCost: Int64, fullStaffing: String? = nil) {
            self.target = target
            self.capable = capable
            self.upskill = upskill
            self.transfers = transfers
            self.hires = hires
            self.lateHires = lateHires
            self.unfilled = unfilled
            self.buildCost = buildCost
            self.buyCost = buyCost
            self.fullStaffing = fullStaffing
        }
    }

    public struct QuarterHires: Codable, Hashable, Sendable {
        public var channel: String
        public var quarter: String
        public var hires: Int
        public var cost: Int64

        public init(channel: String, quarter: String, hires: Int, cost: Int64) {
            self.channel = channel
            self.quarter = quarter
            self.hires = hires
            self.cost = cost
        }
    }

    public struct PlannedPersonView: Codable, Hashable, Sendable {
        public var person: String
        public var name: String
        public var team: String
        public var cost: Int64
        public var hours: Int64
        public var readyBy: String

        public init(person: String, name: String, team: String, cost: Int64, hours: Int64, readyBy: String) {
            self.person = person
            self.name = name
            self.team = team
            self.cost = cost
            self.hours = hours
            self.readyBy = readyBy
        }
    }

    public struct TransferView: Codable, Hashable, Sendable {
        public var person: String
        public var name: String
        public var team: String
        public var from: String
        public var readiness: Double
        public var planCost: Int64
        public var readyBy: String

        public init(person: String, name: String, team: String, from: String, readiness: Double, planCost: Int64, readyBy: String) {
            self.person = person
            self.name = name
            self.team = team
            self.from = from
            self.readiness = readiness
            self.planCost = planCost
            self.readyBy = readyBy
        }
    }

    public struct HireView: Codable, Hashable, Sendable {
        public var channel: String
        public var cost: Int64
        public var fillDate: String
        public var lateDays: Int

        public init(channel: String, cost: Int64, fillDate: String, lateDays: Int) {
            self.channel = channel
            self.cost = cost
            self.fillDate = fillDate
            self.lateDays = lateDays
        }
    }

    public struct SourcingDetail: Codable, Hashable, Sendable {
        public var roleLevel: String
        public var capable: [String]
        public var upskill: [PlannedPersonView]
        public var spare: [PlannedPersonView]
        public var transfers: [TransferView]
        public var hires: [HireView]

        public init(roleLevel: String, capable: [String], upskill: [PlannedPersonView], spare: [PlannedPersonView], transfers: [TransferView], hires: [HireView]) {
            self.roleLevel = roleLevel
            self.capable = capable
            self.upskill = upskill
            self.spare = spare
            self.transfers = transfers
            self.hires = hires
        }
    }

    public struct SourcingView: Codable, Hashable, Sendable {
        public var runId: Int64
        public var asOf: String
        public var planLoaded: Bool
        public var roleLevels: [SourcingRow]
        public var totals: SourcingTotalsView?
        public var hiresByQuarter: [QuarterHires]
        public var detail: SourcingDetail?
        public var hidden: String?

        public init(runId: Int64, asOf: String, planLoaded: Bool, roleLevels: [SourcingRow], totals: SourcingTotalsView? = nil, hiresByQuarter: [QuarterHires], detail: SourcingDetail? = nil, hidden: String? = nil) {
            self.runId = runId
            self.asOf = asOf
            self.planLoaded = planLoaded
            self.roleLevels = roleLevels
            self.totals = totals
            self.hiresByQuarter = hiresByQuarter
            self.detail = detail
            self.hidden = hidden
        }
    }

    public struct SourcingViewReply: Codable, Hashable, Sendable {
        public var view: SourcingView

        public init(view: SourcingView) {
            self.view = view
        }
    }
}
