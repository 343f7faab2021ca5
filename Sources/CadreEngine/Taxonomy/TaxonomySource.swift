/// One taxonomy file as read by whoever did the I/O: the engine never opens files, so the daemon,
/// `cadrectl` and tests all hand it the same value.
public struct TaxonomySource: Codable, Hashable, Sendable {
    /// How errors name the file: the path the user gave, or an import's name.
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}
