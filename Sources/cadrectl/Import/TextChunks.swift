#if canImport(Glibc)
import Glibc
#endif

/// A file read as text in pieces of about `pieceSize` bytes, so an import of any size holds at
/// most two pieces in memory. Each piece ends at its last line break, or, on a line longer than a
/// piece (a JSON array on one line), at a UTF-8 character boundary: every piece is valid text on
/// its own, which a varlink string must be.
struct TextChunks {
    enum Failure: Error {
        /// `read` failed with this errno.
        case unreadable(Int32)
        /// Ctrl-C arrived while waiting for input.
        case interrupted
        /// Not UTF-8: the line the bad byte is on (1-based) and its offset in the file.
        case notUTF8(line: Int, offset: Int)
    }

    struct Chunk {
        var text: String
        var byteCount: Int
    }

    let descriptor: Int32
    let pieceSize: Int
    /// True when Ctrl-C should end a wait for input.
    let isInterrupted: () -> Bool
    /// The bytes read but not yet handed out: the tail after the last line break.
    private var pending: [UInt8] = []
    private var atEnd = false
    /// Bytes handed out so far.
    private(set) var bytesSent = 0
    /// Line breaks handed out so far (LF, CRLF or CR, as the daemon counts them).
    private var lineBreaks = 0
    private var lastWasCR = false

    init(descriptor: Int32, pieceSize: Int = 1 << 20, isInterrupted: @escaping () -> Bool = { false }) {
        self.descriptor = descriptor
        self.pieceSize = max(4, pieceSize)
        self.isInterrupted = isInterrupted
    }

    /// The next piece, or nil at the end of the file.
    mutating func next() throws(Failure) -> Chunk? {
        try fill()
        guard let cut = Self.cutPoint(pending, pieceSize: pieceSize, atEnd: atEnd) else { return nil }
        let bytes = pending[0..<cut]
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = Self.firstInvalidByte(bytes)
            var line = lineBreaks + 1
            var cr = lastWasCR
            for byte in bytes[0..<bad] { countBreak(byte, &line, &cr) }
            throw .notUTF8(line: line, offset: bytesSent + bad)
        }
        for byte in bytes { countBreak(byte, &lineBreaks, &lastWasCR) }
        bytesSent += cut
        pending.removeFirst(cut)
        return Chunk(text: text, byteCount: cut)
    }

    /// Reads until a whole piece is pending or the file ends.
    private mutating func fill() throws(Failure) {
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        while !atEnd, pending.count < pieceSize {
            let wanted = min(scratch.count, pieceSize - pending.count)
            let count = scratch.withUnsafeMutableBytes { raw in read(descriptor, raw.baseAddress, wanted) }
            if count < 0 {
                let error = errno
                if error == EINTR {
                    if isInterrupted() { throw .interrupted }
                    continue
                }
                throw .unreadable(error)
            }
            if count == 0 {
                atEnd = true
            } else {
                pending.append(contentsOf: scratch[0..<count])
            }
        }
    }

    private func countBreak(_ byte: UInt8, _ breaks: inout Int, _ cr: inout Bool) {
        if byte == 0x0A {
            if !cr { breaks += 1 }
            cr = false
        } else if byte == 0x0D {
            breaks += 1
            cr = true
        } else {
            cr = false
        }
    }

    /// How many of the pending bytes go out now: all of them at the end of the file; else, once a
    /// whole piece is pending, up to its last line break, or up to the last character that is
    /// whole. Nil when there is nothing to send yet.
    static func cutPoint(_ bytes: [UInt8], pieceSize: Int, atEnd: Bool) -> Int? {
        if atEnd { return bytes.isEmpty ? nil : bytes.count }
        guard bytes.count >= pieceSize else { return nil }
        if let newline = bytes.lastIndex(of: 0x0A) { return newline + 1 }
        let boundary = characterBoundary(bytes)
        // Only bytes that are not UTF-8 at all have no boundary; validation then reports them.
        return boundary > 0 ? boundary : bytes.count
    }

    /// The length of the longest prefix that doesn't end inside a multi-byte character.
    static func characterBoundary(_ bytes: [UInt8]) -> Int {
        var lead = bytes.count
        // A character is at most 4 bytes: its lead byte is at most 3 back from the end.
        while lead > 0, bytes.count - lead < 4, bytes[lead - 1] & 0xC0 == 0x80 { lead -= 1 }
        guard lead > 0 else { return bytes.count }
        let start = lead - 1
        let byte = bytes[start]
        let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return start + length <= bytes.count ? bytes.count : start
    }

    /// Where the first byte that breaks UTF-8 is (`bytes.count` when there is none).
    static func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }
}
