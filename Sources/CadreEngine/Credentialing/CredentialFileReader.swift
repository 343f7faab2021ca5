import Yams

/// What one catalogue file contributes before the files are merged: its credentials, and the
/// references (skills, successors) that can only be resolved against everything.
struct CredentialFileDraft {
    var currency: Located<String>?
    var credentials: [Located<Credential>] = []
    var skillReferences: [Located<String>] = []
    var successorReferences: [Located<String>] = []
    /// False when the file is not YAML, so checks that need every file are not trusted.
    var isReadable = true
}

/// Reads one catalogue file's YAML tree with the taxonomy's typed readers under the catalogue's
/// error codes. Checks that need only this file happen here.
struct CredentialFileReader {
    static let codes = YAMLFieldCodes(
        syntax: .credentialSyntax, missingField: .credentialMissingField, badType: .credentialBadType,
        unknownField: .credentialUnknownField, badID: .credentialBadID, controlCharacter: .credentialControlCharacter)
    static let topKeys = ["currency", "credentials"]
    static let credentialKeys = [
        "id", "name", "issuer", "examCode", "skills", "validityMonths", "retiredOn", "successor",
        "accredited", "cost", "preparationHours", "source",
    ]
    static let skillKeys = ["skill", "level"]

    private var reader: TaxonomyValueReader
    private var draft = CredentialFileDraft()

    private init(file: String) { reader = TaxonomyValueReader(file: file, codes: Self.codes) }

    static func read(_ source: CredentialCatalogueSource) -> (draft: CredentialFileDraft, errors: [InputError]) {
        var fileReader = CredentialFileReader(file: source.name)
        fileReader.readDocument(source.contents)
        return (fileReader.draft, fileReader.reader.errors)
    }

    private mutating func readDocument(_ contents: String) {
        let file = reader.file
        let root: Node?
        do {
            root = try Yams.compose(yaml: contents)
        } catch {
            reader.report(TaxonomySyntaxError.inputError(error, file: file, code: .credentialSyntax))
            draft.isReadable = false
            return
        }
        guard let root, !TaxonomyValueReader.isNull(root) else { return }
        let top = TaxonomyPlace(file: file, line: root.mark?.line ?? 1, column: root.mark?.column ?? 1, field: "")
        guard let fields = reader.fields(root, at: top, known: Self.topKeys, what: "a credential catalogue file") else { return }
        if let currency = checkedText(fields, "currency", required: false) {
            if CredentialRules.isCurrencyCode(currency.value) {
                draft.currency = currency
            } else {
                reader.report(currency.place.error(.credentialBadType, "`\(currency.value)` is not a currency code",
                                                   hint: "write the ISO 4217 code in capitals, e.g. USD or EUR"))
            }
        }
        for (index, node) in (reader.list(fields, "credentials") ?? []).enumerated() {
            readCredential(node, at: fields.place(of: "credentials").item(index, at: node))
        }
    }

    private mutating func readCredential(_ node: Node, at place: TaxonomyPlace) {
        guard let fields = reader.fields(node, at: place, known: Self.credentialKeys, what: "a credential") else { return }
        let id = reader.identifier(fields, "id")
        let name = checkedText(fields, "name", required: true)
        let issuer = checkedText(fields, "issuer", required: true)
        let examCode = checkedText(fields, "examCode", required: false)
        let source = checkedText(fields, "source", required: true)
        let skills = readSkills(fields)
        let validity = readValidity(fields)
        let retiredOn = readDay(fields, "retiredOn")
        let successor = readSuccessor(fields, of: id?.value)
        let accredited = readBool(fields, "accredited") ?? false
        let cost = readCost(fields)
        let hours = readHours(fields, "preparationHours")
        guard let id else { return }
        let credential = Credential(
            id: id.value, name: name?.value ?? "", issuer: issuer?.value ?? "", examCode: examCode?.value,
            skills: skills, validityMonths: validity, retiredOn: retiredOn, successor: successor,
            accredited: accredited, cost: cost ?? 0, preparationHours: hours ?? 0, source: source?.value ?? "")
        draft.credentials.append(Located(value: credential, place: id.place))
    }

    /// Text without control characters: a line break in a name or source would break every
    /// one-line report and CSV export that shows it.
    private mutating func checkedText(_ fields: TaxonomyFields, _ key: String, required: Bool) -> Located<String>? {
        guard let text = reader.text(fields, key, required: required) else { return nil }
        let place = fields.place(of: key)
        if CredentialRules.hasControlCharacter(text) {
            reader.report(place.error(.credentialControlCharacter, "`\(key)` holds a control character (a line break, tab…)",
                                      hint: "write it on one line; in YAML, `>-` folds a long value into one line"))
            return nil
        }
        if text.isEmpty { return nil }
        return Located(value: text, place: place)
    }

    private mutating func readSkills(_ fields: TaxonomyFields) -> [SkillLevel] {
        let nodes = reader.list(fields, "skills")
        if nodes?.isEmpty ?? (fields["skills"] == nil) {
            reader.report(fields.place(of: "skills").error(
                .credentialMissingField, "a credential must evidence at least one skill",
                hint: "add `skills:` with `{skill, level}` entries from the taxonomy"))
        }
        var skills: [SkillLevel] = []
        var seen: [String: TaxonomyPlace] = [:]
        for (index, node) in (nodes ?? []).enumerated() {
            let place = fields.place(of: "skills").item(index, at: node)
            guard let entry = reader.fields(node, at: place, known: Self.skillKeys, what: "an evidenced skill") else { continue }
            let skill = reader.identifier(entry, "skill")
            let level = reader.integer(entry, "level")
            if let level, !CredentialRules.levelRange.contains(level.value) {
                reader.report(level.place.error(.credentialLevelOutOfRange, "level \(level.value) is outside 1–5",
                                                hint: "1 awareness, 2 working, 3 practitioner, 4 expert, 5 authority"))
            }
            guard let skill else { continue }
            if let earlier = seen[skill.value] {
                reader.report(skill.place.error(.credentialDuplicateID, "skill `\(skill.value)` is listed twice",
                                                hint: "the first is at line \(earlier.line); keep one level per skill"))
                continue
            }
            seen[skill.value] = skill.place
            draft.skillReferences.append(skill)
            skills.append(SkillLevel(skill: skill.value, level: level?.value ?? 0))
        }
        return skills
    }

    private mutating func readValidity(_ fields: TaxonomyFields) -> Int? {
        guard let months = reader.optionalInteger(fields, "validityMonths") else { return nil }
        guard CredentialRules.validityRange.contains(months.value) else {
            reader.report(months.place.error(.credentialValidityOutOfRange, "validity \(months.value) months is outside 1–600",
                                             hint: "leave `validityMonths` out for a credential that does not expire"))
            return nil
        }
        return months.value
    }

    private mutating func readDay(_ fields: TaxonomyFields, _ key: String) -> CalendarDay? {
        guard let text = reader.text(fields, key, required: false) else { return nil }
        var bytes = text
        if let day = bytes.withUTF8({ FieldScanning.day($0) }) { return day }
        reader.report(fields.place(of: key).error(.credentialBadDate, "`\(text)` is not a date",
                                                  hint: "write YYYY-MM-DD, e.g. 2026-03-31"))
        return nil
    }

    private mutating func readSuccessor(_ fields: TaxonomyFields, of id: String?) -> String? {
        guard fields["successor"] != nil, let successor = reader.identifier(fields, "successor") else { return nil }
        if successor.value == id {
            reader.report(successor.place.error(.credentialUnknownSuccessor, "a credential cannot succeed itself",
                                                hint: "name the credential that replaces this one, or leave `successor` out"))
            return nil
        }
        draft.successorReferences.append(successor)
        return successor.value
    }

    private mutating func readBool(_ fields: TaxonomyFields, _ key: String) -> Bool? {
        guard let node = fields[key] else { return nil }
        switch node.scalar?.string {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            reader.report(fields.place(of: key).error(.credentialBadType, "`\(key)` must be true or false"))
            return nil
        }
    }

    /// A whole number of minor units (cents), so money is never a binary fraction.
    private mutating func readCost(_ fields: TaxonomyFields) -> Int64? {
        guard let text = reader.text(fields, "cost", required: true) else { return nil }
        if let cost = Int64(text), cost >= 0 { return cost }
        reader.report(fields.place(of: "cost").error(
            .credentialBadAmount, "`\(text)` is not a whole number of minor units ≥ 0",
            hint: "write the fee in cents (or the currency's minor unit): 150 USD is 15000"))
        return nil
    }

    /// Hours with at most two decimals, as hundredths: `42.5` is 4250.
    private mutating func readHours(_ fields: TaxonomyFields, _ key: String) -> Int? {
        guard let text = reader.text(fields, key, required: false) else { return nil }
        if let hundredths = Self.hundredths(text) { return hundredths }
        reader.report(fields.place(of: key).error(
            .credentialBadAmount, "`\(text)` is not a number of hours ≥ 0 with at most two decimals",
            hint: "write e.g. 40 or 12.5"))
        return nil
    }

    static func hundredths(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 7,
              whole.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let wholeValue = Int(whole) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let value = Int(digits) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        return wholeValue * 100 + fraction
    }
}
