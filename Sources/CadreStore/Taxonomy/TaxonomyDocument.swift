import CadreEngine
import Foundation

/// The canonical stored form of a taxonomy: JSON with sorted keys, so equal taxonomies give equal
/// bytes and therefore equal digests, whatever order the source file listed its keys in.
enum TaxonomyDocument {
    static func encode(_ taxonomy: Taxonomy) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(taxonomy), as: UTF8.self)
    }

    static func decode(_ document: String) throws -> Taxonomy {
        try JSONDecoder().decode(Taxonomy.self, from: Data(document.utf8))
    }

    static func digest(of document: String) -> String {
        SHA256.hex(of: Array(document.utf8))
    }
}
