import CadreEngine
import Foundation
import GRDB

/// Reference documents (the course catalogue, the credential catalogue, the workforce plan) and
/// record batches (credential holdings, HR events), versioned with the data like people and
/// evidence: each load or import is a new data version, and a run pinned to data version V reads
/// the latest document of a kind at or before V, and every batch of a kind at or before V.
///
/// Documents are stored as the canonical bytes their engine type encodes (with its digest), so a
/// reader needs no file parsing; loading a document identical to the latest one writes nothing.
public enum DocumentKind: String, Sendable, CaseIterable, Codable {
    case courseCatalogue = "course-catalogue"
    case credentialCatalogue = "credential-catalogue"
    case workforcePlan = "workforce-plan"
}

public enum BatchKind: String, Sendable, CaseIterable, Codable {
    case credentialHoldings = "credential-holdings"
    case hrEvents = "hr-events"
}

/// One stored version of a document.
public struct StoredDocument: Sendable, Hashable {
    public var kind: DocumentKind
    public var dataVersion: Int64
    public var digest: String
    public var source: String
    public var loadedAt: Int64
    public var items: Int
    public var content: [UInt8]
    /// True when a load found the document identical to the latest and stored nothing.
    public var unchanged = false
}

/// One import's rows of a batch kind.
public struct StoredBatch: Sendable, Hashable {
    public var kind: BatchKind
    public var dataVersion: Int64
    public var source: String
    public var rows: Int
    public var content: [UInt8]
}

extension Store {
    /// Stores a new version of the document unless the latest of its kind has the same digest.
    public func saveDocument(
        _ kind: DocumentKind, digest: String, source: String, items: Int, content: [UInt8]
    ) async throws -> StoredDocument {
        let loadedAt = now()
        return try await writing("saving the \(kind.rawValue) from \(source)") { db in
            if var latest = try DocumentQueries.latest(db, kind, atMost: nil), latest.digest == digest {
                latest.unchanged = true
                return latest
            }
            let dataVersion = try DataVersions.create(db, kind: kind.rawValue, source: source, rows: items, at: loadedAt)
            try db.execute(sql: """
                INSERT INTO document (kind, data_version, digest, source, loaded_at, items, content)
                VALUES (?, ?, ?, ?, ?, ?, COALESCE(?, x''))
                """, arguments: [kind.rawValue, dataVersion, digest, source, loadedAt, items, content.databaseBlob])
            return StoredDocument(
                kind: kind, dataVersion: dataVersion, digest: digest, source: source, loadedAt: loadedAt, items: items,
                content: content)
        }
    }

    /// The document of `kind` in force at `dataVersion` (nil: the latest).
    public func document(_ kind: DocumentKind, atDataVersion dataVersion: Int64? = nil) async throws -> StoredDocument? {
        try await reading("reading the \(kind.rawValue)") { db in try DocumentQueries.latest(db, kind, atMost: dataVersion) }
    }

    /// Appends one import's rows as a new data version.
    public func appendBatch(_ kind: BatchKind, source: String, rows: Int, content: [UInt8]) async throws -> Int64 {
        let time = now()
        return try await writing("saving the \(kind.rawValue) from \(source)") { db in
            let dataVersion = try DataVersions.create(db, kind: kind.rawValue, source: source, rows: rows, at: time)
            try db.execute(sql: """
                INSERT INTO record_batch (kind, data_version, source, rows, content) VALUES (?, ?, ?, ?, COALESCE(?, x''))
                """, arguments: [kind.rawValue, dataVersion, source, rows, content.databaseBlob])
            return dataVersion
        }
    }

    public func batches(_ kind: BatchKind, atDataVersion dataVersion: Int64? = nil) async throws -> [StoredBatch] {
        try await reading("reading the \(kind.rawValue)") { db in try DocumentQueries.batches(db, kind, atMost: dataVersion) }
    }
}

extension StoreReader {
    public func document(_ kind: DocumentKind, atDataVersion dataVersion: Int64) throws -> StoredDocument? {
        try storeOperation("reading the \(kind.rawValue)") {
            try pool.read { db in try DocumentQueries.latest(db, kind, atMost: dataVersion) }
        }
    }

    public func batches(_ kind: BatchKind, atDataVersion dataVersion: Int64) throws -> [StoredBatch] {
        try storeOperation("reading the \(kind.rawValue)") {
            try pool.read { db in try DocumentQueries.batches(db, kind, atMost: dataVersion) }
        }
    }
}

enum DocumentQueries {
    static func latest(_ db: Database, _ kind: DocumentKind, atMost dataVersion: Int64?) throws -> StoredDocument? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT data_version, digest, source, loaded_at, items, content FROM document
            WHERE kind = ?1 AND (?2 IS NULL OR data_version <= ?2)
            ORDER BY data_version DESC LIMIT 1
            """, arguments: [kind.rawValue, dataVersion])
        else { return nil }
        return StoredDocument(
            kind: kind, dataVersion: row[0], digest: row[1], source: row[2], loadedAt: row[3], items: row[4],
            content: [UInt8]((row[5] as Data?) ?? Data()))
    }

    static func batches(_ db: Database, _ kind: BatchKind, atMost dataVersion: Int64?) throws -> [StoredBatch] {
        try Row.fetchAll(db, sql: """
            SELECT data_version, source, rows, content FROM record_batch
            WHERE kind = ?1 AND (?2 IS NULL OR data_version <= ?2)
            ORDER BY data_version
            """, arguments: [kind.rawValue, dataVersion]
        ).map { row in
            StoredBatch(
                kind: kind, dataVersion: row[0], source: row[1], rows: row[2], content: [UInt8]((row[3] as Data?) ?? Data()))
        }
    }
}
