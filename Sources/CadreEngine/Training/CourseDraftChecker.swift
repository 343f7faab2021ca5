/// The rules every catalogue file obeys, whatever its format: ids, text, kinds, amounts, levels,
/// known skills, one entry per skill in a list, and course ids unique across the whole load.
struct CourseDraftChecker {
    private let skills: [String]
    private let known: Set<String>
    private(set) var errors: [InputError] = []
    private var firstPlace: [String: TaxonomyPlace] = [:]

    /// `skills`: the taxonomy's skill ids, for "unknown skill" and its "did you mean".
    init(skills: [String]) {
        self.skills = skills
        known = Set(skills)
    }

    /// The course, or nil when the draft has errors (which are recorded).
    mutating func check(_ draft: CourseDraft) -> Course? {
        let before = errors.count
        let id = identifier(draft.id, "id", in: draft)
        let title = text(draft.title, "title", in: draft)
        let provider = text(draft.provider, "provider", in: draft)
        let kind = readKind(draft)
        let cost = readCost(draft)
        let hours = readHours(draft)
        var teaches: [SkillLevel] = []
        if let entries = draft.teaches, !entries.isEmpty {
            teaches = skillLevels(entries, "teaches")
        } else {
            report(draft.place.child("teaches", at: nil).error(
                .catalogueTeachesNothing, "course `\(draft.id?.value ?? "?")` teaches nothing",
                hint: "add `teaches:` with at least one `{skill, level}`; a course must close some gap"))
        }
        let prerequisites = skillLevels(draft.prerequisites, "prerequisites")
        if draft.prerequisites.count > CatalogueLimits.maximumListEntries || (draft.teaches?.count ?? 0) > CatalogueLimits.maximumListEntries
            || draft.tags.count > CatalogueLimits.maximumListEntries {
            report(draft.place.error(.catalogueTooLarge, "a list of this course has more than \(CatalogueLimits.maximumListEntries) entries"))
        }
        var tags: [String] = []
        for tag in draft.tags {
            if let value = checkedText(tag, "tags") { tags.append(value) }
        }
        if let id {
            if let earlier = firstPlace[id.value] {
                report(id.place.error(
                    .catalogueDuplicateID, "course `\(id.value)` is already defined",
                    hint: "first defined at \(earlier.file):\(earlier.line); rename one or remove the copy"))
            } else {
                firstPlace[id.value] = id.place
            }
        }
        guard errors.count == before, let id, let title, let provider, let kind, let cost, let hours else { return nil }
        return Course(id: id.value, title: title, provider: provider, kind: kind, cost: cost, hours: hours,
                      teaches: teaches, prerequisites: prerequisites, tags: tags)
    }

    mutating func report(_ error: InputError) { errors.append(error) }

    // MARK: - Fields

    private mutating func required(_ value: Located<String>?, _ field: String, in draft: CourseDraft) -> Located<String>? {
        guard let value, !value.value.isEmpty else {
            report(draft.place.child(field, at: nil).error(.catalogueMissingField, "`\(field)` is required"))
            return nil
        }
        return value
    }

    private mutating func identifier(_ value: Located<String>?, _ field: String, in draft: CourseDraft) -> Located<String>? {
        guard let value = required(value, field, in: draft) else { return nil }
        guard checkedText(value, field) != nil else { return nil }
        guard TaxonomyIdentifier.isValid(value.value) else {
            report(value.place.error(
                .catalogueBadID, "`\(value.value)` is not a valid course id",
                hint: "use letters, digits, `.`, `_` and `-`, starting with a letter or digit (\(TaxonomyIdentifier.pattern))"))
            return nil
        }
        return value
    }

    private mutating func text(_ value: Located<String>?, _ field: String, in draft: CourseDraft) -> String? {
        guard let value = required(value, field, in: draft) else { return nil }
        return checkedText(value, field)
    }

    /// Text without control characters (C0, DEL, C1 — NUL included) and within the length bound.
    private mutating func checkedText(_ value: Located<String>, _ field: String) -> String? {
        if value.value.unicodeScalars.contains(where: Self.isControl) {
            report(value.place.error(
                .catalogueControlCharacter, "`\(field)` holds a control character",
                hint: "remove tabs, line breaks, NUL and other control characters from the value"))
            return nil
        }
        if value.value.unicodeScalars.count > CatalogueLimits.maximumTextLength {
            report(value.place.error(.catalogueTooLarge, "`\(field)` is longer than \(CatalogueLimits.maximumTextLength) characters"))
            return nil
        }
        return value.value
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private mutating func readKind(_ draft: CourseDraft) -> CourseKind? {
        guard let value = required(draft.kind, "kind", in: draft) else { return nil }
        if let kind = CourseKind(rawValue: value.value) { return kind }
        let known = CourseKind.allCases.map(\.rawValue)
        let suggestion = TaxonomyIdentifier.suggestion(for: value.value, among: known)
        report(value.place.error(
            .catalogueBadKind, "`\(Self.shown(value.value))` is not a course kind",
            hint: (suggestion.map { "did you mean `\($0)`? " } ?? "") + "use one of \(known.joined(separator: ", "))"))
        return nil
    }

    /// A whole number of minor units.
    private mutating func readCost(_ draft: CourseDraft) -> Int64? {
        guard let value = required(draft.cost, "cost", in: draft) else { return nil }
        switch CatalogueNumber.parse(value.value, decimals: 0) {
        case .value(let minor): return minor
        case .negative:
            report(value.place.error(.catalogueNegativeAmount, "cost `\(Self.shown(value.value))` is negative",
                                     hint: "a free course costs 0"))
        case .tooPrecise, .malformed:
            report(value.place.error(.catalogueBadNumber, "cost `\(Self.shown(value.value))` is not a whole number of minor units",
                                     hint: "write the cost in minor units of the currency: 1499.00 is 149900"))
        }
        return nil
    }

    /// Hours with at most two decimals, as hundredths.
    private mutating func readHours(_ draft: CourseDraft) -> Int? {
        guard let value = required(draft.hours, "hours", in: draft) else { return nil }
        switch CatalogueNumber.parse(value.value, decimals: 2) {
        case .value(let hundredths): return Int(hundredths)
        case .negative:
            report(value.place.error(.catalogueNegativeAmount, "hours `\(Self.shown(value.value))` are negative"))
        case .tooPrecise:
            report(value.place.error(.catalogueBadNumber, "hours `\(Self.shown(value.value))` have more than two decimals",
                                     hint: "round to hundredths of an hour: 1.25, not 1.255"))
        case .malformed:
            report(value.place.error(.catalogueBadNumber, "hours `\(Self.shown(value.value))` are not a decimal number",
                                     hint: "write a plain number such as 12 or 7.5"))
        }
        return nil
    }

    private mutating func skillLevels(_ entries: [DraftSkillLevel], _ field: String) -> [SkillLevel] {
        var result: [SkillLevel] = []
        var seen: [String: Int] = [:]
        for entry in entries {
            var skill: String?
            if let written = entry.skill, !written.value.isEmpty {
                if known.contains(written.value) {
                    skill = written.value
                } else if checkedText(written, "\(field).skill") != nil {
                    let hint = TaxonomyIdentifier.suggestion(for: written.value, among: skills)
                        .map { "did you mean `\($0)`?" } ?? "skills are defined in the taxonomy"
                    report(written.place.error(.catalogueUnknownSkill, "no skill has the id `\(Self.shown(written.value))`", hint: hint))
                }
            } else {
                report(entry.place.child("skill", at: nil).error(.catalogueMissingField, "`skill` is required"))
            }
            var level: Int?
            if let written = entry.level, !written.value.isEmpty {
                if case .value(let number) = CatalogueNumber.parse(written.value, decimals: 0), (1...5).contains(number) {
                    level = Int(number)
                } else {
                    report(written.place.error(
                        .catalogueLevelOutOfRange, "level `\(Self.shown(written.value))` is not a whole level 1–5",
                        hint: "1 awareness, 2 working, 3 practitioner, 4 expert, 5 authority"))
                }
            } else {
                report(entry.place.child("level", at: nil).error(.catalogueMissingField, "`level` is required"))
            }
            guard let skill, let level else { continue }
            if let line = seen[skill] {
                report(entry.skill?.place.error(
                    .catalogueDuplicateID, "skill `\(skill)` appears twice in `\(field)`",
                    hint: "the first is at line \(line); keep one entry per skill") ?? entry.place.error(.catalogueDuplicateID, "duplicate skill"))
                continue
            }
            seen[skill] = entry.place.line
            result.append(SkillLevel(skill: skill, level: level))
        }
        return result
    }

    /// A value quoted back in a message, cut short and with control characters made visible.
    static func shown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(60) {
            out += isControl(scalar) ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }
        return text.unicodeScalars.count > 60 ? out + "…" : out
    }
}

/// Plain decimal numbers as catalogues write them: digits, optionally `.` and up to `decimals`
/// more digits, read exactly as an integer scaled by 10^decimals (no floating point).
enum CatalogueNumber {
    enum Outcome: Equatable {
        case value(Int64)
        case negative
        case tooPrecise
        case malformed
    }

    static func parse(_ text: String, decimals: Int) -> Outcome {
        var bytes = Array(text.utf8)
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes.removeFirst()
        } else if bytes.first == UInt8(ascii: "+") {
            bytes.removeFirst()
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 15, whole.allSatisfy(isDigit) else { return .malformed }
        var fraction: ArraySlice<UInt8> = []
        if parts.count == 2 {
            fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy(isDigit) else { return .malformed }
        }
        // Trailing zeros past the allowed decimals (`12.500`) do not add precision.
        while fraction.count > decimals, fraction.last == UInt8(ascii: "0") { fraction = fraction.dropLast() }
        guard fraction.count <= decimals else { return negative ? .negative : .tooPrecise }
        var value: Int64 = 0
        for digit in whole { value = value * 10 + Int64(digit - 48) }
        for index in 0..<decimals {
            let digit = index < fraction.count ? Int64(fraction[fraction.startIndex + index] - 48) : 0
            value = value * 10 + digit
        }
        if negative && value != 0 { return .negative }
        return .value(value)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
