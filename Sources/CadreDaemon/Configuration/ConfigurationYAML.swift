import CadreEngine
import Yams

/// A configuration file's YAML composed as every outside YAML is: bounded by size first, and
/// with no anchors or aliases, whose expansion could stall the supervisor on a reload. Errors
/// name the file (and, for an alias, its line and column).
enum ConfigurationYAML {
    /// - Parameter what: the file as the size error names it ("the configuration", "badges.yaml").
    /// - Returns: the document's root, or nil for an empty file.
    static func compose(_ text: String, file: String, what: String, maximumBytes: Int) throws -> Node? {
        guard text.utf8.count <= maximumBytes else {
            throw InputErrors([InputError(
                .init("config.too-large"), file: file,
                message: "the file is \(text.utf8.count) bytes; \(what) may be at most \(maximumBytes)")])
        }
        if let reference = YAMLScreening.firstAnchorOrAlias(in: text) {
            let (message, hint) = YAMLScreening.describe(reference)
            throw InputErrors([InputError(
                .init("config.alias"), file: file, line: reference.line, column: reference.column, message: message, hint: hint)])
        }
        do {
            return try Yams.compose(yaml: text)
        } catch {
            throw InputErrors([InputError(.init("config.syntax"), file: file, message: "\(error)")])
        }
    }
}
