/// Word-array bitset helpers over flat `[UInt64]` rows.
enum Bits {
    @inline(__always)
    static func test(_ words: [UInt64], _ index: Int) -> Bool { words[index >> 6] >> UInt64(index & 63) & 1 == 1 }

    @inline(__always)
    static func test(_ words: [UInt64], _ base: Int, _ index: Int) -> Bool {
        words[base + index >> 6] >> UInt64(index & 63) & 1 == 1
    }

    @inline(__always)
    static func set(_ words: inout [UInt64], _ base: Int, _ index: Int) {
        words[base + index >> 6] |= 1 << UInt64(index & 63)
    }

    @inline(__always)
    static func clear(_ words: inout [UInt64], _ base: Int, _ index: Int) {
        words[base + index >> 6] &= ~(1 << UInt64(index & 63))
    }

    /// `a[aBase ..< aBase + words] ⊆ b[bBase ..< bBase + words]`.
    @inline(__always)
    static func isSubset(_ a: [UInt64], _ aBase: Int, of b: [UInt64], _ bBase: Int, words: Int) -> Bool {
        for w in 0..<words where a[aBase + w] & ~b[bBase + w] != 0 { return false }
        return true
    }

    /// Calls `body` with the index of every set bit of `words[base ..< base + count]`, ascending.
    @inline(__always)
    static func forEach(_ words: [UInt64], _ base: Int, count: Int, _ body: (Int) -> Void) {
        for w in 0..<count {
            var word = words[base + w]
            while word != 0 {
                body(w << 6 | word.trailingZeroBitCount)
                word &= word - 1
            }
        }
    }
}
