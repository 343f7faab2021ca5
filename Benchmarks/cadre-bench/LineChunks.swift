import Foundation

/// A file read in chunks of about `size` bytes, each ending at a line break (the last one takes
/// what is left), as `cadrectl` sends a file through `ImportChunk`: a chunk then never splits a
/// UTF-8 character, and the daemon and the in-process baseline see the very same pieces.
struct LineChunks {
    let path: String
    let size: Int

    /// Calls `body` with each chunk in order; the result is the file's size in bytes.
    @discardableResult
    func forEach(_ body: (ArraySlice<UInt8>) throws -> Void) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BenchFileError(path: path, message: "cannot open")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var total = 0
        while let data = try handle.read(upToCount: size), !data.isEmpty {
            total += data.count
            pending.append(contentsOf: data)
            guard let lastBreak = pending.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            try body(pending[...lastBreak])
            pending.removeSubrange(...lastBreak)
        }
        if !pending.isEmpty { try body(pending[...]) }
        return total
    }
}

struct BenchFileError: Error, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "\(path): \(message)" }
}
