/// Builds a taxonomy from the NICE Workforce Framework for Cybersecurity, so an organisation that
/// already speaks NICE can assess and plan against it directly or next to its ML roles.
///
/// Each work role becomes a role with one level (rung 1, titled as the role): NICE has no career
/// ladder. Its requirements are the knowledge and skill statements the role points at, all at
/// `defaultLevel` and `defaultImportance`, because NICE does not grade them. Those statements
/// become skills (id = NICE identifier, name = the statement, discipline by `NICEDiscipline`);
/// statements no work role points at, tasks, competency areas and categories are not imported.
/// Roles, skills and each role's requirements are ordered by NICE identifier.
public enum NICEImport {
    public static func taxonomy(
        fromJSON bytes: [UInt8], file: String, defaultLevel: Int = 3, defaultImportance: Int = 3
    ) throws(InputErrors) -> Taxonomy {
        var errors: [InputError] = []
        if !(1...5).contains(defaultLevel) {
            errors.append(InputError(.taxonomyLevelOutOfRange, file: file, field: "defaultLevel",
                                     message: "default level \(defaultLevel) is outside 1–5"))
        }
        if !(1...5).contains(defaultImportance) {
            errors.append(InputError(.taxonomyImportanceOutOfRange, file: file, field: "defaultImportance",
                                     message: "default importance \(defaultImportance) is outside 1–5"))
        }
        if !errors.isEmpty { throw InputErrors(errors) }

        let contents = try NICEExport.decode(bytes, file: file).response.elements
        var elements: [String: NICEExport.Element] = [:]
        for (index, element) in contents.elements.enumerated() {
            if elements[element.identifier] != nil {
                errors.append(InputError(.niceDuplicateID, file: file,
                                         field: "response.elements.elements[\(index)].element_identifier",
                                         message: "element `\(ControlCharacters.escaped(element.identifier))` appears more than once"))
            }
            elements[element.identifier] = element
            errors += controlCharacters(in: element, at: "response.elements.elements[\(index)]", file: file)
        }

        var needs: [String: Set<String>] = [:]
        for (index, edge) in contents.relationships.enumerated() {
            let field = "response.elements.relationships[\(index)]"
            guard let source = elements[edge.source] else {
                errors.append(unknown(edge.source, field: "\(field).source_element_identifier", file: file))
                continue
            }
            guard let destination = elements[edge.destination] else {
                errors.append(unknown(edge.destination, field: "\(field).dest_element_identifier", file: file))
                continue
            }
            if source.type == "work_role", ["knowledge", "skill"].contains(destination.type) {
                needs[source.identifier, default: []].insert(destination.identifier)
            }
        }

        let workRoles = elements.values.filter { $0.type == "work_role" }.sorted { $0.identifier < $1.identifier }
        if workRoles.isEmpty {
            errors.append(InputError(.niceEmpty, file: file, field: "response.elements.elements",
                                     message: "the export has no work_role elements",
                                     hint: "import the full NICE Framework export, not a single component"))
        }
        for role in workRoles where !TaxonomyIdentifier.isValid(role.identifier) {
            errors.append(InputError(.taxonomyBadID, file: file, field: "response.elements.elements",
                                     message: "work role id `\(ControlCharacters.escaped(role.identifier))` is not a valid Cadre id"))
        }
        if !errors.isEmpty { throw InputErrors(errors) }

        let roles = workRoles.map { role in
            let requirements = (needs[role.identifier] ?? []).sorted().map {
                Requirement(skill: $0, level: defaultLevel, importance: defaultImportance)
            }
            let title = role.title ?? role.identifier
            return Role(id: role.identifier, name: title, description: role.text ?? "",
                        levels: [RoleLevel(rung: 1, title: title, requirements: requirements)])
        }
        let skills = Set(needs.values.joined()).sorted().compactMap { id -> Skill? in
            guard let statement = elements[id] else { return nil }
            let text = statement.text ?? id
            return Skill(id: id, name: text, discipline: NICEDiscipline.discipline(of: text),
                         description: "NICE Framework \(statement.type) statement \(id)", nice: [id])
        }
        return Taxonomy(skills: skills, roles: roles)
    }

    /// The texts that become ids, names, titles and descriptions, held to the rule of Cadre's own
    /// taxonomy files: no control characters, except line breaks and tabs in a work role's
    /// description. Elements Cadre does not import are not its concern.
    private static func controlCharacters(in element: NICEExport.Element, at path: String, file: String) -> [InputError] {
        guard ["work_role", "knowledge", "skill"].contains(element.type) else { return [] }
        let texts: [(String, String?, Set<Unicode.Scalar>)] = [
            ("element_identifier", element.identifier, []), ("title", element.title, []),
            ("text", element.text, element.type == "work_role" ? ["\n", "\t"] : []),
        ]
        return texts.compactMap { key, text, allowed in
            guard let text, let (scalar, position) = ControlCharacters.first(in: text, allowed: allowed) else { return nil }
            return InputError(
                .taxonomyControlCharacter, file: file, field: "\(path).\(key)",
                message: "`\(key)` holds the control character \(ControlCharacters.name(of: scalar)) at character \(position)",
                hint: "the export looks edited; download it again")
        }
    }

    private static func unknown(_ id: String, field: String, file: String) -> InputError {
        InputError(.niceUnknownElement, file: file, field: field,
                   message: "relationship names `\(ControlCharacters.escaped(id))`, which is not an element of the file",
                   hint: "the export looks truncated or edited; download it again")
    }
}
