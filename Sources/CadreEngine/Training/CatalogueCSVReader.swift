/// Reads a CSV catalogue: one course per row under a header naming the columns (any order, any
/// case). Lists sit in one cell: `teaches` and `prerequisites` as `skill:level;skill:level`,
/// `tags` as `tag;tag`.
struct CatalogueCSVReader {
    static let columns = ["id", "title", "provider", "kind", "cost", "hours", "teaches", "prerequisites", "tags"]
    static let requiredColumns: Set<String> = ["id", "title", "provider", "kind", "cost", "hours", "teaches"]

    let file: String
    private(set) var errors: [InputError] = []
    private(set) var drafts: [CourseDraft] = []
    /// Per file column: the catalogue column it holds, or nil for a column already reported.
    private var mapping: [String?]?

    private init(file: String) { self.file = file }

    static func read(_ source: CatalogueSource) -> (drafts: [CourseDraft], errors: [InputError]) {
        var reader = CatalogueCSVReader(file: source.name)
        reader.readAll(source.contents)
        return (reader.drafts, reader.errors)
    }

    private mutating func readAll(_ contents: String) {
        if contents.utf8.count > CatalogueLimits.maximumFileBytes {
            errors.append(InputError(.catalogueTooLarge, file: file, message: "the file is larger than \(CatalogueLimits.maximumFileBytes) bytes",
                                     hint: "split the catalogue into several files"))
            return
        }
        var parser = CSVParser(file: file, checksFieldCount: false)
        do throws(InputError) {
            try parser.feed(Array(contents.utf8)) { record throws(InputError) in try accept(record) }
            try parser.finish { record throws(InputError) in try accept(record) }
        } catch {
            errors.append(error)
            return
        }
        if mapping == nil {
            errors.append(InputError(.catalogueMissingField, file: file, line: 1, message: "the file has no header row",
                                     hint: "the first line must name the columns: \(Self.columns.joined(separator: ","))"))
        }
    }

    private mutating func accept(_ record: borrowing CSVRecord) throws(InputError) {
        guard let mapping else { return try readHeader(record) }
        if let error = record.fieldCountError(expected: mapping.count, file: file) {
            errors.append(error)
            return
        }
        guard drafts.count < CatalogueLimits.maximumCourses else {
            throw InputError(.catalogueTooLarge, file: file, line: record.line,
                             message: "the file lists more than \(CatalogueLimits.maximumCourses) courses")
        }
        let line = record.line
        let rowPlace = TaxonomyPlace(file: file, line: line, column: 1, field: "courses[\(drafts.count)]")
        var draft = CourseDraft(place: rowPlace)
        for (index, name) in mapping.enumerated() {
            guard let name else { continue }
            let raw = record.string(index)
            let value = CatalogueDocumentReader.trimmed(raw)
            let place = TaxonomyPlace(file: file, line: line, column: index + 1, field: name)
            let located = Located(value: value, place: place)
            switch name {
            case "id": draft.id = located
            case "title": draft.title = located
            case "provider": draft.provider = located
            case "kind": draft.kind = located
            case "cost": draft.cost = located
            case "hours": draft.hours = located
            case "teaches": draft.teaches = Self.skillLevels(value, place: place)
            case "prerequisites": draft.prerequisites = Self.skillLevels(value, place: place)
            case "tags": draft.tags = Self.items(value).enumerated().map { Located(value: $0.element, place: place.item($0.offset)) }
            default: break
            }
        }
        drafts.append(draft)
    }

    private mutating func readHeader(_ record: borrowing CSVRecord) throws(InputError) {
        var mapping: [String?] = []
        var seen: Set<String> = []
        for index in 0..<record.fieldCount {
            let name = CatalogueDocumentReader.trimmed(record.string(index)).lowercased()
            let place = TaxonomyPlace(file: file, line: record.line, column: index + 1, field: name)
            guard Self.columns.contains(name) else {
                let suggestion = TaxonomyIdentifier.suggestion(for: name, among: Self.columns)
                errors.append(place.error(
                    .catalogueUnknownField, "`\(CourseDraftChecker.shown(name))` is not a catalogue column",
                    hint: suggestion.map { "did you mean `\($0)`?" } ?? "columns: \(Self.columns.joined(separator: ", "))"))
                mapping.append(nil)
                continue
            }
            guard seen.insert(name).inserted else {
                errors.append(place.error(.catalogueDuplicateID, "the column `\(name)` appears twice", hint: "remove one"))
                mapping.append(nil)
                continue
            }
            mapping.append(name)
        }
        for name in Self.columns where Self.requiredColumns.contains(name) && !seen.contains(name) {
            errors.append(InputError(.catalogueMissingField, file: file, line: record.line, field: name,
                                     message: "the header has no `\(name)` column",
                                     hint: "the catalogue columns are \(Self.columns.joined(separator: ","))"))
        }
        self.mapping = mapping
    }

    /// `a;b; c` → `["a", "b", "c"]`; an empty cell is an empty list.
    static func items(_ cell: String) -> [String] {
        cell.split(separator: ";", omittingEmptySubsequences: false).map { CatalogueDocumentReader.trimmed(String($0)) }
            .filter { !$0.isEmpty }
    }

    static func skillLevels(_ cell: String, place: TaxonomyPlace) -> [DraftSkillLevel] {
        items(cell).enumerated().map { index, item in
            let itemPlace = place.item(index)
            let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let skill = CatalogueDocumentReader.trimmed(String(parts[0]))
            let level = parts.count == 2 ? CatalogueDocumentReader.trimmed(String(parts[1])) : ""
            return DraftSkillLevel(
                place: itemPlace,
                skill: Located(value: skill, place: itemPlace.child("skill")),
                level: level.isEmpty ? nil : Located(value: level, place: itemPlace.child("level")))
        }
    }
}

extension TaxonomyPlace {
    /// The `index`-th item of a list written inside one cell: same line and column.
    func item(_ index: Int) -> TaxonomyPlace {
        TaxonomyPlace(file: file, line: line, column: column, field: "\(field)[\(index)]")
    }

    func child(_ key: String) -> TaxonomyPlace {
        TaxonomyPlace(file: file, line: line, column: column, field: field.isEmpty ? key : "\(field).\(key)")
    }
}
