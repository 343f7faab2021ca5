/// One catalogue file as read by whoever did the I/O (the engine never opens files).
public struct CatalogueSource: Codable, Hashable, Sendable {
    public enum Format: String, Codable, Hashable, Sendable, CaseIterable {
        case yaml, json, csv
        /// From the name's extension: `.csv` is CSV, `.json` JSON, anything else YAML.
        case detect
    }

    /// How errors name the file: the path the user gave.
    public var name: String
    public var contents: String
    public var format: Format

    public init(name: String, contents: String, format: Format = .detect) {
        self.name = name
        self.contents = contents
        self.format = format
    }

    var resolvedFormat: Format {
        guard format == .detect else { return format }
        let lower = name.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".json") { return .json }
        return .yaml
    }
}

/// Reads course catalogue files (docs/TRAINING.md) — YAML, JSON or CSV, mixed freely — into one
/// validated `CourseCatalogue`, all or nothing.
public enum CatalogueParser {
    /// - Parameter skills: the taxonomy's skill ids; every taught or prerequisite skill must be one.
    /// - Throws: every problem found in every file, sorted by file (in the order given), line and
    ///   column. Course ids must be unique across all the files.
    public static func parse(_ sources: [CatalogueSource], skills: [String]) throws(InputErrors) -> CourseCatalogue {
        var errors: [InputError] = []
        var checker = CourseDraftChecker(skills: skills)
        var courses: [Course] = []
        for source in sources {
            let (drafts, fileErrors) = switch source.resolvedFormat {
            case .csv: CatalogueCSVReader.read(source)
            case .yaml, .json, .detect: CatalogueDocumentReader.read(source)
            }
            errors += fileErrors
            for draft in drafts {
                if let course = checker.check(draft) { courses.append(course) }
            }
        }
        errors += checker.errors
        if errors.isEmpty && courses.isEmpty {
            let names = sources.isEmpty ? "<no catalogue files>" : sources.map(\.name).joined(separator: ", ")
            errors.append(InputError(.catalogueEmpty, file: names, field: "courses",
                                     message: "the catalogue holds no course", hint: "add a `courses:` list"))
        }
        guard errors.isEmpty else { throw InputErrors(sorted(errors, fileOrder: sources.map(\.name))) }
        return CourseCatalogue(validated: courses)
    }

    /// Files in the order given (errors naming no single file last), then line, column.
    static func sorted(_ errors: [InputError], fileOrder: [String]) -> [InputError] {
        var rank: [String: Int] = [:]
        for (index, file) in fileOrder.enumerated() where rank[file] == nil { rank[file] = index }
        return errors.enumerated().sorted { a, b in
            let keyA = (rank[a.element.file] ?? fileOrder.count, a.element.line, a.element.column)
            let keyB = (rank[b.element.file] ?? fileOrder.count, b.element.line, b.element.column)
            if keyA != keyB { return keyA < keyB }
            return a.offset < b.offset
        }.map(\.element)
    }
}
