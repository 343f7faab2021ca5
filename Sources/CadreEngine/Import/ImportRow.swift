/// One row of an import in schema order, whatever the file's format: byte ranges into a buffer the
/// reader owns, so decoding a row reads bytes where they already are.
struct ImportRow: Sendable {
    /// The physical line the row (CSV record or JSON object) starts on.
    var line = 0
    /// Per schema column: the value's bytes, blanks trimmed; empty when absent, blank or JSON null.
    var ranges: [Range<Int>]
    /// Per schema column: its 1-based position in a CSV header; 0 for JSON, or when absent.
    var columnNumbers: [Int]

    init(columnCount: Int) {
        ranges = Array(repeating: 0..<0, count: columnCount)
        columnNumbers = Array(repeating: 0, count: columnCount)
    }

    mutating func clear() {
        for index in ranges.indices { ranges[index] = 0..<0 }
    }
}

/// Row errors of one import, kept so a file with several mistakes is fixed in one go, up to a
/// limit past which the rest would only be the same mistake again.
struct ImportErrorLog: Sendable {
    let file: String
    let limit: Int
    private(set) var errors: [InputError] = []

    init(file: String, limit: Int) {
        self.file = file
        self.limit = max(1, limit)
    }

    /// Throws once the limit is reached, which ends the import.
    mutating func record(_ error: InputError) throws(InputError) {
        errors.append(error)
        if errors.count >= limit {
            throw InputError(
                .importTooManyErrors, file: file,
                message: "stopped reading after \(limit) errors",
                hint: "fix these and import the file again")
        }
    }

    /// Everything found, by line and column, with the error that ended reading (if any) last.
    func report(ending fatal: InputError? = nil) -> InputErrors {
        let sorted = errors.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
        return InputErrors(sorted + (fatal.map { [$0] } ?? []))
    }
}
