/// One person as a people file states them, checked against the taxonomy and the rest of the
/// file. Everything the HRIS export says is kept; the assessment's `PersonRecord` is the part of
/// it the mathematics needs.
public struct ImportedPerson: Hashable, Sendable, Codable {
    /// The HRIS's id for the person; evidence files and managers refer to people by it.
    public var externalID: String
    public var name: String
    public var team: String
    /// The manager's external id; nil at the top of the organisation.
    public var manager: String?
    /// A taxonomy role id.
    public var role: String
    /// The rung of the role's ladder the person holds (`role@rung`).
    public var rung: Int
    public var hireDate: CalendarDay
    public var location: String?

    public init(
        externalID: String, name: String, team: String, manager: String?, role: String, rung: Int,
        hireDate: CalendarDay, location: String?
    ) {
        self.externalID = externalID
        self.name = name
        self.team = team
        self.manager = manager
        self.role = role
        self.rung = rung
        self.hireDate = hireDate
        self.location = location
    }

    public var roleLevel: RoleLevelRef { RoleLevelRef(role: role, rung: rung) }
}

/// One observation of a person's skill as an evidence file states it (with who observed it and
/// where to check it, which the assessment's `EvidenceRecord` leaves out), checked against the taxonomy, the scales, the source kinds
/// and the people the store knows.
public struct ImportedEvidence: Hashable, Sendable, Codable {
    /// The person's external id.
    public var person: String
    public var skill: String
    /// The value as written, on `scale`; the assessment maps it onto 0–5.
    public var value: Double
    public var scale: String
    /// A source kind's raw value (`manager`, `third-party`, …).
    public var source: String
    /// Seconds since 1970-01-01 UTC; a date without a time is midnight UTC.
    public var observedAt: Int64
    /// When a credential stops counting, in seconds since the epoch; nil when it does not expire.
    public var validUntil: Int64?
    /// Who made the observation (a person's external id, an examiner, a vendor), when known.
    public var assessor: String?
    /// Where the evidence can be checked: a certificate number, a test report URL, a course id.
    public var reference: String?

    public init(
        person: String, skill: String, value: Double, scale: String, source: String, observedAt: Int64,
        validUntil: Int64? = nil, assessor: String? = nil, reference: String? = nil
    ) {
        self.person = person
        self.skill = skill
        self.value = value
        self.scale = scale
        self.source = source
        self.observedAt = observedAt
        self.validUntil = validUntil
        self.assessor = assessor
        self.reference = reference
    }
}
