import CadreEngine
import Foundation
import Testing

/// Files the taxonomy tests read: the checkout's own Config/, and the shared reference data that
/// lives next to the checkout and is never copied into it.
enum TaxonomyTestFiles {
    /// The repository root, found from this file's path (Tests/CadreEngineTests/<file>), with
    /// symbolic links resolved so a package that links the test folder in still finds Config/.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let niceExport = repositoryRoot
        .appendingPathComponent("../shared/data/nice/cprt_SP_800_181_2_1_0.json").standardizedFileURL
    static let onetContentModel = repositoryRoot
        .appendingPathComponent("../shared/data/onet/Content Model Reference.txt").standardizedFileURL

    /// Reference-data tests run when the data is there, and always under CI, where absent data
    /// must fail rather than pass silently.
    static func referenceDataRequired(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.path) || ProcessInfo.processInfo.environment["CI"] != nil
    }

    static func read(_ url: URL) throws -> Data {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw MissingReferenceData(path: url.path)
        }
        return data
    }

    /// Config/taxonomy/*.yaml in file-name order, as the daemon loads them.
    static func defaultTaxonomySources() throws -> [TaxonomySource] {
        let folder = repositoryRoot.appendingPathComponent("Config/taxonomy")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { name in
            let data = try read(folder.appendingPathComponent(name))
            return TaxonomySource(name: "Config/taxonomy/\(name)", contents: String(decoding: data, as: UTF8.self))
        }
    }
}

struct MissingReferenceData: Error, CustomStringConvertible {
    var path: String
    var description: String { "reference data missing at \(path) (see /work/shared/data/README.md)" }
}

/// The parts of an error a test pins down, in one line so a mismatch reads at a glance:
/// `code file:line:column field`.
func taxonomyErrorSummary(_ error: InputError) -> String {
    "\(error.code) \(error.file):\(error.line):\(error.column) \(error.field)"
}

/// Parses and returns the errors thrown, or none when the sources parse.
func taxonomyErrors(_ sources: [TaxonomySource]) -> [InputError] {
    do {
        _ = try TaxonomyParser.parse(sources)
        return []
    } catch {
        return error.errors
    }
}

/// The NICE export read with JSONSerialization, independently of `NICEImport`, so tests can check
/// the importer's output against the file itself.
struct NICEReferenceElements {
    var types: [String: String] = [:]
    var edges: [(source: String, destination: String)] = []
    var identifiers: Set<String> { Set(types.keys) }

    static func load() throws -> NICEReferenceElements {
        let json = try JSONSerialization.jsonObject(with: TaxonomyTestFiles.read(TaxonomyTestFiles.niceExport))
        let contents = ((json as? [String: Any])?["response"] as? [String: Any])?["elements"] as? [String: Any]
        var reference = NICEReferenceElements()
        for element in contents?["elements"] as? [[String: Any]] ?? [] {
            if let id = element["element_identifier"] as? String, let type = element["element_type"] as? String {
                reference.types[id] = type
            }
        }
        for edge in contents?["relationships"] as? [[String: Any]] ?? [] {
            if let source = edge["source_element_identifier"] as? String,
               let destination = edge["dest_element_identifier"] as? String {
                reference.edges.append((source, destination))
            }
        }
        return reference
    }
}
