import Yams

/// Where a value sits in a taxonomy file — file, line, column and the field path a person reads
/// (`roles[2].levels[0].requirements[3].level`) — so every error can point at it.
struct TaxonomyPlace: Hashable, Sendable {
    var file: String
    var line: Int
    var column: Int
    var field: String

    /// The place of `key` inside this mapping, at `node`'s position when it has one.
    func child(_ key: String, at node: Node?) -> TaxonomyPlace {
        moved(to: node, field: field.isEmpty ? key : "\(field).\(key)")
    }

    /// The place of the `index`-th (0-based, as in the path) item of this list.
    func item(_ index: Int, at node: Node) -> TaxonomyPlace {
        moved(to: node, field: "\(field)[\(index)]")
    }

    func error(_ code: InputError.Code, _ message: String, hint: String = "") -> InputError {
        InputError(code, file: file, line: line, column: column, field: field, message: message, hint: hint)
    }

    private func moved(to node: Node?, field: String) -> TaxonomyPlace {
        guard let mark = node?.mark else {
            return TaxonomyPlace(file: file, line: line, column: column, field: field)
        }
        return TaxonomyPlace(file: file, line: mark.line, column: mark.column, field: field)
    }
}

/// A value read from a file together with where it was written, for checks that span files.
struct Located<Value> {
    var value: Value
    var place: TaxonomyPlace
}
