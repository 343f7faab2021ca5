/// Reads one Open Badges 3.0 credential — JSON-LD, or a VC-JWT in compact form — and checks the
/// structure Cadre relies on. It does not check signatures (see `OpenBadgeProof`; CadreSignatures does) or JSON-LD
/// semantics beyond the context and types; it does report every structural problem at once,
/// each with its JSON path as the field (and, for JSON-LD files, the line and column).
public enum OpenBadgeParser {
    static let vc2Context = "https://www.w3.org/ns/credentials/v2"
    static let vc1Context = "https://www.w3.org/2018/credentials/v1"
    static let badgeTypes: Set<String> = ["OpenBadgeCredential", "AchievementCredential"]

    public static func parse(_ bytes: [UInt8], file: String) throws(InputErrors) -> OpenBadge {
        let text = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if let first = text.first, first != 0x7B, first != 0xEF, let compact = OpenBadgeCompactJWS(Array(text)) {
            return try parseJWT(compact, file: file)
        }
        let root: OpenBadgeJSON
        do {
            root = try OpenBadgeJSON.parse(bytes)
        } catch {
            throw InputErrors([InputError(
                .openBadgeSyntax, file: file, line: error.line, column: error.column, message: error.message,
                hint: "an Open Badge file holds one JSON object (JSON-LD), or a compact JWT `header.payload.signature`")])
        }
        var reader = OpenBadgeFieldReader(file: file, locates: true, prefix: "")
        guard let badge = reader.credential(root, proof: nil), reader.errors.isEmpty else { throw InputErrors(reader.errors) }
        return badge
    }

    /// A VC-JWT: the payload is the credential itself (VC 2.0 with JOSE) or carries it in a `vc`
    /// claim (VC 1.1), whose registered claims fill what the credential leaves out.
    private static func parseJWT(_ compact: OpenBadgeCompactJWS, file: String) throws(InputErrors) -> OpenBadge {
        func failure(_ field: String, _ message: String) -> InputErrors {
            InputErrors([InputError(.openBadgeBadJWT, file: file, line: 1, column: 1, field: field, message: message,
                                    hint: "a compact JWT is three base64url parts joined by `.`; the first two are JSON")])
        }
        guard let header = Base64URL.decoded(compact.parts[0]) else { throw failure("jwt.header", "the header is not base64url") }
        guard let payload = Base64URL.decoded(compact.parts[1]) else { throw failure("jwt.payload", "the payload is not base64url") }
        guard let signature = Base64URL.decoded(compact.parts[2]) else { throw failure("jwt.signature", "the signature is not base64url") }
        guard let headerJSON = try? OpenBadgeJSON.parse(header), case .object = headerJSON.value else {
            throw failure("jwt.header", "the header is not a JSON object")
        }
        guard let payloadJSON = try? OpenBadgeJSON.parse(payload), case .object = payloadJSON.value else {
            throw failure("jwt.payload", "the payload is not a JSON object")
        }
        var critical: [String] = []
        if let node = headerJSON["crit"] {
            guard case .array(let items) = node.value, !items.isEmpty, items.allSatisfy({ $0.string != nil }) else {
                throw failure("jwt.header.crit", "`crit` must be a non-empty array of header parameter names (RFC 7515 §4.1.11)")
            }
            critical = items.compactMap(\.string)
        }
        let jwt = OpenBadgeJWT(
            header: header, payload: payload, signature: signature, signingInput: compact.signingInput,
            algorithm: headerJSON["alg"]?.string, keyID: headerJSON["kid"]?.string, critical: critical)
        var reader = OpenBadgeFieldReader(file: file, locates: false, prefix: "jwt.payload.")
        var credential = payloadJSON
        if let vc = payloadJSON["vc"] {
            reader = OpenBadgeFieldReader(file: file, locates: false, prefix: "jwt.payload.vc.")
            credential = vc.filledFromClaims(of: payloadJSON)
        }
        guard let badge = reader.credential(credential, proof: .jwt(jwt)), reader.errors.isEmpty else {
            throw InputErrors(reader.errors)
        }
        // Trusted keys are looked up by the credential's issuer; a JWT whose `iss` claim names
        // someone else would be signed in one name and shown in another.
        if let iss = payloadJSON["iss"] {
            guard let claimed = iss.string else {
                throw InputErrors([InputError(.openBadgeBadType, file: file, field: "jwt.payload.iss",
                                              message: "`iss` must be a string, found \(iss.kind)")])
            }
            guard claimed == badge.issuer.id else {
                throw InputErrors([InputError(
                    .openBadgeIssuerMismatch, file: file, field: "jwt.payload.iss",
                    message: "the JWT's `iss` is `\(claimed)` but the credential's issuer is `\(badge.issuer.id)`",
                    hint: "`iss` must name the credential's issuer (VC-JWT); ask the issuer for a corrected badge")])
            }
        }
        return badge
    }
}

extension OpenBadgeJSON {
    /// A VC 1.1 `vc` claim with `iss`, `jti`, `nbf`, `exp` and `sub` copied in where it has no
    /// `issuer`, `id`, `issuanceDate`, `expirationDate` or `credentialSubject.id` (VC-JWT 1.1 §6.3.1).
    func filledFromClaims(of payload: OpenBadgeJSON) -> OpenBadgeJSON {
        guard case .object(var members) = value else { return self }
        func fill(_ key: String, _ node: OpenBadgeJSON?) {
            if let node, !members.contains(where: { $0.key == key }) { members.append((key, node)) }
        }
        func date(_ claim: String) -> OpenBadgeJSON? {
            guard let node = payload[claim], case .number(let text) = node.value, let seconds = Int64(text) else { return nil }
            return OpenBadgeJSON(value: .string(OpenBadgeTime.text(seconds)), line: node.line, column: node.column)
        }
        fill("issuer", payload["iss"])
        fill("id", payload["jti"])
        fill("issuanceDate", date("nbf"))
        fill("expirationDate", date("exp"))
        if let sub = payload["sub"], let index = members.firstIndex(where: { $0.key == "credentialSubject" }),
           case .object(var subject) = members[index].node.value, !subject.contains(where: { $0.key == "id" }) {
            subject.append(("id", sub))
            members[index].node.value = .object(subject)
        }
        var filled = self
        filled.value = .object(members)
        return filled
    }
}

/// Instants as RFC 3339 text, for the dates a JWT states in seconds.
enum OpenBadgeTime {
    static func text(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let clock = seconds - days * 86_400
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(CalendarDay(daysSinceEpoch: days))T\(two(clock / 3600)):\(two(clock / 60 % 60)):\(two(clock % 60))Z"
    }
}
