/// Where a piece of evidence comes from. The kind decides how much the evidence counts and how
/// fast it goes stale: a proctored assessment says more, for longer, than a self-rating.
///
/// The raw values are the strings files and the wire use; the declaration order is the compact
/// `UInt8` code the engine's flat arrays carry, so it must never be reordered — only appended to.
public enum SourceKind: String, Codable, Hashable, Sendable, CaseIterable {
    case assessment
    case coding
    case thirdParty = "third-party"
    case credential
    case manager
    case peer
    case training
    case selfRating = "self"

    /// The code stored in `AssessmentInput.evidenceKind`.
    public var code: UInt8 {
        switch self {
        case .assessment: 0
        case .coding: 1
        case .thirdParty: 2
        case .credential: 3
        case .manager: 4
        case .peer: 5
        case .training: 6
        case .selfRating: 7
        }
    }

    public init?(code: UInt8) {
        guard Int(code) < Self.allCases.count else { return nil }
        self = Self.allCases[Int(code)]
    }

    /// The defaults of DESIGN.md's assessment semantics.
    public var defaultPolicy: SourcePolicy {
        switch self {
        case .assessment: SourcePolicy(weight: 1.5, halfLifeDays: 540)
        case .coding: SourcePolicy(weight: 1.5, halfLifeDays: 540)
        case .thirdParty: SourcePolicy(weight: 1.25, halfLifeDays: 540)
        case .credential: SourcePolicy(weight: 2.0, halfLifeDays: nil)
        case .manager: SourcePolicy(weight: 1.0, halfLifeDays: 365)
        case .peer: SourcePolicy(weight: 0.75, halfLifeDays: 365)
        case .training: SourcePolicy(weight: 1.0, halfLifeDays: 730)
        case .selfRating: SourcePolicy(weight: 0.5, halfLifeDays: 365)
        }
    }
}

/// How much one kind of evidence counts when fresh, and how many days it takes to count half as
/// much. `halfLifeDays == nil` means it does not decay (a credential counts fully while valid).
public struct SourcePolicy: Codable, Hashable, Sendable {
    public var weight: Double
    public var halfLifeDays: Double?

    public init(weight: Double, halfLifeDays: Double?) {
        self.weight = weight
        self.halfLifeDays = halfLifeDays
    }

    /// Why this policy cannot be used, or nil when it can.
    public var problem: String? {
        if !weight.isFinite || weight < 0 { return "weight must be a finite number ≥ 0 (got \(weight))" }
        if let halfLife = halfLifeDays, !(halfLife.isFinite && halfLife > 0) {
            return "half-life must be a positive number of days, or absent for no decay (got \(halfLife))"
        }
        return nil
    }
}
