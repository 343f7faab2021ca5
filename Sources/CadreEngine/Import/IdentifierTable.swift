/// A set of identifiers looked up by their UTF-8 bytes straight from an import buffer.
///
/// Evidence files repeat a few hundred skill ids and 100,000 person ids millions of times; finding
/// them by bytes, and handing back the one `String` made when the id was added, keeps a row from
/// allocating a string per field.
struct IdentifierTable: Sendable {
    private(set) var strings: [String] = []
    private var storage: [UInt8] = []
    /// `offsets[i]..<offsets[i + 1]` are the bytes of `strings[i]`.
    private var offsets: [Int] = [0]
    /// Open addressing, linear probing; `-1` is an empty slot, otherwise an index into `strings`.
    private var slots: [Int32]
    private var mask: Int

    init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    init<S: Sequence<String>>(_ identifiers: S) {
        self.init(minimumCapacity: identifiers.underestimatedCount)
        for identifier in identifiers { _ = insert(identifier) }
    }

    var count: Int { strings.count }

    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = Int(slots[slot])
                if entry < 0 { return nil }
                if matches(entry, bytes) { return entry }
                slot = (slot + 1) & mask
            }
        }
    }

    func index(of identifier: String) -> Int? {
        var identifier = identifier
        return identifier.withUTF8 { index(of: $0) }
    }

    func contains(_ identifier: String) -> Bool { index(of: identifier) != nil }

    /// Adds the identifier unless present; returns its index and whether it was new.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        if let existing = index(of: bytes) { return (existing, false) }
        return (append(bytes, string: String(decoding: bytes, as: UTF8.self)), true)
    }

    mutating func insert(_ identifier: String) -> (index: Int, inserted: Bool) {
        var utf8 = identifier
        let existing = utf8.withUTF8 { index(of: $0) }
        if let existing { return (existing, false) }
        return (utf8.withUTF8 { append($0, string: identifier) }, true)
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, string: String) -> Int {
        let entry = strings.count
        strings.append(string)
        storage.append(contentsOf: bytes)
        offsets.append(storage.count)
        if strings.count * 2 > slots.count { grow() } else { place(entry, hash: Self.hash(bytes)) }
        return entry
    }

    private mutating func place(_ entry: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for entry in strings.indices {
            let hash = storage.withUnsafeBufferPointer { buffer in
                Self.hash(UnsafeBufferPointer(rebasing: buffer[offsets[entry]..<offsets[entry + 1]]))
            }
            place(entry, hash: hash)
        }
    }

    private func matches(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[entry], end = offsets[entry + 1]
        guard end - start == bytes.count else { return false }
        return storage.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress, let other = bytes.baseAddress else { return bytes.isEmpty }
            var index = 0
            while index < bytes.count {
                if base[start + index] != other[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// FNV-1a with a final mix, so ids differing only in their last digits spread over the slots.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash ^= hash >> 29
        hash = hash &* 0xbf58_476d_1ce4_e5b9
        return hash ^ (hash >> 32)
    }
}
