/// One stored taxonomy, without its document.
public struct TaxonomyVersionInfo: Sendable, Hashable, Codable {
    public var version: Int64
    /// The data version the load created.
    public var dataVersion: Int64
    /// Epoch milliseconds.
    public var loadedAt: Int64
    /// The file (or import) it came from, as the operator named it.
    public var source: String
    /// `Taxonomy.digest`: equal digests mean equal taxonomies.
    public var digest: String
    public var skills: Int
    public var roles: Int
    public var roleLevels: Int
    /// True when `saveTaxonomy` found this taxonomy already latest and stored nothing.
    public var unchanged: Bool

    public init(
        version: Int64, dataVersion: Int64, loadedAt: Int64, source: String, digest: String,
        skills: Int, roles: Int, roleLevels: Int, unchanged: Bool = false
    ) {
        self.version = version
        self.dataVersion = dataVersion
        self.loadedAt = loadedAt
        self.source = source
        self.digest = digest
        self.skills = skills
        self.roles = roles
        self.roleLevels = roleLevels
        self.unchanged = unchanged
    }
}
