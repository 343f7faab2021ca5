/// One dated fact from the HR system that retention reads: a promotion, a departure, a new
/// manager, a research-time allocation or a conference. Hire dates are not events — they come
/// with the people (`ImportedPerson.hireDate`).
public struct HREvent: Hashable, Sendable, Codable {
    /// The person's external id.
    public var person: String
    public var date: CalendarDay
    public var detail: Detail

    public enum Detail: Hashable, Sendable, Codable {
        /// Into this role level (`role@rung`) from this date; a move into another role is
        /// recorded the same way.
        case promotion(role: String, rung: Int)
        /// The person's first day without employment is `date`; their last day is the day before.
        case departure(voluntary: Bool)
        /// The person reports to `manager` (an external id) from this date.
        case managerChange(manager: String)
        /// The share of working time (0–100 percent) the person may spend on research from this date.
        case researchTime(sharePercent: Double)
        case conference(name: String, participation: ConferenceParticipation)
    }

    public init(person: String, date: CalendarDay, detail: Detail) {
        self.person = person
        self.date = date
        self.detail = detail
    }

    public var kind: HREventKind {
        switch detail {
        case .promotion: .promotion
        case .departure: .departure
        case .managerChange: .managerChange
        case .researchTime: .researchTime
        case .conference: .conference
        }
    }
}

/// The `kind` column's words.
public enum HREventKind: String, Sendable, Codable, CaseIterable, Hashable {
    case promotion
    case departure
    case managerChange = "manager-change"
    case researchTime = "research-time"
    case conference

    /// Position in `allCases`, for ordering events of one day.
    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// Whether the person went to the conference, or the organisation paid for them to go. Both
/// count as attending for `noConference12m`; the difference matters to the conference budget.
public enum ConferenceParticipation: String, Sendable, Codable, CaseIterable, Hashable {
    case attended
    case funded
}
