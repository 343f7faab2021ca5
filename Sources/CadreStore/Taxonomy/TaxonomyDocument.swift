import CadreEngine
import Foundation

/// The stored form of a taxonomy: JSON with sorted keys, so equal taxonomies store equal bytes and
/// the document reads back into the very value that was saved. Identity is `Taxonomy.digest`
/// (the engine's canonical encoding), not these bytes.
enum TaxonomyDocument {
    static func encode(_ taxonomy: Taxonomy) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(taxonomy), as: UTF8.self)
    }

    static func decode(_ document: String) throws -> Taxonomy {
        try JSONDecoder().decode(Taxonomy.self, from: Data(document.utf8))
    }
}
