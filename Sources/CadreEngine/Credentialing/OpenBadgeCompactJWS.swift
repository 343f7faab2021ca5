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
              text.allSatisfy({ $0 == 0x2E || Base64URL.value(of: $0) != nil }) else { return nil }
        self.parts = parts
        signingInput = Array(text[text.startIndex..<parts[1].endIndex])
    }
}
