import Foundation

/// A row's fields as a decoder reads them, and the one place a field's error is given its line,
/// column and header name.
struct RowFields {
    let file: String
    let schema: ImportSchema
    private(set) var row: ImportRow
    let bytes: UnsafeBufferPointer<UInt8>
    /// Bit `c` set: column `c` held a control character, which has been reported; every later
    /// check reads the column as empty, and `isMissing` keeps it from being reported again.
    private var screened: UInt64 = 0

    init(file: String, schema: ImportSchema, row: ImportRow, bytes: UnsafeBufferPointer<UInt8>) {
        self.file = file
        self.schema = schema
        self.row = row
        self.bytes = bytes
    }

    var line: Int { row.line }

    func isEmpty(_ column: Int) -> Bool { row.ranges[column].isEmpty }

    /// Empty, and not because it was screened out: the field the user must fill.
    func isMissing(_ column: Int) -> Bool { isEmpty(column) && screened & (1 << column) == 0 }

    /// Refuses every field that holds a control character (a tab only where `tabAllowed` lists the
    /// column): NUL would cut the value short in SQLite, so `E000001\0evil` would overwrite
    /// E000001; ESC and line breaks would act on the terminal or log that shows the value. The
    /// value is never quoted back, for the same reason.
    /// Made once: a set built per field would allocate for every row of a million-row file.
    private static let tab: Set<Unicode.Scalar> = ["\t"]
    private static let nothing: Set<Unicode.Scalar> = []

    mutating func screenControlCharacters(tabAllowed: [Int]) -> [InputError] {
        var errors: [InputError] = []
        for column in 0..<min(schema.count, 64) where !isEmpty(column) {
            let allowed = tabAllowed.contains(column) ? Self.tab : Self.nothing
            guard let (scalar, position) = ControlCharacters.first(in: buffer(column), allowed: allowed) else { continue }
            let name = schema.columns[column].name
            errors.append(error(
                .importControlCharacter, column,
                "`\(name)` holds the control character \(ControlCharacters.name(of: scalar)) at character \(position)",
                hint: "remove it: ids, names and other text may not hold NUL, line breaks, ESC or other control characters"
                    + (tabAllowed.isEmpty ? "" : " (tabs only in \(tabAllowed.map { "`\(schema.columns[$0].name)`" }.joined(separator: ", ")))")))
            screened |= 1 << column
            row.ranges[column] = 0..<0
        }
        return errors
    }

    func buffer(_ column: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[row.ranges[column]])
    }

    func string(_ column: Int) -> String { String(decoding: buffer(column), as: UTF8.self) }

    /// An identifier's bytes in Unicode normal form C. The store matches ids byte for byte while
    /// Swift compares strings up to canonical equivalence, so "José" typed two ways must become one
    /// id here, or it would be two people to SQLite and one to everything else. ASCII — nearly
    /// every HRIS id — passes through untouched.
    func withIdentifier<T>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let raw = buffer(column)
        if raw.allSatisfy({ $0 < 0x80 }) { return body(raw) }
        var normalized = String(decoding: raw, as: UTF8.self).precomposedStringWithCanonicalMapping
        return normalized.withUTF8(body)
    }

    /// `withIdentifier` as a string.
    func identifier(_ column: Int) -> String { withIdentifier(column) { String(decoding: $0, as: UTF8.self) } }

    /// Nil for an empty optional field.
    func optionalString(_ column: Int) -> String? { isEmpty(column) ? nil : string(column) }

    func error(_ code: InputError.Code, _ column: Int, _ message: String, hint: String = "") -> InputError {
        InputError(code, file: file, line: row.line, column: row.columnNumbers[column],
                   field: schema.columns[column].name, message: message, hint: hint)
    }

    func missing(_ column: Int, hint: String = "") -> InputError {
        error(.importMissingField, column, "`\(schema.columns[column].name)` is empty", hint: hint.isEmpty ? "every row needs a value here" : hint)
    }

    /// A value quoted back in a message, cut short so a runaway field does not flood the report;
    /// a tab (the one control character a field may hold) is written as `\t`.
    func quoted(_ column: Int) -> String {
        let text = ControlCharacters.escaped(string(column))
        return text.count > 60 ? "`\(text.prefix(57))…`" : "`\(text)`"
    }

    /// The closest known id, for a "did you mean" hint; only computed for rows already in error.
    static func suggestion(for word: String, among candidates: [String], otherwise: String) -> String {
        TaxonomyIdentifier.suggestion(for: word, among: candidates).map { "did you mean `\($0)`?" } ?? otherwise
    }
}
