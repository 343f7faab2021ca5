import CadreEngine
import GRDB

extension Store {
    /// Stores `taxonomy` as a new version (and data version) unless it is identical to the latest
    /// one, in which case the latest is returned with `unchanged = true` and nothing is written —
    /// so reloading the same file on every start doesn't churn versions.
    public func saveTaxonomy(_ taxonomy: Taxonomy, source: String) throws -> TaxonomyVersionInfo {
        try StoreText.check(source, "the taxonomy's source")
        let document = try storeOperation("encoding the taxonomy") { try TaxonomyDocument.encode(taxonomy) }
        let digest = taxonomy.digest
        let loadedAt = now()
        return try write("saving the taxonomy from \(source)") { db in
            if var latest = try StoreQueries.latestTaxonomyVersion(db), latest.digest == digest {
                latest.unchanged = true
                return latest
            }
            let dataVersion = try DataVersions.create(
                db, kind: "taxonomy", source: source, rows: taxonomy.skills.count + taxonomy.roles.count,
                at: loadedAt)
            try db.execute(sql: """
                INSERT INTO taxonomy_version
                    (data_version, loaded_at, source, digest, skills, roles, role_levels, document)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    dataVersion, loadedAt, source, digest, taxonomy.skills.count, taxonomy.roles.count,
                    taxonomy.roleLevelCount, document,
                ])
            return TaxonomyVersionInfo(
                version: db.lastInsertedRowID, dataVersion: dataVersion, loadedAt: loadedAt, source: source,
                digest: digest, skills: taxonomy.skills.count, roles: taxonomy.roles.count,
                roleLevels: taxonomy.roleLevelCount)
        }
    }

    public func latestTaxonomyVersion() throws -> TaxonomyVersionInfo? {
        try read("reading the latest taxonomy version") { db in try StoreQueries.latestTaxonomyVersion(db) }
    }

    /// Oldest first.
    public func taxonomyVersions() throws -> [TaxonomyVersionInfo] {
        try read("listing taxonomy versions") { db in try StoreQueries.taxonomyVersions(db) }
    }

    public func taxonomy(version: Int64) throws -> Taxonomy? {
        try read("reading taxonomy version \(version)") { db in try StoreQueries.taxonomy(db, version: version) }
    }
}
