/// Reads the parts of a credential's JSON that Cadre uses, collecting every structural problem
/// with its JSON path (and position, for a JSON-LD file; a JWT's decoded payload has no lines a
/// person could open, so its errors name the path only).
struct OpenBadgeFieldReader {
    let file: String
    let locates: Bool
    /// Put before every path: `jwt.payload.` for a JWT.
    let prefix: String
    private(set) var errors: [InputError] = []

    init(file: String, locates: Bool, prefix: String) {
        self.file = file
        self.locates = locates
        self.prefix = prefix
    }

    mutating func credential(_ root: OpenBadgeJSON, proof jwtProof: OpenBadgeProof?) -> OpenBadge? {
        guard case .object = root.value else {
            report(.openBadgeBadType, root, "", "expected the credential (a JSON object), found \(root.kind)")
            return nil
        }
        let version = context(root)
        checkTypes(root)
        let id = optionalString(root, "id", path: "id")
        let issuer = profile(root)
        let fromKey = version == .v1 ? "issuanceDate" : "validFrom"
        let untilKey = version == .v1 ? "expirationDate" : "validUntil"
        let validFrom = instant(root, fromKey, required: true)
        let validUntil = instant(root, untilKey, required: false)
        if let validFrom, let validUntil, validUntil < validFrom, let node = root[untilKey] {
            report(.openBadgeBadDate, node, untilKey, "the badge expires before it becomes valid")
        }
        let (subject, achievement) = self.subject(root)
        let proof = jwtProof ?? embeddedProof(root)
        guard let issuer, let validFrom, let subject, let achievement else { return nil }
        return OpenBadge(id: id, file: file, issuer: issuer, subject: subject, achievement: achievement,
                         validFrom: validFrom, validUntil: validUntil, proof: proof)
    }

    private enum Version { case v1, v2 }

    /// VC 2.0 unless the first context is VC 1.1's; a missing or foreign first context is reported.
    private mutating func context(_ root: OpenBadgeJSON) -> Version {
        guard let node = root["@context"] else {
            report(.openBadgeMissingField, root, "@context", "`@context` is required",
                   hint: "a VC 2.0 badge starts its @context with \(OpenBadgeParser.vc2Context)")
            return .v2
        }
        let first: OpenBadgeJSON? = if case .array(let items) = node.value { items.first } else { node }
        switch first?.string {
        case OpenBadgeParser.vc2Context: return .v2
        case OpenBadgeParser.vc1Context: return .v1
        default:
            report(.openBadgeNotABadge, first ?? node, "@context[0]", "the first @context is not the W3C credentials context",
                   hint: "expected \(OpenBadgeParser.vc2Context) (VC 2.0) or \(OpenBadgeParser.vc1Context) (VC 1.1)")
            return .v2
        }
    }

    private mutating func checkTypes(_ root: OpenBadgeJSON) {
        let types = strings(root, "type", path: "type")
        guard let types else { return }
        if !types.contains("VerifiableCredential") || OpenBadgeParser.badgeTypes.isDisjoint(with: types) {
            report(.openBadgeNotABadge, root["type"] ?? root, "type",
                   "`type` must include VerifiableCredential and OpenBadgeCredential (found \(types.joined(separator: ", ")))",
                   hint: "only Open Badges 3.0 credentials can be imported")
        }
    }

    private mutating func profile(_ root: OpenBadgeJSON) -> OpenBadgeProfile? {
        guard let node = root["issuer"] else {
            report(.openBadgeMissingField, root, "issuer", "`issuer` is required")
            return nil
        }
        if let id = node.string { return OpenBadgeProfile(id: id) }
        guard case .object = node.value else {
            report(.openBadgeBadType, node, "issuer", "`issuer` must be a URI or a Profile object, found \(node.kind)")
            return nil
        }
        let id = requiredString(node, "id", path: "issuer.id")
        let name = optionalString(node, "name", path: "issuer.name")
        return id.map { OpenBadgeProfile(id: $0, name: name) }
    }

    private mutating func subject(_ root: OpenBadgeJSON) -> (OpenBadgeSubject?, OpenBadgeAchievement?) {
        guard var node = root["credentialSubject"] else {
            report(.openBadgeMissingField, root, "credentialSubject", "`credentialSubject` is required")
            return (nil, nil)
        }
        var path = "credentialSubject"
        if case .array(let items) = node.value {
            guard items.count == 1 else {
                report(.openBadgeBadType, node, path, "an Open Badge has one credentialSubject, found \(items.count)")
                return (nil, nil)
            }
            node = items[0]
            path += "[0]"
        }
        guard case .object = node.value else {
            report(.openBadgeBadType, node, path, "`credentialSubject` must be an object, found \(node.kind)")
            return (nil, nil)
        }
        let id = optionalString(node, "id", path: "\(path).id")
        var identifiers: [OpenBadgeIdentifier] = []
        for (index, item) in (array(node, "identifier", path: "\(path).identifier") ?? []).enumerated() {
            let itemPath = "\(path).identifier[\(index)]"
            guard case .object = item.value else {
                report(.openBadgeBadType, item, itemPath, "an identifier must be an IdentityObject, found \(item.kind)")
                continue
            }
            let hash = requiredString(item, "identityHash", path: "\(itemPath).identityHash")
            let type = requiredString(item, "identityType", path: "\(itemPath).identityType")
            let hashed = bool(item, "hashed", path: "\(itemPath).hashed")
            let salt = optionalString(item, "salt", path: "\(itemPath).salt")
            if let hash, let type, let hashed {
                identifiers.append(OpenBadgeIdentifier(identityType: type, identityHash: hash, hashed: hashed, salt: salt))
            }
        }
        let achievement = self.achievement(node, path: "\(path).achievement")
        return (OpenBadgeSubject(id: id, identifiers: identifiers), achievement)
    }

    private mutating func achievement(_ subject: OpenBadgeJSON, path: String) -> OpenBadgeAchievement? {
        guard let node = subject["achievement"] else {
            report(.openBadgeMissingField, subject, path, "`achievement` is required")
            return nil
        }
        guard case .object = node.value else {
            report(.openBadgeBadType, node, path, "`achievement` must be an object, found \(node.kind)")
            return nil
        }
        let id = requiredString(node, "id", path: "\(path).id")
        let name = requiredString(node, "name", path: "\(path).name")
        var alignments: [OpenBadgeAlignment] = []
        for (index, item) in (array(node, "alignment", path: "\(path).alignment") ?? []).enumerated() {
            let itemPath = "\(path).alignment[\(index)]"
            guard case .object = item.value else {
                report(.openBadgeBadType, item, itemPath, "an alignment must be an object, found \(item.kind)")
                continue
            }
            let url = requiredString(item, "targetUrl", path: "\(itemPath).targetUrl")
            let targetName = requiredString(item, "targetName", path: "\(itemPath).targetName")
            let code = optionalString(item, "targetCode", path: "\(itemPath).targetCode")
            let framework = optionalString(item, "targetFramework", path: "\(itemPath).targetFramework")
            let type = optionalString(item, "targetType", path: "\(itemPath).targetType")
            if let url, let targetName {
                alignments.append(OpenBadgeAlignment(targetURL: url, targetName: targetName, targetCode: code,
                                                     targetFramework: framework, targetType: type))
            }
        }
        guard let id, let name else { return nil }
        return OpenBadgeAchievement(id: id, name: name, alignments: alignments)
    }

    /// The first proof (an object, or the first of an array) by its `type`.
    private mutating func embeddedProof(_ root: OpenBadgeJSON) -> OpenBadgeProof {
        guard var node = root["proof"] else { return .none }
        var path = "proof"
        if case .array(let items) = node.value {
            guard let first = items.first else { return .none }
            node = first
            path += "[0]"
        }
        guard case .object = node.value else {
            report(.openBadgeBadType, node, path, "a proof must be an object, found \(node.kind)")
            return .none
        }
        guard let type = requiredString(node, "type", path: "\(path).type") else { return .none }
        switch type {
        case "DataIntegrityProof": return .dataIntegrity(cryptosuite: optionalString(node, "cryptosuite", path: "\(path).cryptosuite"))
        case "Ed25519Signature2020": return .ed25519Signature2020
        default: return .other(type: type)
        }
    }

    // MARK: typed reads

    private mutating func instant(_ object: OpenBadgeJSON, _ key: String, required: Bool) -> Int64? {
        let text = required ? requiredString(object, key, path: key) : optionalString(object, key, path: key)
        guard let text, let node = object[key] else { return nil }
        if let seconds = InstantText.parse(text) { return seconds }
        report(.openBadgeBadDate, node, key, "`\(text)` is not an RFC 3339 date-time",
               hint: "write e.g. 2025-03-31T00:00:00Z")
        return nil
    }

    /// A string, or an array of strings (JSON-LD allows a single value where a set is meant).
    private mutating func strings(_ object: OpenBadgeJSON, _ key: String, path: String) -> [String]? {
        guard let node = object[key] else {
            report(.openBadgeMissingField, object, path, "`\(key)` is required")
            return nil
        }
        if let text = node.string { return [text] }
        if case .array(let items) = node.value {
            let texts = items.compactMap(\.string)
            if texts.count == items.count { return texts }
        }
        report(.openBadgeBadType, node, path, "`\(key)` must be a string or an array of strings, found \(node.kind)")
        return nil
    }

    private mutating func requiredString(_ object: OpenBadgeJSON, _ key: String, path: String) -> String? {
        guard object[key] != nil else {
            report(.openBadgeMissingField, object, path, "`\(key)` is required")
            return nil
        }
        return optionalString(object, key, path: path)
    }

    private mutating func optionalString(_ object: OpenBadgeJSON, _ key: String, path: String) -> String? {
        guard let node = object[key] else { return nil }
        guard let text = node.string else {
            report(.openBadgeBadType, node, path, "`\(key)` must be a string, found \(node.kind)")
            return nil
        }
        return text
    }

    private mutating func bool(_ object: OpenBadgeJSON, _ key: String, path: String) -> Bool? {
        guard let node = object[key] else {
            report(.openBadgeMissingField, object, path, "`\(key)` is required")
            return nil
        }
        guard case .bool(let value) = node.value else {
            report(.openBadgeBadType, node, path, "`\(key)` must be true or false, found \(node.kind)")
            return nil
        }
        return value
    }

    private mutating func array(_ object: OpenBadgeJSON, _ key: String, path: String) -> [OpenBadgeJSON]? {
        guard let node = object[key] else { return nil }
        if case .array(let items) = node.value { return items }
        if case .object = node.value { return [node] }
        report(.openBadgeBadType, node, path, "`\(key)` must be an array, found \(node.kind)")
        return nil
    }

    private mutating func report(
        _ code: InputError.Code, _ node: OpenBadgeJSON, _ path: String, _ message: String, hint: String = ""
    ) {
        errors.append(InputError(code, file: file, line: locates ? node.line : 0, column: locates ? node.column : 0,
                                 field: path.isEmpty ? String(prefix.dropLast()) : prefix + path,
                                 message: message, hint: hint))
    }
}
