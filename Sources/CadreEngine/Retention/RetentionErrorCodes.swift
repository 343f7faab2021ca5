/// The stable codes of HR-event import errors and of retention inputs that disagree with each
/// other; docs/RETENTION.md says when each is raised.
extension InputError.Code {
    /// `kind` is not one of promotion, departure, manager-change, research-time, conference.
    public static let importUnknownEventKind = Self("import.unknown-event-kind")
    /// An event dated after the as-of day the import is checked against.
    public static let importDateAfterAsOf = Self("import.date-after-as-of")
    /// A row identical (after trimming and id normalisation) to an earlier row of the file.
    public static let importDuplicateRow = Self("import.duplicate-row")
    /// Two rows that cannot both hold: a second departure, or two different promotions,
    /// managers or research shares for one person on one day.
    public static let importConflictingEvent = Self("import.conflicting-event")
    /// A yes/no or attended/funded field holding something else.
    public static let importBadFlag = Self("import.bad-flag")
    /// A field filled in on a row whose kind does not use it (usually a shifted column).
    public static let importFieldNotForKind = Self("import.field-not-for-kind")
    /// Retention inputs that disagree: an event for a person not in the history, a role level
    /// missing from the taxonomy, estimates for a different set of people.
    public static let retentionMalformedInput = Self("retention.malformed-input")
    /// A retention policy value that cannot be used.
    public static let retentionInvalidPolicy = Self("retention.invalid-policy")
}
