import CadreWire
import Foundation

/// Reads the taxonomy files a user names. cadrectl does this I/O, never the daemon: the daemon
/// only sees contents, so it never opens paths on a user's behalf, and errors name the files as
/// the user wrote them.
enum TaxonomyFiles {
    /// Each path is a file, or a folder standing for its `*.yaml` and `*.yml` files sorted by name
    /// (not descending into subfolders). A file named twice is read once.
    static func read(_ paths: [String], extensions: [String] = ["yaml", "yml"]) throws(CommandFailure) -> [Workforce.SourceFile] {
        var files: [Workforce.SourceFile] = []
        var seen: Set<String> = []
        for path in paths {
            for file in try expand(path, extensions: extensions) {
                let resolved = URL(fileURLWithPath: file).standardizedFileURL.path
                guard seen.insert(resolved).inserted else { continue }
                files.append(Workforce.SourceFile(name: file, contents: try contents(of: file)))
            }
        }
        return files
    }

    /// Where a set of files came from, as the daemon records it with the version it stores.
    static func source(of paths: [String]) -> String {
        paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }.joined(separator: ", ")
    }

    static func contents(of file: String) throws(CommandFailure) -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(ExitStatus.failed, "cannot read \(file)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(ExitStatus.failed, "\(file) is not UTF-8 text")
        }
        return text
    }

    private static func expand(_ path: String, extensions: [String]) throws(CommandFailure) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CommandFailure(ExitStatus.failed, "\(path): no such file or folder")
        }
        guard isFolder.boolValue else { return [path] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw CommandFailure(ExitStatus.failed, "cannot list \(path): \(error.localizedDescription)")
        }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        let files = names.filter { name in extensions.contains { name.hasSuffix("." + $0) } }.sorted().map { prefix + $0 }
            .filter { file in
                var nested: ObjCBool = false
                return FileManager.default.fileExists(atPath: file, isDirectory: &nested) && !nested.boolValue
            }
        guard !files.isEmpty else {
            throw CommandFailure(ExitStatus.failed, "\(path) holds no \(extensions.map { "." + $0 }.joined(separator: ", ")) files")
        }
        return files
    }
}
