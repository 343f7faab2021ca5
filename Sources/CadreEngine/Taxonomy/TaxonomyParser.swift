/// Reads Cadre's YAML taxonomy format (docs/TAXONOMY.md) from one or more files into one validated
/// `Taxonomy`. Splitting skills and roles across files lets teams own their part; ids are global.
public enum TaxonomyParser {
    /// Skills and roles keep the order they are written in, files in the order given, so the same
    /// files always give the same taxonomy (and `digest`).
    ///
    /// Throws every problem found, sorted by file (in the order given), line and column. When a
    /// file is not YAML, checks that need all files (unknown skills, an empty taxonomy) are left
    /// until it is, rather than reporting references that may be defined in it.
    public static func parse(_ sources: [TaxonomySource]) throws(InputErrors) -> Taxonomy {
        var errors: [InputError] = []
        var drafts: [TaxonomyFileDraft] = []
        for source in sources {
            let (draft, fileErrors) = TaxonomyFileReader.read(source)
            drafts.append(draft)
            errors += fileErrors
        }
        let skills = unique(drafts.flatMap(\.skills), kind: "skill", errors: &errors)
        let roles = unique(drafts.flatMap(\.roles), kind: "role", errors: &errors)
        if drafts.allSatisfy(\.isReadable) {
            errors += unknownSkills(drafts.flatMap(\.references), skills: skills.map(\.id))
            errors += emptiness(skills: skills, roles: roles, files: sources.map(\.name))
        }
        guard errors.isEmpty else {
            throw InputErrors(sorted(errors, fileOrder: sources.map(\.name)))
        }
        return Taxonomy(skills: skills, roles: roles)
    }

    /// The first definition of each id wins; every later one is reported against it.
    private static func unique<Item: Identifiable<String>>(
        _ items: [Located<Item>], kind: String, errors: inout [InputError]
    ) -> [Item] {
        var first: [String: TaxonomyPlace] = [:]
        var kept: [Item] = []
        for item in items {
            if let earlier = first[item.value.id] {
                errors.append(item.place.error(
                    .taxonomyDuplicateID, "\(kind) `\(item.value.id)` is already defined",
                    hint: "first defined at \(earlier.file):\(earlier.line); rename one or remove the copy"))
                continue
            }
            first[item.value.id] = item.place
            kept.append(item.value)
        }
        return kept
    }

    private static func unknownSkills(_ references: [Located<String>], skills: [String]) -> [InputError] {
        let known = Set(skills)
        return references.filter { !known.contains($0.value) }.map { reference in
            let hint = TaxonomyIdentifier.suggestion(for: reference.value, among: skills)
                .map { "did you mean `\($0)`?" } ?? "define it under `skills:` in one of the taxonomy files"
            return reference.place.error(.taxonomyUnknownSkill, "no skill has the id `\(reference.value)`", hint: hint)
        }
    }

    private static func emptiness(skills: [Skill], roles: [Role], files: [String]) -> [InputError] {
        let where_ = files.isEmpty ? "<no taxonomy files>" : files.joined(separator: ", ")
        var errors: [InputError] = []
        if skills.isEmpty {
            errors.append(InputError(.taxonomyEmpty, file: where_, field: "skills",
                                     message: "the taxonomy defines no skills",
                                     hint: "add a `skills:` list to one of the files"))
        }
        if roles.isEmpty {
            errors.append(InputError(.taxonomyEmpty, file: where_, field: "roles",
                                     message: "the taxonomy defines no roles",
                                     hint: "add a `roles:` list to one of the files"))
        }
        return errors
    }

    /// Files in the order given (errors naming no single file last), then line, column, field.
    private static func sorted(_ errors: [InputError], fileOrder: [String]) -> [InputError] {
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
