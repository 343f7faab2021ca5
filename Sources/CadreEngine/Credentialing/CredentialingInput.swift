/// Everything one credentialing run reads: the as-of day D, the pinned catalogue, every holding,
/// the people on the roster with their role levels, and what each role level recommends.
public struct CredentialingInput: Sendable {
    public static let defaultRenewalLeadDays = 90

    public let asOf: CalendarDay
    public let catalogue: CredentialCatalogue
    public let taxonomy: CompiledTaxonomy
    public let holdings: [CredentialHolding]
    public let renewalLeadDays: Int
    /// The roster's external ids; holdings of anyone else are left out (and counted).
    public let personIDs: [String]
    /// Per person: their role level, an index into `taxonomy.roleLevels`.
    public let personRoleLevel: [Int32]
    /// Per role level (index into `taxonomy.roleLevels`): the credentials it recommends.
    public let recommended: [[String]]

    /// - Throws: `InputErrors` when the arrays disagree in length, a role level index or the
    ///   lead days are out of range (`credential.malformed-input`), a role level recommends a
    ///   credential the catalogue lacks (`credential.unknown-recommendation`), or the catalogue
    ///   evidences a skill the taxonomy lacks (`credential.unknown-skill`).
    public init(
        asOf: CalendarDay, catalogue: CredentialCatalogue, taxonomy: CompiledTaxonomy, holdings: [CredentialHolding],
        personIDs: [String], personRoleLevel: [Int32], recommended: [[String]],
        renewalLeadDays: Int = defaultRenewalLeadDays
    ) throws(InputErrors) {
        var errors: [InputError] = []
        func malformed(_ field: String, _ message: String) {
            errors.append(InputError(.credentialMalformedInput, file: "<credentialing input>", field: field, message: message))
        }
        if personRoleLevel.count != personIDs.count { malformed("personRoleLevel", "\(personRoleLevel.count) role levels for \(personIDs.count) people") }
        if recommended.count != taxonomy.roleLevelCount { malformed("recommended", "\(recommended.count) entries for \(taxonomy.roleLevelCount) role levels") }
        if renewalLeadDays < 0 { malformed("renewalLeadDays", "\(renewalLeadDays) is negative") }
        if Set(personIDs).count != personIDs.count { malformed("personIDs", "a person id appears twice") }
        for (person, level) in personRoleLevel.enumerated() where level < 0 || Int(level) >= taxonomy.roleLevelCount {
            malformed("personRoleLevel[\(person)]", "role level \(level) is out of range")
        }
        for (level, ids) in recommended.enumerated() {
            for id in ids where catalogue.credential(id) == nil {
                let ref = level < taxonomy.roleLevelCount ? taxonomy.roleLevels[level].description : "#\(level)"
                errors.append(InputError(
                    .credentialUnknownRecommendation, file: "<taxonomy>", field: "\(ref).recommendedCredentials",
                    message: "\(ref) recommends `\(id)`, which the credential catalogue does not have",
                    hint: "add it to the catalogue or remove it from the rung's recommendedCredentials"))
            }
        }
        for credential in catalogue.credentials {
            for evidenced in credential.skills where taxonomy.skillIndex(evidenced.skill) == nil {
                errors.append(InputError(
                    .credentialUnknownSkill, file: "<catalogue>", field: "\(credential.id).skills",
                    message: "\(credential.id) evidences `\(evidenced.skill)`, which the taxonomy does not define",
                    hint: "reload the catalogue against the current taxonomy"))
            }
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        self.asOf = asOf
        self.catalogue = catalogue
        self.taxonomy = taxonomy
        self.holdings = holdings
        self.personIDs = personIDs
        self.personRoleLevel = personRoleLevel
        self.recommended = recommended
        self.renewalLeadDays = renewalLeadDays
    }

    /// Each role level's `recommendedCredentials`, in `taxonomy`'s role-level order.
    public static func recommendations(of taxonomy: Taxonomy, compiled: CompiledTaxonomy) -> [[String]] {
        compiled.roleLevels.map { ref in taxonomy.role(ref.role)?.level(ref.rung)?.recommendedCredentials ?? [] }
    }
}
