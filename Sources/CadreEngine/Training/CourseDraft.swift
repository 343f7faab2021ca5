/// A course as a file wrote it, every value still text with the place it was written, so that
/// YAML, JSON and CSV files are checked by one set of rules (`CourseDraftChecker`) and report the
/// same errors with their own lines and columns.
struct CourseDraft {
    /// Where the course starts (its list item, or its CSV row).
    var place: TaxonomyPlace
    var id: Located<String>?
    var title: Located<String>?
    var provider: Located<String>?
    var kind: Located<String>?
    var cost: Located<String>?
    var hours: Located<String>?
    /// Nil when the field is absent; empty when present with no entries.
    var teaches: [DraftSkillLevel]?
    var prerequisites: [DraftSkillLevel] = []
    var tags: [Located<String>] = []
}

/// One `skill`/`level` pair as written.
struct DraftSkillLevel {
    var place: TaxonomyPlace
    var skill: Located<String>?
    var level: Located<String>?
}
