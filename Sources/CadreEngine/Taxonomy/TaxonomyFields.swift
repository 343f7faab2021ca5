import Foundation
import Yams

/// One YAML mapping of a taxonomy file whose keys have been checked against those the format
/// knows. A key with an empty (null) value counts as absent, so `description:` left blank is the
/// same as no description.
struct TaxonomyFields {
    let place: TaxonomyPlace
    private let values: [String: Node]

    fileprivate init(place: TaxonomyPlace, values: [String: Node]) {
        self.place = place
        self.values = values
    }

    subscript(key: String) -> Node? { values[key] }

    func place(of key: String) -> TaxonomyPlace { place.child(key, at: values[key]) }
}

/// The codes a family of YAML files reports for problems any such file can have, so another
/// format (the credential catalogue) reads YAML the taxonomy's way under its own codes.
struct YAMLFieldCodes: Sendable {
    var syntax: InputError.Code
    var missingField: InputError.Code
    var badType: InputError.Code
    var unknownField: InputError.Code
    var badID: InputError.Code
    var controlCharacter: InputError.Code = .taxonomyControlCharacter

    static let taxonomy = YAMLFieldCodes(
        syntax: .taxonomySyntax, missingField: .taxonomyMissingField, badType: .taxonomyBadType,
        unknownField: .taxonomyUnknownField, badID: .taxonomyBadID)
}

/// Typed reads of YAML values. Each read reports what is wrong and returns `nil` instead of
/// stopping, so one pass over a file finds all its problems.
struct TaxonomyValueReader {
    let file: String
    let codes: YAMLFieldCodes
    private(set) var errors: [InputError] = []

    init(file: String, codes: YAMLFieldCodes = .taxonomy) {
        self.file = file
        self.codes = codes
    }

    mutating func report(_ error: InputError) { errors.append(error) }

    /// `node` as a mapping with only `known` keys; `what` names it in messages ("a skill").
    mutating func fields(_ node: Node, at place: TaxonomyPlace, known: [String], what: String) -> TaxonomyFields? {
        guard case .mapping(let mapping) = node else {
            report(place.error(codes.badType, "expected \(what) (a mapping of `key: value`), found \(Self.kind(of: node))",
                               hint: "write it as `key: value` lines; known keys: \(known.joined(separator: ", "))"))
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report(place.error(codes.badType, "a key must be plain text, found \(Self.kind(of: key))"))
                continue
            }
            guard known.contains(scalar.string) else {
                let suggestion = TaxonomyIdentifier.suggestion(for: scalar.string, among: known)
                let name = ControlCharacters.escaped(scalar.string)
                report(place.child(name, at: key).error(
                    codes.unknownField, "\(what) has no field `\(name)`",
                    hint: suggestion.map { "did you mean `\($0)`?" }
                        ?? "known fields: \(known.joined(separator: ", "))"))
                continue
            }
            if !Self.isNull(value) { values[scalar.string] = value }
        }
        return TaxonomyFields(place: place, values: values)
    }

    /// Free text such as a name or description; `required` text must also not be blank. Control
    /// characters are refused (a description, which YAML folds from several lines, may keep line
    /// breaks and tabs): names reach terminals, logs and the store, where ESC or NUL would act.
    mutating func text(_ fields: TaxonomyFields, _ key: String, required: Bool, multiline: Bool = false) -> String? {
        guard let node = fields[key] else {
            if required { missing(fields, key) }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            report(fields.place(of: key).error(codes.badType, "`\(key)` must be text, found \(Self.kind(of: node))"))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if required, text.isEmpty {
            missing(fields, key)
            return nil
        }
        guard !refusesControlCharacter(in: text, at: fields.place(of: key), key, allowed: multiline ? ["\n", "\t"] : []) else {
            return nil
        }
        return text
    }

    /// A skill or role id; an id with bad characters is reported but still returned, so references
    /// to it do not also show up as unknown.
    mutating func identifier(_ fields: TaxonomyFields, _ key: String) -> Located<String>? {
        guard let id = text(fields, key, required: true) else { return nil }
        let place = fields.place(of: key)
        if !TaxonomyIdentifier.isValid(id) {
            report(place.error(codes.badID, "`\(ControlCharacters.escaped(id))` is not a valid id",
                               hint: "use letters, digits, `.`, `_` and `-`, starting with a letter or digit (\(TaxonomyIdentifier.pattern))"))
        }
        return Located(value: id, place: place)
    }

    /// A whole number such as a rung, level or importance.
    mutating func integer(_ fields: TaxonomyFields, _ key: String) -> Located<Int>? {
        guard fields[key] != nil else {
            missing(fields, key)
            return nil
        }
        return optionalInteger(fields, key)
    }

    /// A whole number that may be left out; `nil` when absent or not a whole number (reported).
    mutating func optionalInteger(_ fields: TaxonomyFields, _ key: String) -> Located<Int>? {
        guard let node = fields[key] else { return nil }
        let place = fields.place(of: key)
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            let found = node.scalar.map { "`\($0.string)`" } ?? Self.kind(of: node)
            report(place.error(codes.badType, "`\(key)` must be a whole number, found \(found)"))
            return nil
        }
        return Located(value: value, place: place)
    }

    /// The items of a list; `nil` when absent. Not a list is reported.
    mutating func list(_ fields: TaxonomyFields, _ key: String) -> [Node]? {
        guard let node = fields[key] else { return nil }
        guard case .sequence(let sequence) = node else {
            report(fields.place(of: key).error(codes.badType, "`\(key)` must be a list, found \(Self.kind(of: node))",
                                               hint: "write `\(key): [a, b]` or one `- item` per line"))
            return nil
        }
        return Array(sequence)
    }

    /// A list of reference ids such as O*NET or NICE element ids.
    mutating func textList(_ fields: TaxonomyFields, _ key: String) -> [String] {
        guard let items = list(fields, key) else { return [] }
        var texts: [String] = []
        for (index, item) in items.enumerated() {
            guard case .scalar(let scalar) = item, !Self.isNull(item) else {
                report(fields.place(of: key).item(index, at: item).error(
                    codes.badType, "each `\(key)` entry must be an id, found \(Self.kind(of: item))"))
                continue
            }
            if refusesControlCharacter(in: scalar.string, at: fields.place(of: key).item(index, at: item), key) { continue }
            texts.append(scalar.string)
        }
        return texts
    }

    /// A list of ids that follow the taxonomy's id rule (`TaxonomyIdentifier`), each with its place;
    /// a malformed id is reported and left out.
    mutating func identifierList(_ fields: TaxonomyFields, _ key: String) -> [Located<String>] {
        guard let items = list(fields, key) else { return [] }
        var ids: [Located<String>] = []
        for (index, item) in items.enumerated() {
            let place = fields.place(of: key).item(index, at: item)
            guard case .scalar(let scalar) = item, !Self.isNull(item) else {
                report(place.error(codes.badType, "each `\(key)` entry must be an id, found \(Self.kind(of: item))"))
                continue
            }
            guard TaxonomyIdentifier.isValid(scalar.string) else {
                report(place.error(codes.badID, "`\(ControlCharacters.escaped(scalar.string))` is not a valid id",
                                   hint: "use letters, digits, `.`, `_` and `-`, starting with a letter or digit (\(TaxonomyIdentifier.pattern))"))
                continue
            }
            ids.append(Located(value: scalar.string, place: place))
        }
        return ids
    }

    mutating func missing(_ fields: TaxonomyFields, _ key: String) {
        report(fields.place.child(key, at: nil).error(codes.missingField, "`\(key)` is required"))
    }

    /// Reports the first control character of `text`, never quoting the text itself.
    private mutating func refusesControlCharacter(
        in text: String, at place: TaxonomyPlace, _ key: String, allowed: Set<Unicode.Scalar> = []
    ) -> Bool {
        guard let (scalar, position) = ControlCharacters.first(in: text, allowed: allowed) else { return false }
        report(place.error(
            codes.controlCharacter,
            "`\(key)` holds the control character \(ControlCharacters.name(of: scalar)) at character \(position)",
            hint: "remove it (YAML escapes such as \\e, \\0 or \\x1b write one); only a description may hold line breaks and tabs"))
        return true
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        // YAML's core schema: an unquoted empty value, `~` or `null` means "no value".
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
}
