/// A problem with something a person wrote or exported: a taxonomy file, a CSV row, a parameter.
///
/// It names the place (file, line, column, field) so the fix can be made without guessing, and
/// carries a stable `code` that clients, tests and the varlink error parameters match on; new
/// codes can be added without breaking callers that switch on the ones they know.
public struct InputError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var code: Code
    /// The file as the user named it (or `<stdin>`, or the import's name).
    public var file: String
    /// 1-based; 0 when the problem is about the whole file.
    public var line: Int
    /// 1-based; 0 when unknown.
    public var column: Int
    /// The field, key path or column header at fault (`roles[2].levels[0].requirements[3].level`).
    public var field: String
    public var message: String
    /// What to do next.
    public var hint: String

    public init(
        _ code: Code, file: String, line: Int = 0, column: Int = 0, field: String = "",
        message: String, hint: String = ""
    ) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.hint = hint
    }

    /// `file:line:column: field: message (hint)` — the shape compilers use, so editors can jump to it.
    public var description: String {
        var place = file
        if line > 0 { place += ":\(line)" }
        if column > 0 { place += ":\(column)" }
        var text = "\(place): [\(code)]"
        if !field.isEmpty { text += " \(field):" }
        text += " \(message)"
        if !hint.isEmpty { text += " (\(hint))" }
        return text
    }
}

/// Several input errors found in one pass, so a user fixes a file once rather than once per error.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var first: InputError? { errors.first }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
