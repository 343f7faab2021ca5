import GRDB
import GRDBSQLite

/// One evidence row as `StoreReader.forEachEvidence` scans it: integer keys instead of strings,
/// each column read straight from SQLite when asked for, so a scan of millions of rows allocates
/// nothing per row. Map keys to names with `EvidenceVocabulary`.
public struct EvidenceRowView {
    private let statement: SQLiteStatement

    /// Column positions in `selectSQL`.
    private enum Column: Int32 {
        case person = 0, skill, observedAt, id, dataVersion, value, scale, source, validUntil, assessor, reference
    }

    static let selectSQL = """
        SELECT person, skill, observed_at, id, data_version, value, scale, source, valid_until, assessor, reference
        FROM evidence WHERE data_version <= ? ORDER BY person, skill, observed_at, id
        """

    /// One person's rows, in the same order: a range of the primary key, not a scan.
    static let selectPersonSQL = """
        SELECT person, skill, observed_at, id, data_version, value, scale, source, valid_until, assessor, reference
        FROM evidence WHERE data_version <= ? AND person = (SELECT id FROM person_key WHERE name = ?)
        ORDER BY person, skill, observed_at, id
        """

    /// The rows of one source that name a reference, in the same order: a range of the covering
    /// index `evidence_reference`, not a scan of the table.
    static let selectReferencedSQL = """
        SELECT person, skill, observed_at, id, data_version, value, scale, source, valid_until, assessor, reference
        FROM evidence WHERE data_version <= ? AND source = ? AND reference IS NOT NULL
        ORDER BY person, skill, observed_at, id
        """

    /// Key into `EvidenceVocabulary.persons`.
    public var person: Int { Int(sqlite3_column_int64(statement, Column.person.rawValue)) }
    /// Key into `EvidenceVocabulary.skills`.
    public var skill: Int { Int(sqlite3_column_int64(statement, Column.skill.rawValue)) }
    /// Epoch seconds.
    public var observedAt: Int64 { sqlite3_column_int64(statement, Column.observedAt.rawValue) }
    /// Unique across the store; ties between otherwise equal rows break on it (file order).
    public var id: Int64 { sqlite3_column_int64(statement, Column.id.rawValue) }
    /// The data version that brought the row.
    public var dataVersion: Int64 { sqlite3_column_int64(statement, Column.dataVersion.rawValue) }
    /// On the row's scale, not yet mapped onto 0–5.
    public var value: Double { sqlite3_column_double(statement, Column.value.rawValue) }
    /// Key into `EvidenceVocabulary.scales`.
    public var scale: Int { Int(sqlite3_column_int64(statement, Column.scale.rawValue)) }
    /// Key into `EvidenceVocabulary.sources`.
    public var source: Int { Int(sqlite3_column_int64(statement, Column.source.rawValue)) }
    public var validUntil: Int64? { optionalInt64(.validUntil) }
    /// Key into `EvidenceVocabulary.assessors`.
    public var assessor: Int? { optionalInt64(.assessor).map(Int.init) }
    /// Allocates a `String`; the scan itself never asks for it.
    public var reference: String? {
        guard sqlite3_column_type(statement, Column.reference.rawValue) != SQLITE_NULL,
              let text = sqlite3_column_text(statement, Column.reference.rawValue)
        else { return nil }
        return String(cString: text)
    }

    private func optionalInt64(_ column: Column) -> Int64? {
        sqlite3_column_type(statement, column.rawValue) == SQLITE_NULL
            ? nil : sqlite3_column_int64(statement, column.rawValue)
    }

    /// Steps `statement` (made from `selectSQL`) to the end, handing each row to `body`.
    static func forEach(
        _ statement: Statement, arguments: StatementArguments, _ body: (EvidenceRowView) throws -> Void
    ) throws {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        let view = EvidenceRowView(statement: statement.sqliteStatement)
        while try cursor.next() != nil {
            try body(view)
        }
    }
}

/// The interned names of the evidence table's dictionary tables, indexed by key.
public struct EvidenceVocabulary: Sendable, Hashable {
    public var persons: InternedNames
    public var skills: InternedNames
    public var scales: InternedNames
    public var sources: InternedNames
    public var assessors: InternedNames

    public init(persons: InternedNames, skills: InternedNames, scales: InternedNames, sources: InternedNames, assessors: InternedNames) {
        self.persons = persons
        self.skills = skills
        self.scales = scales
        self.sources = sources
        self.assessors = assessors
    }
}

/// Names by key. Keys are small dense integers, so lookup is an array index.
public struct InternedNames: Sendable, Hashable {
    /// `names[key]`; slot 0 and any unused key hold nil.
    public private(set) var names: [String?]
    private var keys: [String: Int]

    public init(_ pairs: [(key: Int, name: String)]) {
        let size = (pairs.map(\.key).max() ?? 0) + 1
        var names = [String?](repeating: nil, count: size)
        var keys: [String: Int] = [:]
        for (key, name) in pairs where key >= 0 {
            names[key] = name
            keys[name] = key
        }
        self.names = names
        self.keys = keys
    }

    public subscript(key: Int) -> String? { key >= 0 && key < names.count ? names[key] : nil }
    public func key(for name: String) -> Int? { keys[name] }
    public var count: Int { keys.count }
}
