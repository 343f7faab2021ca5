import CadreEngine

/// What an import carries. Each kind commits as one data version.
public enum ImportKind: String, Sendable, Hashable, Codable, CaseIterable {
    case people, evidence
}

/// The outcome of a committed import.
public struct ImportSummary: Sendable, Hashable, Codable {
    /// The data version the import created, or the current one when it changed nothing.
    public var dataVersion: Int64
    /// People new to the store, or evidence rows added.
    public var inserted: Int
    /// People whose stored row differed and was superseded.
    public var updated: Int
    /// People identical to their current row, or evidence rows already stored.
    public var unchanged: Int
    /// Evidence rows identical to an earlier row of the same file: evidence is a set, so they add
    /// nothing (DESIGN.md). `inserted + unchanged + duplicates` is the file's row count.
    public var duplicates: Int

    public init(dataVersion: Int64, inserted: Int, updated: Int, unchanged: Int, duplicates: Int = 0) {
        self.dataVersion = dataVersion
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.duplicates = duplicates
    }
}

/// A person as the store keeps them; the daemon maps the engine's record onto it.
public struct StoredPerson: Sendable, Hashable, Codable {
    /// The organisation's own id (HR system); unique, the key re-imports match on.
    public var externalID: String
    public var name: String
    public var team: String
    /// The manager's external id.
    public var manager: String?
    public var role: String
    public var rung: Int
    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    public var hireDate: String
    public var location: String?

    public init(
        externalID: String, name: String, team: String, manager: String? = nil, role: String,
        rung: Int, hireDate: String, location: String? = nil
    ) {
        self.externalID = externalID
        self.name = name
        self.team = team
        self.manager = manager
        self.role = role
        self.rung = rung
        self.hireDate = hireDate
        self.location = location
    }
}

/// Evidence is stored exactly as the engine's importer reads it; one type serves both.
public typealias StoredEvidence = ImportedEvidence
