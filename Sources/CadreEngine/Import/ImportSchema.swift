/// The columns of one import format: their header names (also the JSON keys) and which must be
/// present. A file's own column order is mapped onto this one once, from its header.
struct ImportSchema: Sendable {
    struct Column: Sendable {
        var name: String
        /// The column (or key) must be in the file.
        var isRequired: Bool
    }

    var kind: String
    var columns: [Column]
    /// Lower-case header names, for matching a file's headers case-insensitively.
    let names: IdentifierTable

    init(kind: String, columns: [Column]) {
        self.kind = kind
        self.columns = columns
        names = IdentifierTable(columns.map(\.name))
    }

    var count: Int { columns.count }
    var required: [String] { columns.filter(\.isRequired).map(\.name) }

    /// The schema column a header or key names, ignoring ASCII case and surrounding blanks.
    func column(named bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8]) -> Int? {
        let range = FieldScanning.trimmed(bytes, 0..<bytes.count)
        scratch.removeAll(keepingCapacity: true)
        for index in range {
            let byte = bytes[index]
            scratch.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return scratch.withUnsafeBufferPointer { names.index(of: $0) }
    }

    static let people = ImportSchema(kind: "people", columns: [
        Column(name: "external_id", isRequired: true),
        Column(name: "name", isRequired: true),
        Column(name: "team", isRequired: true),
        Column(name: "manager", isRequired: true),
        Column(name: "role", isRequired: true),
        Column(name: "level", isRequired: true),
        Column(name: "hire_date", isRequired: true),
        Column(name: "location", isRequired: false),
    ])

    static let evidence = ImportSchema(kind: "evidence", columns: [
        Column(name: "person", isRequired: true),
        Column(name: "skill", isRequired: true),
        Column(name: "value", isRequired: true),
        Column(name: "scale", isRequired: true),
        Column(name: "source", isRequired: true),
        Column(name: "observed_at", isRequired: true),
        Column(name: "assessor", isRequired: false),
        Column(name: "reference", isRequired: false),
        Column(name: "valid_until", isRequired: false),
    ])
}

/// People file columns, in schema order.
enum PeopleColumn {
    static let externalID = 0, name = 1, team = 2, manager = 3, role = 4, level = 5, hireDate = 6, location = 7
    /// Columns every row must fill; `manager` is present but empty at the top of the organisation.
    static let needingValues = [externalID, name, team, role, level, hireDate]
    /// Text a person reads rather than an id something is matched on: the only place for a tab.
    static let freeText = [name, location]
}

/// Evidence file columns, in schema order.
enum EvidenceColumn {
    static let person = 0, skill = 1, value = 2, scale = 3, source = 4, observedAt = 5
    static let assessor = 6, reference = 7, validUntil = 8
    static let needingValues = [person, skill, value, scale, source, observedAt]
    /// Text a person reads rather than an id something is matched on: the only place for a tab.
    static let freeText = [assessor, reference]
}

/// How the bytes of an import are written.
public enum ImportFormat: String, Sendable, Codable, CaseIterable {
    /// RFC 4180 CSV with a header row.
    case csv
    /// A JSON array of objects, or JSON Lines (one object per line); the first byte tells which.
    case json
    /// CSV unless the first non-blank byte is `[` or `{`.
    case detect
}
