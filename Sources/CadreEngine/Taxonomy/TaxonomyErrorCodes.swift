/// The stable codes a taxonomy file or NICE import can fail with. Clients and tests match on these
/// strings, so a code is never renamed; docs/TAXONOMY.md lists each with its fix.
extension InputError.Code {
    /// The file is not well-formed YAML (or, for a key written twice in one mapping, not a tree).
    public static let taxonomySyntax = Self("taxonomy.syntax")
    /// A required field is absent or blank.
    public static let taxonomyMissingField = Self("taxonomy.missing-field")
    /// A field holds the wrong kind of value: a list where text belongs, `3.5` where a whole number belongs.
    public static let taxonomyBadType = Self("taxonomy.bad-type")
    /// A key the format does not know, most often a misspelling of one it does.
    public static let taxonomyUnknownField = Self("taxonomy.unknown-field")
    /// A requirement names a skill no file defines.
    public static let taxonomyUnknownSkill = Self("taxonomy.unknown-skill")
    /// A requirement's level is outside 1–5.
    public static let taxonomyLevelOutOfRange = Self("taxonomy.level-out-of-range")
    /// A requirement's importance is outside 1–5.
    public static let taxonomyImportanceOutOfRange = Self("taxonomy.importance-out-of-range")
    /// A ladder rung below 1.
    public static let taxonomyRungOutOfRange = Self("taxonomy.rung-out-of-range")
    /// A rung's `expectedMonths` outside 1–240.
    public static let taxonomyExpectedMonthsOutOfRange = Self("taxonomy.expected-months-out-of-range")
    /// A skill or role id defined twice, a rung twice in one role, or a skill (or a recommended
    /// credential) twice in one level.
    public static let taxonomyDuplicateID = Self("taxonomy.duplicate-id")
    /// A role without levels, or a level without requirements.
    public static let taxonomyEmptyRole = Self("taxonomy.empty-role")
    /// A discipline other than math-stats, software-engineering, domain, governance.
    public static let taxonomyUnknownDiscipline = Self("taxonomy.unknown-discipline")
    /// An id with characters outside `[A-Za-z0-9._-]` or not starting with a letter or digit.
    public static let taxonomyBadID = Self("taxonomy.bad-id")
    /// A name, title, description or reference id holds a control character (NUL, ESC, DEL, C1…);
    /// a description may hold line breaks and tabs, nothing else may.
    public static let taxonomyControlCharacter = Self("taxonomy.control-character")
    /// The file uses a YAML anchor (`&name`) or alias (`*name`), which could expand a few hundred
    /// bytes into billions of nodes; reported at the first one.
    public static let taxonomyAlias = Self("taxonomy.alias")
    /// A file is larger than `TaxonomyLimits.maximumFileBytes`.
    public static let taxonomyFileTooLarge = Self("taxonomy.file-too-large")
    /// Across all files there is no skill, or no role.
    public static let taxonomyEmpty = Self("taxonomy.empty")

    /// The NICE export is not JSON.
    public static let niceSyntax = Self("nice.syntax")
    /// The JSON lacks the CPRT layout (`response.elements.elements[]`, `relationships[]`) or a field in it.
    public static let niceLayout = Self("nice.layout")
    /// Two elements share one `element_identifier`.
    public static let niceDuplicateID = Self("nice.duplicate-id")
    /// A relationship names an element the file does not contain.
    public static let niceUnknownElement = Self("nice.unknown-element")
    /// The export has no work roles, so it would make an empty taxonomy.
    public static let niceEmpty = Self("nice.empty")
}

/// Bounds on one taxonomy file, checked before it is parsed.
public enum TaxonomyLimits {
    /// The default ML taxonomy is about 43 KiB in all; one file a hundred times that still fits.
    public static let maximumFileBytes = 4 << 20
}
