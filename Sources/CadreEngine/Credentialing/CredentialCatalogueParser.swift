import Yams

/// One catalogue file as read by whoever did the I/O (the engine never opens files).
public struct CredentialCatalogueSource: Codable, Hashable, Sendable {
    /// How errors name the file: the path the user gave.
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

/// Reads credential catalogue files (docs/CREDENTIALS.md) — YAML, or JSON, which libyaml reads as
/// YAML's flow style — into one checked `CredentialCatalogue`. All or nothing: any problem in any
/// file rejects them all, with every problem reported.
public enum CredentialCatalogueParser {
    /// - Parameter skills: the taxonomy's skill ids; every skill a credential evidences must be one.
    /// - Throws: every problem, sorted by file (in the order given), line and column.
    public static func parse(_ sources: [CredentialCatalogueSource], skills: [String]) throws(InputErrors) -> CredentialCatalogue {
        var errors: [InputError] = []
        var drafts: [CredentialFileDraft] = []
        for source in sources {
            let (draft, fileErrors) = CredentialFileReader.read(source)
            drafts.append(draft)
            errors += fileErrors
        }
        var first: [String: TaxonomyPlace] = [:]
        var credentials: [Credential] = []
        for located in drafts.flatMap(\.credentials) {
            if let earlier = first[located.value.id] {
                errors.append(located.place.error(
                    .credentialDuplicateID, "credential `\(located.value.id)` is already defined",
                    hint: "first defined at \(earlier.file):\(earlier.line); rename one or remove the copy"))
                continue
            }
            first[located.value.id] = located.place
            credentials.append(located.value)
        }
        let currency = agreedCurrency(drafts, errors: &errors)
        if drafts.allSatisfy(\.isReadable) {
            errors += unknown(drafts.flatMap(\.skillReferences), among: skills, code: .credentialUnknownSkill, kind: "skill",
                              otherwise: "skills are defined in the taxonomy (Config/taxonomy/skills.yaml)")
            let ids = credentials.map(\.id)
            errors += unknown(drafts.flatMap(\.successorReferences), among: ids, code: .credentialUnknownSuccessor,
                              kind: "credential", otherwise: "define the successor in a catalogue file too")
            if credentials.isEmpty {
                let files = sources.isEmpty ? "<no catalogue files>" : sources.map(\.name).joined(separator: ", ")
                errors.append(InputError(.credentialEmpty, file: files, field: "credentials",
                                         message: "the catalogue defines no credentials",
                                         hint: "add a `credentials:` list to one of the files"))
            }
        }
        guard errors.isEmpty else { throw InputErrors(sorted(errors, fileOrder: sources.map(\.name))) }
        return CredentialCatalogue(checked: credentials, currency: currency)
    }

    public static func parse(_ sources: [CredentialCatalogueSource], taxonomy: Taxonomy) throws(InputErrors) -> CredentialCatalogue {
        try parse(sources, skills: taxonomy.skills.map(\.id))
    }

    public static func parse(_ sources: [CredentialCatalogueSource], taxonomy: CompiledTaxonomy) throws(InputErrors) -> CredentialCatalogue {
        try parse(sources, skills: taxonomy.skillIDs)
    }

    private static func agreedCurrency(_ drafts: [CredentialFileDraft], errors: inout [InputError]) -> String? {
        var agreed: Located<String>?
        for case let currency? in drafts.map(\.currency) {
            guard let first = agreed else {
                agreed = currency
                continue
            }
            if first.value != currency.value {
                errors.append(currency.place.error(
                    .credentialCurrencyMismatch, "this file's costs are in \(currency.value), \(first.place.file)'s in \(first.value)",
                    hint: "keep every catalogue file in the currency the daemon is configured with"))
            }
        }
        return agreed?.value
    }

    private static func unknown(
        _ references: [Located<String>], among known: [String], code: InputError.Code, kind: String, otherwise: String
    ) -> [InputError] {
        let set = Set(known)
        return references.filter { !set.contains($0.value) }.map { reference in
            let hint = TaxonomyIdentifier.suggestion(for: reference.value, among: known).map { "did you mean `\($0)`?" } ?? otherwise
            return reference.place.error(code, "no \(kind) has the id `\(reference.value)`", hint: hint)
        }
    }

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
