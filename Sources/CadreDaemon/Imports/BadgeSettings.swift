import CadreEngine
import CadreSignatures
import Foundation
import Yams

/// `badges.yaml` beside `cadred.yaml`: which recipient identifier names a person, what
/// achievements mean, and the issuers whose badges Cadre verifies, with their public keys. Read
/// on each badge import, so a new trusted key needs no restart; every problem is reported with
/// file, line, column and field, as in `cadred.yaml` (docs/CONFIGURATION.md).
struct BadgeSettings: Sendable {
    /// `id` (credentialSubject.id), `emailAddress`, `sourcedId`…
    var identityType = "sourcedId"
    /// Identity value → person external id; for an HR id type, a value missing here is taken as
    /// the external id itself.
    var people: [String: String] = [:]
    /// Achievement id → catalogue credential id.
    var achievements: [String: String] = [:]
    /// Alignment targetUrl or targetCode → catalogue credential id.
    var alignments: [String: String] = [:]
    /// `trustedIssuers:` in the order written.
    var trustedKeys: [TrustedIssuerKey] = []

    var trustedIssuers: TrustedIssuers { TrustedIssuers(trustedKeys) }

    static let fileName = "badges.yaml"
    /// The people table may list a whole organisation's addresses, so the bound is looser than
    /// cadred.yaml's.
    static let maximumFileBytes = 64 << 20

    /// The settings in `directory`, or the defaults (nobody mapped, no issuer trusted) when the
    /// file is absent.
    static func load(directory: String) throws -> BadgeSettings {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return BadgeSettings() }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputErrors([InputError(.init("config.unreadable"), file: path, message: "\(error)")])
        }
        return try parse(text, file: path)
    }

    static func parse(_ text: String, file: String) throws -> BadgeSettings {
        let root = try ConfigurationYAML.compose(text, file: file, what: fileName, maximumBytes: maximumFileBytes)
        var settings = BadgeSettings()
        guard let root else { return settings }
        var reader = ConfigurationReader(file: file, hint: "see the badges.yaml section of docs/CONFIGURATION.md")
        guard let mapping = reader.mapping(root, "") else { throw InputErrors(reader.errors) }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "identityType": if let text = reader.text(value, key) { settings.identityType = text }
            case "people": settings.people = reader.table(value, key)
            case "achievements": settings.achievements = reader.table(value, key)
            case "alignments": settings.alignments = reader.table(value, key)
            case "trustedIssuers": settings.trustedKeys = reader.trustedKeys(value, key)
            default: reader.fail(keyNode, key, "config.unknown-key", "unknown setting")
            }
        }
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return settings
    }
}

/// Typed reads of a YAML tree that collect located errors rather than stopping at the first.
private struct ConfigurationReader {
    let file: String
    let hint: String
    var errors: [InputError] = []

    mutating func fail(_ node: Node, _ field: String, _ code: String, _ message: String) {
        errors.append(InputError(
            .init(code), file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, field: field,
            message: message, hint: hint))
    }

    mutating func mapping(_ node: Node, _ field: String) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        fail(node, field, "config.bad-type", field.isEmpty ? "the file must be a mapping of settings" : "expected a mapping")
        return nil
    }

    mutating func text(_ node: Node, _ field: String) -> String? {
        if node.scalar != nil, let text = node.string, !text.isEmpty { return text }
        fail(node, field, "config.bad-type", "expected a non-empty string")
        return nil
    }

    /// A mapping of strings to strings.
    mutating func table(_ node: Node, _ field: String) -> [String: String] {
        guard let mapping = mapping(node, field) else { return [:] }
        var table: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = text(key, field) else { continue }
            if let value = text(value, "\(field).\(name)") { table[name] = value }
        }
        return table
    }

    /// `trustedIssuers:`, a list of `{issuer, kid?, jwk | pem}`; a key that cannot be used is an
    /// error at the member at fault.
    mutating func trustedKeys(_ node: Node, _ field: String) -> [TrustedIssuerKey] {
        guard let entries = node.sequence else {
            fail(node, field, "config.bad-type", "expected a list of issuers and their keys")
            return []
        }
        var keys: [TrustedIssuerKey] = []
        for (index, entry) in entries.enumerated() {
            let path = "\(field)[\(index)]"
            guard let members = mapping(entry, path) else { continue }
            var issuer: String?, kid: String?, jwk: Node?, pem: Node?
            var seen = 0, issuerGiven = false
            for (keyNode, value) in members {
                switch keyNode.string ?? "" {
                case "issuer": issuer = text(value, "\(path).issuer"); issuerGiven = true
                case "kid": kid = text(value, "\(path).kid")
                case "jwk": jwk = value; seen += 1
                case "pem": pem = value; seen += 1
                default: fail(keyNode, "\(path).\(keyNode.string ?? "")", "config.unknown-key", "unknown key: an entry has issuer, kid, and jwk or pem")
                }
            }
            if !issuerGiven { fail(entry, "\(path).issuer", "config.missing-key", "an entry names its issuer (the badges' issuer id)") }
            if seen != 1 {
                fail(entry, path, seen == 0 ? "config.missing-key" : "config.bad-type", "an entry gives one public key: jwk or pem")
                continue
            }
            if let key = publicKey(jwk: jwk, pem: pem, kid: &kid, path: path), let issuer {
                keys.append(TrustedIssuerKey(issuer: issuer, keyID: kid, key: key))
            }
        }
        return keys
    }

    private mutating func publicKey(jwk: Node?, pem: Node?, kid: inout String?, path: String) -> IssuerPublicKey? {
        if let pem {
            guard let text = text(pem, "\(path).pem") else { return nil }
            do {
                return try IssuerPublicKey(pem: text)
            } catch {
                fail(pem, "\(path).pem", "config.bad-issuer-key", error.message)
                return nil
            }
        }
        guard let jwk, let members = mapping(jwk, "\(path).jwk") else { return nil }
        let before = errors.count
        var texts: [String: String] = [:]
        var nodes: [String: Node] = [:]
        for (keyNode, value) in members {
            guard let name = keyNode.string, IssuerPublicKey.jwkTextMembers.contains(name) else { continue }
            nodes[name] = value
            if let text = text(value, "\(path).jwk.\(name)") { texts[name] = text }
        }
        guard errors.count == before else { return nil }
        if let own = texts["kid"] {
            if let kid, kid != own {
                fail(nodes["kid"] ?? jwk, "\(path).jwk.kid", "config.bad-issuer-key", "the JWK's kid `\(own)` differs from the entry's kid `\(kid)`")
                return nil
            }
            kid = own
        }
        do {
            return try IssuerPublicKey(jwk: texts)
        } catch {
            let node = error.member.flatMap { nodes[$0] } ?? jwk
            fail(node, "\(path).jwk" + (error.member.map { ".\($0)" } ?? ""), "config.bad-issuer-key", error.message)
            return nil
        }
    }
}
