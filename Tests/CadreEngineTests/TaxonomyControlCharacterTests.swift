import CadreEngine
import Testing

/// Names, titles and reference ids of a taxonomy reach terminals, logs and the store: a control
/// character in one is refused where it is written; only a description keeps line breaks and tabs.
@Suite struct TaxonomyControlCharacterTests {
    let skills = TaxonomyFixture.skills
    let roles = TaxonomyFixture.roles

    @Test func controlCharactersInNamesTitlesAndReferencesAreLocated() {
        let badSkills = skills
            .replacingOccurrences(of: "name: Python Engineering", with: #"name: "Python\e[2J Engineering""#)
            .replacingOccurrences(of: "nice: [S0735]", with: #"nice: ["S07\x0035"]"#)
        let badRoles = roles.replacingOccurrences(of: "title: ML Engineer I", with: #"title: "ML\u0085Engineer I""#)
        let errors = taxonomyErrors(TaxonomyFixture.sources(skills: badSkills, roles: badRoles))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.control-character skills.yaml:3:11 skills[0].name",
            "taxonomy.control-character skills.yaml:7:12 skills[0].nice[0]",
            "taxonomy.control-character roles.yaml:6:16 roles[0].levels[0].title",
        ])
        #expect(errors.first?.message == "`name` holds the control character U+001B (ESC) at character 7")
        #expect(!errors.map(\.description).joined().contains("\u{1B}"))
    }

    @Test func aDescriptionKeepsLineBreaksAndTabsButNotEscapes() throws {
        let folded = skills.replacingOccurrences(
            of: "description: Writes maintainable Python.", with: "description: |\n      Writes\n      \tmaintainable Python.")
        let taxonomy = try TaxonomyParser.parse(TaxonomyFixture.sources(skills: folded))
        #expect(taxonomy.skills.first?.description == "Writes\n\tmaintainable Python.")

        let bell = skills.replacingOccurrences(of: "description: Writes maintainable Python.", with: #"description: "Writes\a""#)
        #expect(taxonomyErrors(TaxonomyFixture.sources(skills: bell)).map(taxonomyErrorSummary) == [
            "taxonomy.control-character skills.yaml:5:18 skills[0].description",
        ])
    }
}
