/// The one check every string bound into SQLite goes through first.
///
/// GRDB binds a Swift `String` with `sqlite3_bind_text(…, -1, …)`, which reads up to the first NUL:
/// `E000001\0evil` would be stored as `E000001` and overwrite that person. The importers refuse
/// control characters long before this; the store refuses a NUL itself rather than rely on every
/// caller, so no layer can cut text short without saying so.
enum StoreText {
    static func check(_ value: String?, _ what: @autoclosure () -> String) throws {
        guard let value, value.utf8.contains(0) else { return }
        throw StoreError(.invalidRequest, "\(what()) contains a NUL character, which the store cannot hold")
    }
}
