/// The stable codes of the assessment phase's input errors; clients and varlink errors match on
/// the raw strings, so they are only ever added to, never renamed.
extension InputError.Code {
    /// A configured scale has no usable range (max ≤ min, or a bound that is not finite).
    public static let assessmentInvalidScale = Self("assessment.invalid-scale")
    /// A source kind's configured weight or half-life is out of range.
    public static let assessmentInvalidSourcePolicy = Self("assessment.invalid-source-policy")
    /// The meets tolerance or small-team threshold is out of range.
    public static let assessmentInvalidPolicy = Self("assessment.invalid-policy")
    /// An evidence record names a scale that is neither built in nor configured.
    public static let assessmentUnknownScale = Self("assessment.unknown-scale")
    /// An evidence record names a source kind Cadre does not know.
    public static let assessmentUnknownSourceKind = Self("assessment.unknown-source-kind")
    /// An evidence record or requirement names a skill the taxonomy does not have.
    public static let assessmentUnknownSkill = Self("assessment.unknown-skill")
    /// An evidence record names a person who is not on the roster.
    public static let assessmentUnknownPerson = Self("assessment.unknown-person")
    /// A person is placed on a role level the taxonomy does not have.
    public static let assessmentUnknownRoleLevel = Self("assessment.unknown-role-level")
    /// The roster lists the same person twice.
    public static let assessmentDuplicatePerson = Self("assessment.duplicate-person")
    /// A role level requires the same skill twice, so its gap would count twice.
    public static let assessmentDuplicateRequirement = Self("assessment.duplicate-requirement")
    /// An evidence value is not a finite number.
    public static let assessmentInvalidValue = Self("assessment.invalid-value")
    /// Flat input arrays that disagree in length, are out of order or index out of range.
    public static let assessmentMalformedInput = Self("assessment.malformed-input")
}
