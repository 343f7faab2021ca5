import Foundation

/// A row's fields as a decoder reads them, and the one place a field's error is given its line,
/// column and header name.
struct RowFields {
    let file: String
    let schema: ImportSchema
    let row: ImportRow
    let bytes: UnsafeBufferPointer<UInt8>

    var line: Int { row.line }

    func isEmpty(_ column: Int) -> Bool { row.ranges[column].isEmpty }

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

    /// A value quoted back in a message, cut short so a runaway field does not flood the report.
    func quoted(_ column: Int) -> String {
        let text = string(column)
        return text.count > 60 ? "`\(text.prefix(57))…`" : "`\(text)`"
    }

    /// The closest known id, for a "did you mean" hint; only computed for rows already in error.
    static func suggestion(for word: String, among candidates: [String], otherwise: String) -> String {
        TaxonomyIdentifier.suggestion(for: word, among: candidates).map { "did you mean `\($0)`?" } ?? otherwise
    }
}
