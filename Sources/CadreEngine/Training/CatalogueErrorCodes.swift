/// The stable codes a course catalogue file can fail with. Clients and tests match on these
/// strings, so a code is never renamed; docs/TRAINING.md lists each with its fix.
extension InputError.Code {
    /// The YAML or JSON is not well-formed (CSV syntax problems keep their `import.*` codes).
    public static let catalogueSyntax = Self("catalogue.syntax")
    /// A required field is absent or blank.
    public static let catalogueMissingField = Self("catalogue.missing-field")
    /// A value of the wrong kind: a list where text belongs, `3.5` where a whole number belongs.
    public static let catalogueBadType = Self("catalogue.bad-type")
    /// A key or CSV column the format does not know.
    public static let catalogueUnknownField = Self("catalogue.unknown-field")
    /// `teaches` or `prerequisites` names a skill the taxonomy does not define.
    public static let catalogueUnknownSkill = Self("catalogue.unknown-skill")
    /// A taught or prerequisite level outside 1–5.
    public static let catalogueLevelOutOfRange = Self("catalogue.level-out-of-range")
    /// A negative cost or negative hours.
    public static let catalogueNegativeAmount = Self("catalogue.negative-amount")
    /// Hours with more than two decimals, or a number that is not a plain decimal.
    public static let catalogueBadNumber = Self("catalogue.bad-number")
    /// A course id defined twice (also across the files of one load), or one skill twice in a list.
    public static let catalogueDuplicateID = Self("catalogue.duplicate-id")
    /// A course with an empty `teaches`.
    public static let catalogueTeachesNothing = Self("catalogue.teaches-nothing")
    /// A kind other than `internal`, `vendor`, `academic`.
    public static let catalogueBadKind = Self("catalogue.bad-kind")
    /// An id outside `[A-Za-z0-9][A-Za-z0-9._-]*`.
    public static let catalogueBadID = Self("catalogue.bad-id")
    /// A control character (including NUL) in a text field.
    public static let catalogueControlCharacter = Self("catalogue.control-character")
    /// YAML anchors or aliases, which the format does not use and which can multiply work.
    public static let catalogueAlias = Self("catalogue.alias")
    /// A file, a list or a nesting past the bounds in `CatalogueLimits`.
    public static let catalogueTooLarge = Self("catalogue.too-large")
    /// A load whose files hold no course at all.
    public static let catalogueEmpty = Self("catalogue.empty")

    /// A completions row names a course the catalogue does not hold.
    public static let completionUnknownCourse = Self("completion.unknown-course")
    /// A completion dated after the as-of day of the import.
    public static let completionInFuture = Self("completion.in-future")
    /// The same (person, course, date) twice in one file.
    public static let completionDuplicateRow = Self("completion.duplicate-row")
}

/// Bounds on what one catalogue load may ask of the parser, so a hostile or broken file costs
/// bounded time and memory.
public enum CatalogueLimits {
    /// Per file. The default catalogue is about 40 kB; a 2,000-course synthetic one about 600 kB.
    public static let maximumFileBytes = 16 << 20
    public static let maximumCourses = 100_000
    /// Entries in one course's `teaches`, `prerequisites` or `tags`.
    public static let maximumListEntries = 64
    /// Characters of one text field (title, provider, tag).
    public static let maximumTextLength = 1_000
    /// YAML/JSON flow brackets open at once; a catalogue needs four.
    public static let maximumNesting = 32
}
