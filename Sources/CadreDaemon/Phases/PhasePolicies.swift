import CadreEngine
import CadreWire

/// The settings of phases 3–6 a run pins, beside the assessment policy: they travel in the run's
/// policy JSON under `phases`, so a rerun uses exactly what the first run used, whatever the
/// configuration says by then. A run pinned before a setting existed reads its default.
public struct PhasePolicies: Codable, Hashable, Sendable {
    public struct Training: Codable, Hashable, Sendable {
        /// Hundredths of an hour a learner gives to courses per week (400 = 4 h).
        public var weeklyLearningHours = PlanningSettings.defaultWeeklyLearningHours
        /// Search nodes per distinct planning problem before a plan is returned `bounded`.
        public var searchBudget = PlanningSettings.defaultSearchBudget
        /// Minor units to fund plans toward people's own role levels with; nil for no roll-up.
        public var budget: Int64?

        public init() {}
    }

    public struct Credentialing: Codable, Hashable, Sendable {
        /// A valid holding is `expiring` when its expiry is at most this many days after D.
        public var renewalLeadDays = CredentialingInput.defaultRenewalLeadDays

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            renewalLeadDays = try container.decodeIfPresent(Int.self, forKey: .renewalLeadDays) ?? CredentialingInput.defaultRenewalLeadDays
        }

        private enum CodingKeys: String, CodingKey { case renewalLeadDays }
    }

    public struct Sourcing: Codable, Hashable, Sendable {
        /// Readiness for a role level at which a person is a transfer candidate.
        public var transferReadiness = SourcingPolicy.standard.transferReadiness
        /// The hiring channels in force when the run was requested (`channels.yaml`).
        public var channels: [Channel] = []

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            transferReadiness = try container.decodeIfPresent(Double.self, forKey: .transferReadiness)
                ?? SourcingPolicy.standard.transferReadiness
            channels = try container.decodeIfPresent([Channel].self, forKey: .channels) ?? []
        }

        private enum CodingKeys: String, CodingKey { case transferReadiness, channels }
    }

    public var training = Training()
    public var credentialing = Credentialing()
    public var sourcing = Sourcing()

    public init() {}

    /// The `phases` member of a pinned policy; defaults where absent.
    static func pinned(in policy: JSONValue) throws -> PhasePolicies {
        guard case .object(let object) = policy, let phases = object["phases"] else { return PhasePolicies() }
        return try WireJSON.convert(phases, to: PhasePolicies.self)
    }

    /// The policy JSON a run pins: the assessment policy's members and `phases`.
    static func pin(assessment: AssessmentPolicy, phases: PhasePolicies) throws -> JSONValue {
        guard case .object(var object) = try WireJSON.value(assessment) else {
            throw DaemonError(.policyMalformed, "the assessment policy did not encode as an object")
        }
        object["phases"] = try WireJSON.value(phases)
        return .object(object)
    }
}

extension PhasePolicies.Training {
    private enum CodingKeys: String, CodingKey { case weeklyLearningHours, searchBudget, budget }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        weeklyLearningHours = try container.decodeIfPresent(Int.self, forKey: .weeklyLearningHours) ?? PlanningSettings.defaultWeeklyLearningHours
        searchBudget = try container.decodeIfPresent(Int.self, forKey: .searchBudget) ?? PlanningSettings.defaultSearchBudget
        budget = try container.decodeIfPresent(Int64.self, forKey: .budget)
    }
}

extension PhasePolicies {
    private enum CodingKeys: String, CodingKey { case training, credentialing, sourcing }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        training = try container.decodeIfPresent(Training.self, forKey: .training) ?? Training()
        credentialing = try container.decodeIfPresent(Credentialing.self, forKey: .credentialing) ?? Credentialing()
        sourcing = try container.decodeIfPresent(Sourcing.self, forKey: .sourcing) ?? Sourcing()
    }
}

/// The run's as-of date D (DESIGN.md, common rules): the UTC date of the last instant before T.
enum AsOfDay {
    static func of(_ asOf: Int64) -> CalendarDay {
        let last = asOf - 1
        let days = last >= 0 ? last / 86_400 : (last - 86_399) / 86_400
        return CalendarDay(daysSinceEpoch: days)
    }
}
