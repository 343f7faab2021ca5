/// A catalogue's content version: runs are pinned to it, so a run says exactly which validity
/// periods, retirement dates and prices it used.
extension CredentialCatalogue {
    /// Lower-case hex SHA-256 of `canonicalEncoding`; any change to any field changes it.
    public var digest: String { SHA256.hex(canonicalEncoding) }

    /// `cadre-credentials/1`, the currency (empty when unstated), then per credential in
    /// catalogue order: id, name, issuer, exam code, skills (count, then skill and level each),
    /// validity months, retired-on day, successor, accredited (`1`/`0`), cost, preparation
    /// hundredths, source. Every value is a netstring (`<byte count>:<UTF-8 bytes>,`); an absent
    /// optional value is the empty string. docs/CREDENTIALS.md documents the layout.
    var canonicalEncoding: [UInt8] {
        var out: [UInt8] = []
        func put(_ text: String) {
            out += Array("\(text.utf8.count):".utf8)
            out += Array(text.utf8)
            out.append(UInt8(ascii: ","))
        }
        put("cadre-credentials/1")
        put(currency ?? "")
        put(String(credentials.count))
        for credential in credentials {
            put(credential.id)
            put(credential.name)
            put(credential.issuer)
            put(credential.examCode ?? "")
            put(String(credential.skills.count))
            for evidenced in credential.skills {
                put(evidenced.skill)
                put(String(evidenced.level))
            }
            put(credential.validityMonths.map(String.init) ?? "")
            put(credential.retiredOn?.description ?? "")
            put(credential.successor ?? "")
            put(credential.accredited ? "1" : "0")
            put(String(credential.cost))
            put(String(credential.preparationHours))
            put(credential.source)
        }
        return out
    }
}
