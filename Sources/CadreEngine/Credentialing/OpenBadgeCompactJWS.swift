/// A JWS in compact serialisation, `BASE64URL(header).BASE64URL(payload).BASE64URL(signature)`,
/// split into its parts without decoding them yet.
struct OpenBadgeCompactJWS {
    /// The three base64url texts.
    let parts: [ArraySlice<UInt8>]
    /// The first two parts and the dot between them: the bytes the signature covers.
    let signingInput: [UInt8]

    /// Nil unless `bytes` (trailing blanks allowed) is exactly three base64url parts joined by `.`,
    /// the first two non-empty.
    init?(_ bytes: [UInt8]) {
        var end = bytes.count
        while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
        let text = bytes[..<end]
        let parts = text.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
              text.allSatisfy({ $0 == 0x2E || Self.value(of: $0) != nil }) else { return nil }
        self.parts = parts
        signingInput = Array(text[text.startIndex..<parts[1].endIndex])
    }

    /// RFC 4648 §5 without padding (as JWS writes it); nil for any other character or a length
    /// that no encoding produces.
    static func base64URLDecoded(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        guard text.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0, bits = 0
        for byte in text {
            guard let value = value(of: byte) else { return nil }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        return output
    }

    private static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case 0x41...0x5A: byte - 0x41
        case 0x61...0x7A: byte - 0x61 + 26
        case 0x30...0x39: byte - 0x30 + 52
        case 0x2D: 62
        case 0x5F: 63
        default: nil
        }
    }
}
