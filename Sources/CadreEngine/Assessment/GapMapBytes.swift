/// Little-endian building blocks of the gap map's binary encoding. Arrays of fixed-width numbers
/// are a `UInt32` count followed by the values; on a little-endian machine they are copied in
/// one block, which is what keeps encoding a 100 000-person gap map to a few milliseconds.
struct GapMapWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Double) { write(value.bitPattern) }

    mutating func write(_ text: String) {
        let utf8 = Array(text.utf8)
        write(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func write<T: FixedWidthInteger>(_ values: [T]) {
        write(UInt32(values.count))
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in values { write(value) }
        #endif
    }

    mutating func write(_ values: [Double]) {
        write(UInt32(values.count))
        #if _endian(little)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in values { write(value.bitPattern) }
        #endif
    }

    mutating func write(_ values: [Bool]) { write(values.map { $0 ? UInt8(1) : 0 }) }

    mutating func write(_ values: [String]) {
        write(UInt32(values.count))
        for value in values { write(value) }
    }
}

/// Reads what `GapMapWriter` wrote, refusing (with the offset) anything truncated or out of
/// shape rather than trapping: the bytes come from a socket or a database row.
struct GapMapReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    private mutating func take(_ count: Int, _ what: String) throws(GapMapDecodingError) -> Range<Int> {
        guard count >= 0, count <= bytes.count - offset else {
            throw GapMapDecodingError(.truncated, at: offset, "\(what) needs \(count) bytes, \(bytes.count - offset) left")
        }
        defer { offset += count }
        return offset..<(offset + count)
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ what: String) throws(GapMapDecodingError) -> T {
        let range = try take(MemoryLayout<T>.size, what)
        var value = T.zero
        withUnsafeMutableBytes(of: &value) { raw in
            bytes.withUnsafeBytes { raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
        return T(littleEndian: value)
    }

    mutating func readDouble(_ what: String) throws(GapMapDecodingError) -> Double {
        Double(bitPattern: try read(UInt64.self, what))
    }

    mutating func readString(_ what: String) throws(GapMapDecodingError) -> String {
        let length = Int(try read(UInt32.self, what))
        let range = try take(length, what)
        guard let text = String(validating: bytes[range], as: UTF8.self) else {
            throw GapMapDecodingError(.malformed, at: range.lowerBound, "\(what) is not UTF-8")
        }
        return text
    }

    mutating func readArray<T: FixedWidthInteger>(_: T.Type, _ what: String) throws(GapMapDecodingError) -> [T] {
        let count = Int(try read(UInt32.self, what))
        let (size, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.size)
        guard !overflow else { throw GapMapDecodingError(.truncated, at: offset, "\(what) is too long") }
        let range = try take(size, what)
        var values = [T](repeating: 0, count: count)
        values.withUnsafeMutableBytes { raw in
            bytes.withUnsafeBytes { raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[range])) }
        }
        #if !_endian(little)
        for i in values.indices { values[i] = T(littleEndian: values[i]) }
        #endif
        return values
    }

    mutating func readDoubles(_ what: String) throws(GapMapDecodingError) -> [Double] {
        try readArray(UInt64.self, what).map { Double(bitPattern: $0) }
    }

    mutating func readBools(_ what: String) throws(GapMapDecodingError) -> [Bool] {
        let start = offset
        let raw = try readArray(UInt8.self, what)
        guard raw.allSatisfy({ $0 <= 1 }) else {
            throw GapMapDecodingError(.malformed, at: start, "\(what) holds a flag other than 0 or 1")
        }
        return raw.map { $0 == 1 }
    }

    mutating func readStrings(_ what: String) throws(GapMapDecodingError) -> [String] {
        let count = Int(try read(UInt32.self, what))
        // Each string takes at least its 4-byte length, so a count beyond that is a lie.
        guard count <= (bytes.count - offset) / 4 else {
            throw GapMapDecodingError(.truncated, at: offset, "\(what) claims \(count) entries")
        }
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readString(what)) }
        return values
    }
}

/// Why bytes could not be read back as a gap map.
public struct GapMapDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Not a gap map at all (wrong magic).
        public static let notAGapMap = Code(rawValue: "gap-map.not-a-gap-map")
        /// A gap map from a format version this build does not read.
        public static let unsupportedVersion = Code(rawValue: "gap-map.unsupported-version")
        /// The bytes end before the gap map does.
        public static let truncated = Code(rawValue: "gap-map.truncated")
        /// The sections disagree with each other, or bytes follow the end.
        public static let malformed = Code(rawValue: "gap-map.malformed")
    }

    public var code: Code
    /// Byte offset where the problem was found.
    public var offset: Int
    public var message: String

    public init(_ code: Code, at offset: Int, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    public var description: String { "[\(code)] at byte \(offset): \(message)" }
}
