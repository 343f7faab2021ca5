import Yams

/// Reads one YAML or JSON catalogue file (JSON is read as the YAML it also is, so both formats
/// share one tree walk and report lines and columns the same way) into course drafts.
struct CatalogueDocumentReader {
    static let topKeys = ["courses"]
    static let courseKeys = ["id", "title", "provider", "kind", "cost", "hours", "teaches", "prerequisites", "tags"]
    static let entryKeys = ["skill", "level"]

    let file: String
    private(set) var errors: [InputError] = []
    private(set) var drafts: [CourseDraft] = []

    private init(file: String) { self.file = file }

    static func read(_ source: CatalogueSource) -> (drafts: [CourseDraft], errors: [InputError]) {
        var reader = CatalogueDocumentReader(file: source.name)
        reader.readDocument(source.contents)
        return (reader.drafts, reader.errors)
    }

    private mutating func readDocument(_ contents: String) {
        if let problem = Self.nestingProblem(contents, file: file) {
            errors.append(problem)
            return
        }
        let root: Node?
        // The parser holds the anchors (nodes refer to them weakly), so it stays alive while the
        // tree is checked for them.
        let parser: Parser
        do {
            parser = try Parser(yaml: contents)
            root = try parser.singleRoot()
        } catch {
            var syntax = TaxonomySyntaxError.inputError(error, file: file)
            syntax.code = .catalogueSyntax
            errors.append(syntax)
            return
        }
        guard let root, !Self.isNull(root) else { return }
        let anchored = withExtendedLifetime(parser) { Self.firstAnchor(root) }
        if let anchored {
            errors.append(InputError(
                .catalogueAlias, file: file, line: anchored.mark?.line ?? 0, column: anchored.mark?.column ?? 0,
                message: "YAML anchors and aliases (`&name`, `*name`) are not allowed in a catalogue",
                hint: "write each course out in full"))
            return
        }
        let top = TaxonomyPlace(file: file, line: root.mark?.line ?? 1, column: root.mark?.column ?? 1, field: "")
        guard let fields = mapping(root, at: top, known: Self.topKeys, what: "a catalogue file") else { return }
        guard let courses = list(fields, "courses", at: top) else { return }
        if courses.count > CatalogueLimits.maximumCourses {
            errors.append(top.error(.catalogueTooLarge, "the file lists more than \(CatalogueLimits.maximumCourses) courses"))
            return
        }
        let coursesPlace = top.child("courses", at: fields["courses"])
        for (index, node) in courses.enumerated() {
            readCourse(node, at: coursesPlace.item(index, at: node))
        }
    }

    private mutating func readCourse(_ node: Node, at place: TaxonomyPlace) {
        guard let fields = mapping(node, at: place, known: Self.courseKeys, what: "a course") else { return }
        var draft = CourseDraft(place: place)
        draft.id = scalar(fields, "id", at: place)
        draft.title = scalar(fields, "title", at: place)
        draft.provider = scalar(fields, "provider", at: place)
        draft.kind = scalar(fields, "kind", at: place)
        draft.cost = scalar(fields, "cost", at: place)
        draft.hours = scalar(fields, "hours", at: place)
        if fields["teaches"] != nil {
            draft.teaches = entries(fields, "teaches", at: place)
        }
        draft.prerequisites = entries(fields, "prerequisites", at: place)
        for (index, item) in (list(fields, "tags", at: place) ?? []).enumerated() {
            let itemPlace = place.child("tags", at: fields["tags"]).item(index, at: item)
            guard case .scalar(let value) = item, !Self.isNull(item) else {
                errors.append(itemPlace.error(.catalogueBadType, "each tag must be text, found \(Self.kind(of: item))"))
                continue
            }
            draft.tags.append(Located(value: value.string, place: itemPlace))
        }
        drafts.append(draft)
    }

    private mutating func entries(_ fields: [String: Node], _ key: String, at place: TaxonomyPlace) -> [DraftSkillLevel] {
        var result: [DraftSkillLevel] = []
        let listPlace = place.child(key, at: fields[key])
        for (index, item) in (list(fields, key, at: place) ?? []).enumerated() {
            let itemPlace = listPlace.item(index, at: item)
            guard let entry = mapping(item, at: itemPlace, known: Self.entryKeys, what: "a `\(key)` entry") else { continue }
            result.append(DraftSkillLevel(
                place: itemPlace, skill: scalar(entry, "skill", at: itemPlace), level: scalar(entry, "level", at: itemPlace)))
        }
        return result
    }

    // MARK: - Typed reads

    private mutating func mapping(_ node: Node, at place: TaxonomyPlace, known: [String], what: String) -> [String: Node]? {
        guard case .mapping(let mapping) = node else {
            errors.append(place.error(
                .catalogueBadType, "expected \(what) (a mapping of `key: value`), found \(Self.kind(of: node))",
                hint: "known keys: \(known.joined(separator: ", "))"))
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let name) = key else {
                errors.append(place.error(.catalogueBadType, "a key must be plain text, found \(Self.kind(of: key))"))
                continue
            }
            guard known.contains(name.string) else {
                let suggestion = TaxonomyIdentifier.suggestion(for: name.string, among: known)
                errors.append(place.child(name.string, at: key).error(
                    .catalogueUnknownField, "\(what) has no field `\(CourseDraftChecker.shown(name.string))`",
                    hint: suggestion.map { "did you mean `\($0)`?" } ?? "known fields: \(known.joined(separator: ", "))"))
                continue
            }
            if !Self.isNull(value) { values[name.string] = value }
        }
        return values
    }

    /// A scalar's text as written (trimmed of surrounding blanks); nil when absent.
    private mutating func scalar(_ fields: [String: Node], _ key: String, at place: TaxonomyPlace) -> Located<String>? {
        guard let node = fields[key] else { return nil }
        let valuePlace = place.child(key, at: node)
        guard case .scalar(let value) = node else {
            errors.append(valuePlace.error(.catalogueBadType, "`\(key)` must be a single value, found \(Self.kind(of: node))"))
            return nil
        }
        return Located(value: Self.trimmed(value.string), place: valuePlace)
    }

    private mutating func list(_ fields: [String: Node], _ key: String, at place: TaxonomyPlace) -> [Node]? {
        guard let node = fields[key] else { return nil }
        guard case .sequence(let sequence) = node else {
            errors.append(place.child(key, at: node).error(
                .catalogueBadType, "`\(key)` must be a list, found \(Self.kind(of: node))",
                hint: "write `\(key): [a, b]` or one `- item` per line"))
            return nil
        }
        return Array(sequence)
    }

    // MARK: - Bounds and helpers

    /// The first node (in document order) carrying an anchor. An alias resolves to its anchored
    /// node, so finding anchors finds every alias too, and the walk never enters an anchored
    /// node: its cost stays bounded by the file's size however aliases would multiply it.
    static func firstAnchor(_ node: Node) -> Node? {
        if node.anchor != nil { return node }
        switch node {
        case .alias: return node
        case .scalar: return nil
        case .sequence(let sequence):
            for item in sequence { if let found = firstAnchor(item) { return found } }
            return nil
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = firstAnchor(key) ?? firstAnchor(value) { return found }
            }
            return nil
        }
    }

    /// Refuses oversized files and deep flow nesting before the recursive YAML composer sees
    /// them. Brackets inside quoted text are counted too, which only makes the bound stricter.
    static func nestingProblem(_ contents: String, file: String) -> InputError? {
        if contents.utf8.count > CatalogueLimits.maximumFileBytes {
            return InputError(.catalogueTooLarge, file: file,
                              message: "the file is larger than \(CatalogueLimits.maximumFileBytes) bytes",
                              hint: "split the catalogue into several files")
        }
        var depth = 0, line = 1, indent = 0, atLineStart = true
        for byte in contents.utf8 {
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                indent = 0
                atLineStart = true
                continue
            case UInt8(ascii: " ") where atLineStart:
                indent += 1
                if indent > 8 * CatalogueLimits.maximumNesting {
                    return InputError(.catalogueTooLarge, file: file, line: line,
                                      message: "indentation deeper than \(8 * CatalogueLimits.maximumNesting) spaces")
                }
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > CatalogueLimits.maximumNesting {
                    return InputError(.catalogueTooLarge, file: file, line: line,
                                      message: "brackets nest deeper than \(CatalogueLimits.maximumNesting) levels")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default: break
            }
            atLineStart = false
        }
        return nil
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar: isNull(node) ? "nothing" : "text"
        }
    }

    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " }),
              let last = scalars.lastIndex(where: { $0 != " " }) else { return "" }
        return String(scalars[first...last])
    }
}
