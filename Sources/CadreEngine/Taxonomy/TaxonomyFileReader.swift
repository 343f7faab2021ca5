import Yams

/// What one file contributes before the files are merged: its skills and roles with their places,
/// and every requirement's skill reference, which can only be resolved once all files are read.
struct TaxonomyFileDraft {
    var skills: [Located<Skill>] = []
    var roles: [Located<Role>] = []
    var references: [Located<String>] = []
    /// False when the file is not YAML, so checks that need every file are not trusted.
    var isReadable = true
}

/// Reads one taxonomy file's YAML tree. Checks that need only this file happen here (types,
/// ranges, ids, duplicate rungs and duplicate skills within a level); those across files happen in
/// `TaxonomyParser`.
struct TaxonomyFileReader {
    static let topKeys = ["skills", "roles"]
    static let skillKeys = ["id", "name", "discipline", "description", "onet", "nice"]
    static let roleKeys = ["id", "name", "description", "levels"]
    static let levelKeys = ["rung", "title", "requirements", "expectedMonths", "recommendedCredentials"]
    /// Twenty years: a longer expected stay on one rung is a typo, not a ladder.
    static let expectedMonthsRange = 1...240
    static let requirementKeys = ["skill", "level", "importance"]

    private var reader: TaxonomyValueReader
    private var draft = TaxonomyFileDraft()

    private init(file: String) { reader = TaxonomyValueReader(file: file) }

    static func read(_ source: TaxonomySource) -> (draft: TaxonomyFileDraft, errors: [InputError]) {
        var fileReader = TaxonomyFileReader(file: source.name)
        fileReader.readDocument(source.contents)
        return (fileReader.draft, fileReader.reader.errors)
    }

    private mutating func readDocument(_ contents: String) {
        let file = reader.file
        // Outside input is bounded before any of it is parsed: by size, and by refusing the aliases
        // that would make a few hundred bytes expand into billions of nodes.
        let size = contents.utf8.count
        guard size <= TaxonomyLimits.maximumFileBytes else {
            reader.report(InputError(
                .taxonomyFileTooLarge, file: file,
                message: "the file is \(size) bytes; a taxonomy file may be at most \(TaxonomyLimits.maximumFileBytes)",
                hint: "split skills and roles across several files"))
            draft.isReadable = false
            return
        }
        if let reference = YAMLScreening.firstAnchorOrAlias(in: contents) {
            let (message, hint) = YAMLScreening.describe(reference)
            reader.report(InputError(.taxonomyAlias, file: file, line: reference.line, column: reference.column,
                                     message: message, hint: hint))
            draft.isReadable = false
            return
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: contents)
        } catch {
            reader.report(TaxonomySyntaxError.inputError(error, file: file))
            draft.isReadable = false
            return
        }
        // An empty file (or one holding only comments) contributes nothing.
        guard let root, !TaxonomyValueReader.isNull(root) else { return }
        let top = TaxonomyPlace(file: file, line: root.mark?.line ?? 1, column: root.mark?.column ?? 1, field: "")
        guard let fields = reader.fields(root, at: top, known: Self.topKeys, what: "a taxonomy file") else { return }
        for (index, node) in (reader.list(fields, "skills") ?? []).enumerated() {
            readSkill(node, at: fields.place(of: "skills").item(index, at: node))
        }
        for (index, node) in (reader.list(fields, "roles") ?? []).enumerated() {
            readRole(node, at: fields.place(of: "roles").item(index, at: node))
        }
    }

    private mutating func readSkill(_ node: Node, at place: TaxonomyPlace) {
        guard let fields = reader.fields(node, at: place, known: Self.skillKeys, what: "a skill") else { return }
        let id = reader.identifier(fields, "id")
        let name = reader.text(fields, "name", required: true)
        let discipline = readDiscipline(fields)
        let description = reader.text(fields, "description", required: false, multiline: true) ?? ""
        let onet = reader.textList(fields, "onet")
        let nice = reader.textList(fields, "nice")
        guard let id else { return }
        let skill = Skill(id: id.value, name: name ?? "", discipline: discipline ?? .domain,
                          description: description, onet: onet, nice: nice)
        draft.skills.append(Located(value: skill, place: id.place))
    }

    private mutating func readDiscipline(_ fields: TaxonomyFields) -> Discipline? {
        guard let text = reader.text(fields, "discipline", required: true) else { return nil }
        if let discipline = Discipline(rawValue: text) { return discipline }
        let known = Discipline.allCases.map(\.rawValue)
        let suggestion = TaxonomyIdentifier.suggestion(for: text, among: known)
        reader.report(fields.place(of: "discipline").error(
            .taxonomyUnknownDiscipline, "`\(text)` is not a discipline",
            hint: (suggestion.map { "did you mean `\($0)`? " } ?? "") + "use one of \(known.joined(separator: ", "))"))
        return nil
    }

    private mutating func readRole(_ node: Node, at place: TaxonomyPlace) {
        guard let fields = reader.fields(node, at: place, known: Self.roleKeys, what: "a role") else { return }
        let id = reader.identifier(fields, "id")
        let name = reader.text(fields, "name", required: true)
        let description = reader.text(fields, "description", required: false, multiline: true) ?? ""
        var levels: [RoleLevel] = []
        var rungs: [Int: TaxonomyPlace] = [:]
        let levelNodes = reader.list(fields, "levels")
        if levelNodes?.isEmpty ?? (fields["levels"] == nil) {
            reader.report(fields.place(of: "levels").error(
                .taxonomyEmptyRole, "role `\(id?.value ?? "?")` has no levels",
                hint: "add `levels:` with at least one rung and its requirements"))
        }
        for (index, levelNode) in (levelNodes ?? []).enumerated() {
            let levelPlace = fields.place(of: "levels").item(index, at: levelNode)
            guard let (level, rungPlace) = readLevel(levelNode, at: levelPlace) else { continue }
            if let first = rungs[level.rung] {
                reader.report(rungPlace.error(
                    .taxonomyDuplicateID, "rung \(level.rung) appears twice in role `\(id?.value ?? "?")`",
                    hint: "the first is at line \(first.line); number each rung once"))
            } else {
                rungs[level.rung] = rungPlace
            }
            levels.append(level)
        }
        guard let id else { return }
        let role = Role(id: id.value, name: name ?? "", description: description, levels: levels)
        draft.roles.append(Located(value: role, place: id.place))
    }

    /// A level and the place of its rung (for duplicate-rung errors); `nil` when it has no usable rung.
    private mutating func readLevel(_ node: Node, at place: TaxonomyPlace) -> (RoleLevel, TaxonomyPlace)? {
        guard let fields = reader.fields(node, at: place, known: Self.levelKeys, what: "a role level") else { return nil }
        let rung = reader.integer(fields, "rung")
        if let rung, rung.value < 1 {
            reader.report(rung.place.error(.taxonomyRungOutOfRange, "rung \(rung.value) is below 1",
                                           hint: "rungs count up from 1 at the entry level"))
        }
        let title = reader.text(fields, "title", required: true)
        let requirementNodes = reader.list(fields, "requirements")
        if requirementNodes?.isEmpty ?? (fields["requirements"] == nil) {
            reader.report(fields.place(of: "requirements").error(
                .taxonomyEmptyRole, "this level has no requirements",
                hint: "add `requirements:` with at least one `{skill, level, importance}`"))
        }
        var requirements: [Requirement] = []
        var skillsSeen: [String: TaxonomyPlace] = [:]
        for (index, requirementNode) in (requirementNodes ?? []).enumerated() {
            let requirementPlace = fields.place(of: "requirements").item(index, at: requirementNode)
            guard let (requirement, skillPlace) = readRequirement(requirementNode, at: requirementPlace) else { continue }
            if let first = skillsSeen[requirement.skill] {
                reader.report(skillPlace.error(
                    .taxonomyDuplicateID, "skill `\(requirement.skill)` is required twice in this level",
                    hint: "the first is at line \(first.line); keep one requirement per skill"))
            } else {
                skillsSeen[requirement.skill] = skillPlace
            }
            requirements.append(requirement)
        }
        let expectedMonths = readExpectedMonths(fields)
        let recommended = readRecommendedCredentials(fields)
        guard let rung else { return nil }
        let level = RoleLevel(rung: rung.value, title: title ?? "", requirements: requirements,
                              expectedMonths: expectedMonths, recommendedCredentials: recommended)
        return (level, rung.place)
    }

    private mutating func readExpectedMonths(_ fields: TaxonomyFields) -> Int? {
        guard let months = reader.optionalInteger(fields, "expectedMonths") else { return nil }
        guard Self.expectedMonthsRange.contains(months.value) else {
            reader.report(months.place.error(
                .taxonomyExpectedMonthsOutOfRange, "expectedMonths \(months.value) is outside 1–240",
                hint: "the months a person typically spends on this rung, e.g. 24; leave it out when unknown"))
            return nil
        }
        return months.value
    }

    /// Credential ids in file order; only their spelling is checked here, since the catalogue they
    /// name is loaded separately and may change without the taxonomy changing.
    private mutating func readRecommendedCredentials(_ fields: TaxonomyFields) -> [String] {
        var seen: [String: TaxonomyPlace] = [:]
        var ids: [String] = []
        for id in reader.identifierList(fields, "recommendedCredentials") {
            if let first = seen[id.value] {
                reader.report(id.place.error(
                    .taxonomyDuplicateID, "credential `\(id.value)` is recommended twice in this level",
                    hint: "the first is at line \(first.line); list each credential once"))
                continue
            }
            seen[id.value] = id.place
            ids.append(id.value)
        }
        return ids
    }

    private mutating func readRequirement(_ node: Node, at place: TaxonomyPlace) -> (Requirement, TaxonomyPlace)? {
        guard let fields = reader.fields(node, at: place, known: Self.requirementKeys, what: "a requirement") else { return nil }
        let skill = reader.identifier(fields, "skill")
        let level = reader.integer(fields, "level")
        let importance = reader.integer(fields, "importance")
        if let level, !(1...5).contains(level.value) {
            reader.report(level.place.error(
                .taxonomyLevelOutOfRange, "level \(level.value) is outside 1–5",
                hint: "1 awareness, 2 working, 3 practitioner, 4 expert, 5 authority"))
        }
        if let importance, !(1...5).contains(importance.value) {
            reader.report(importance.place.error(
                .taxonomyImportanceOutOfRange, "importance \(importance.value) is outside 1–5",
                hint: "1 barely matters … 5 essential, as on O*NET's importance scale"))
        }
        guard let skill else { return nil }
        draft.references.append(skill)
        let requirement = Requirement(skill: skill.value, level: level?.value ?? 0, importance: importance?.value ?? 0)
        return (requirement, skill.place)
    }
}
