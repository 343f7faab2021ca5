/// The stable codes of people and evidence import errors; docs/IMPORT.md says when each is raised.
extension InputError.Code {
    public static let importBadQuoting = Self("import.bad-quoting")
    public static let importColumnCount = Self("import.column-count")
    public static let importBadUTF8 = Self("import.bad-utf8")
    public static let importBadJSON = Self("import.bad-json")
    public static let importMissingColumn = Self("import.missing-column")
    public static let importUnknownColumn = Self("import.unknown-column")
    public static let importDuplicateColumn = Self("import.duplicate-column")
    public static let importMissingField = Self("import.missing-field")
    public static let importUnknownSkill = Self("import.unknown-skill")
    public static let importUnknownPerson = Self("import.unknown-person")
    public static let importUnknownRole = Self("import.unknown-role")
    public static let importUnknownScale = Self("import.unknown-scale")
    public static let importUnknownSource = Self("import.unknown-source")
    public static let importBadDate = Self("import.bad-date")
    public static let importBadNumber = Self("import.bad-number")
    public static let importDuplicateID = Self("import.duplicate-id")
    public static let importValueOutOfRange = Self("import.value-out-of-range")
    public static let importManagerCycle = Self("import.manager-cycle")
    public static let importTooManyErrors = Self("import.too-many-errors")
    /// A field holds NUL, a line break, ESC or another control character (U+0000–U+001F, U+007F,
    /// U+0080–U+009F); a tab only in free-text columns. Stored, NUL would cut the value short.
    public static let importControlCharacter = Self("import.control-character")
    /// A row (CSV record or JSON object) longer than `ImportLimits.maximumRowBytes`: in practice
    /// an unclosed quote or brace that would otherwise swallow the rest of the file into memory.
    public static let importRowTooLong = Self("import.row-too-long")
}

/// Bounds that keep a hostile or broken file from making the importer hold it whole.
public enum ImportLimits {
    /// No HRIS row or evidence record comes near this; an unclosed quote does.
    public static let maximumRowBytes = 1 << 20
}
