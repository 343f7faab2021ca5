import CadreEngine
import Foundation
import Testing

/// Each case breaks the fixture (TaxonomyParserTests.swift) in one known way; expected positions
/// are counted by hand from the fixture text: 1-based line and column of the offending value,
/// or of the enclosing mapping's first key when a field is missing.
@Suite struct TaxonomyValidationTests {
    let skills = TaxonomyFixture.skills
    let roles = TaxonomyFixture.roles

    @Test func yamlSyntaxErrorIsReportedAtLibyamlsPositionAndSuppressesCrossFileChecks() {
        // Line 3 indented by 3 instead of 4 spaces; roles.yaml's local error is still found, but
        // "unknown skill" is not, since the unreadable file may define it.
        let badSkills = skills.replacingOccurrences(of: "    name: Python Engineering", with: "   name: Python Engineering")
        let badRoles = roles.replacingOccurrences(of: "{skill: python, level: 3,", with: "{skill: pyhton, level: 9,")
        let errors = taxonomyErrors(TaxonomyFixture.sources(skills: badSkills, roles: badRoles))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.syntax skills.yaml:3:4 ",
            "taxonomy.level-out-of-range roles.yaml:8:36 roles[0].levels[0].requirements[0].level",
        ])
    }

    @Test func keyWrittenTwiceInOneMappingIsASyntaxError() {
        let doubled = skills.replacingOccurrences(
            of: "    name: Python Engineering\n", with: "    name: Python Engineering\n    name: Again\n")
        let errors = taxonomyErrors(TaxonomyFixture.sources(skills: doubled))
        #expect(errors.map(taxonomyErrorSummary) == ["taxonomy.syntax skills.yaml:3:5 name"])
    }

    @Test func missingFieldsPointAtTheMappingThatLacksThem() {
        let noName = skills.replacingOccurrences(of: "    name: Statistics\n", with: "")
        let noTitleNoLevel = roles
            .replacingOccurrences(of: "        title: ML Engineer I\n", with: "")
            .replacingOccurrences(of: "            level: 2\n", with: "")
        let errors = taxonomyErrors(TaxonomyFixture.sources(skills: noName, roles: noTitleNoLevel))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.missing-field skills.yaml:8:5 skills[1].name",
            "taxonomy.missing-field roles.yaml:5:9 roles[0].levels[0].title",
            "taxonomy.missing-field roles.yaml:8:13 roles[0].levels[0].requirements[1].level",
        ])
    }

    @Test func valuesOfTheWrongKindAreBadTypes() {
        let scalarList = skills.replacingOccurrences(of: "onet: [2.B.3.e]", with: "onet: 2.B.3.e")
        let badNumbers = roles
            .replacingOccurrences(of: "level: 3,", with: "level: 3.5,")
            .replacingOccurrences(of: "importance: 3", with: "importance: high")
        let errors = taxonomyErrors(TaxonomyFixture.sources(skills: scalarList, roles: badNumbers))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.bad-type skills.yaml:6:11 skills[0].onet",
            "taxonomy.bad-type roles.yaml:8:36 roles[0].levels[0].requirements[0].level",
            "taxonomy.bad-type roles.yaml:11:25 roles[0].levels[0].requirements[1].importance",
        ])
    }

    @Test func aListItemThatIsNotAMappingIsABadType() {
        let errors = taxonomyErrors(TaxonomyFixture.sources(skills: "skills:\n  - python\n  - stats\n"))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.bad-type skills.yaml:2:5 skills[0]",
            "taxonomy.bad-type skills.yaml:3:5 skills[1]",
            // Neither skill could be read, so both references are unknown.
            "taxonomy.unknown-skill roles.yaml:8:21 roles[0].levels[0].requirements[0].skill",
            "taxonomy.unknown-skill roles.yaml:9:20 roles[0].levels[0].requirements[1].skill",
            "taxonomy.empty skills.yaml, roles.yaml:0:0 skills",
        ])
    }

    @Test func unknownSkillSuggestsACloseId() {
        let misspelt = roles
            .replacingOccurrences(of: "skill: python", with: "skill: pyhton")
            .replacingOccurrences(of: "skill: stats", with: "skill: statistics")
        let errors = taxonomyErrors(TaxonomyFixture.sources(roles: misspelt))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.unknown-skill roles.yaml:8:21 roles[0].levels[0].requirements[0].skill",
            "taxonomy.unknown-skill roles.yaml:9:20 roles[0].levels[0].requirements[1].skill",
        ])
        #expect(errors.first?.hint == "did you mean `python`?")
        #expect(errors.last?.hint == "define it under `skills:` in one of the taxonomy files")
    }

    @Test func levelAndImportanceMustBeOneToFive() {
        let outOfRange = roles
            .replacingOccurrences(of: "level: 3, importance: 4", with: "level: 0, importance: 6")
            .replacingOccurrences(of: "level: 2", with: "level: 5")  // 5 is allowed
            .replacingOccurrences(of: "importance: 3", with: "importance: -1")
        let errors = taxonomyErrors(TaxonomyFixture.sources(roles: outOfRange))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.level-out-of-range roles.yaml:8:36 roles[0].levels[0].requirements[0].level",
            "taxonomy.importance-out-of-range roles.yaml:8:51 roles[0].levels[0].requirements[0].importance",
            "taxonomy.importance-out-of-range roles.yaml:11:25 roles[0].levels[0].requirements[1].importance",
        ])
    }

    @Test func rungBelowOneIsOutOfRange() {
        let errors = taxonomyErrors(TaxonomyFixture.sources(roles: roles.replacingOccurrences(of: "rung: 1", with: "rung: 0")))
        #expect(errors.map(taxonomyErrorSummary) == ["taxonomy.rung-out-of-range roles.yaml:5:15 roles[0].levels[0].rung"])
    }

    @Test func duplicateIdsAcrossFilesRungsAndRequirements() {
        let more = """
            skills:
              - {id: stats, name: Stats again, discipline: math-stats}
            roles:
              - id: mle
                name: ML Engineer again
                levels:
                  - {rung: 1, title: One, requirements: [{skill: stats, level: 1, importance: 1}]}
                  - {rung: 1, title: Two, requirements: [{skill: stats, level: 2, importance: 1}]}
            """
        let twice = roles.replacingOccurrences(of: "skill: stats", with: "skill: python")
        let errors = taxonomyErrors(
            TaxonomyFixture.sources(roles: twice) + [TaxonomySource(name: "more.yaml", contents: more)])
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.duplicate-id roles.yaml:9:20 roles[0].levels[0].requirements[1].skill",
            "taxonomy.duplicate-id more.yaml:2:10 skills[0].id",
            "taxonomy.duplicate-id more.yaml:4:9 roles[0].id",
            "taxonomy.duplicate-id more.yaml:8:16 roles[0].levels[1].rung",
        ])
        #expect(errors[1].hint == "first defined at skills.yaml:8; rename one or remove the copy")
    }

    @Test func rolesWithoutLevelsAndLevelsWithoutRequirementsAreEmpty() {
        let empty = """
            roles:
              - id: mle
                name: ML Engineer
              - id: lead
                name: Lead
                levels:
                  - rung: 1
                    title: Lead I
                    requirements: []
            """
        let errors = taxonomyErrors(TaxonomyFixture.sources(roles: empty))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.empty-role roles.yaml:2:5 roles[0].levels",
            "taxonomy.empty-role roles.yaml:9:23 roles[1].levels[0].requirements",
        ])
    }

    @Test func disciplineMustBeOneOfTheFour() {
        let wrong = skills
            .replacingOccurrences(of: "discipline: software-engineering", with: "discipline: governence")
            .replacingOccurrences(of: "discipline: math-stats", with: "discipline: maths")
        let errors = taxonomyErrors(TaxonomyFixture.sources(skills: wrong))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.unknown-discipline skills.yaml:4:17 skills[0].discipline",
            "taxonomy.unknown-discipline skills.yaml:10:17 skills[1].discipline",
        ])
        #expect(errors.first?.hint.hasPrefix("did you mean `governance`? ") == true)
    }

    @Test func idsMustStartWithALetterOrDigitAndAvoidSpaces() {
        let spaced = skills.replacingOccurrences(of: "- id: python", with: "- id: python engineering")
        let underscored = roles.replacingOccurrences(of: "- id: mle", with: "- id: _mle")
        let errors = taxonomyErrors(TaxonomyFixture.sources(skills: spaced, roles: underscored))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.bad-id skills.yaml:2:9 skills[0].id",
            "taxonomy.bad-id roles.yaml:2:9 roles[0].id",
            // The bad id still counts as defined, so `python` is what is unknown.
            "taxonomy.unknown-skill roles.yaml:8:21 roles[0].levels[0].requirements[0].skill",
        ])
    }

    @Test func misspeltKeyIsAnUnknownFieldWithASuggestion() {
        let misspelt = roles.replacingOccurrences(of: "importance: 3", with: "importnace: 3")
        let errors = taxonomyErrors(TaxonomyFixture.sources(roles: misspelt))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.missing-field roles.yaml:9:13 roles[0].levels[0].requirements[1].importance",
            "taxonomy.unknown-field roles.yaml:11:13 roles[0].levels[0].requirements[1].importnace",
        ])
        #expect(errors.last?.hint == "did you mean `importance`?")
    }

    @Test func noRolesOrNoSkillsAnywhereIsEmpty() {
        let onlySkills = taxonomyErrors([TaxonomySource(name: "skills.yaml", contents: skills)])
        #expect(onlySkills.map(taxonomyErrorSummary) == ["taxonomy.empty skills.yaml:0:0 roles"])

        let nothing = taxonomyErrors([
            TaxonomySource(name: "a.yaml", contents: ""), TaxonomySource(name: "b.yaml", contents: "skills: []\n"),
        ])
        #expect(nothing.map(taxonomyErrorSummary) == ["taxonomy.empty a.yaml, b.yaml:0:0 skills", "taxonomy.empty a.yaml, b.yaml:0:0 roles"])
    }

    @Test func fieldPathsCountFromZeroAtEveryDepth() {
        let two = """
            roles:
              - id: a
                name: A
                levels:
                  - {rung: 1, title: A1, requirements: [{skill: python, level: 1, importance: 1}]}
              - id: b
                name: B
                levels:
                  - {rung: 1, title: B1, requirements: [{skill: python, level: 1, importance: 1}]}
                  - rung: 2
                    title: B2
                    requirements:
                      - {skill: stats, level: 2, importance: 1}
                      - {skill: python, level: 2, importance: 1}
                      - {skill: python, level: 7, importance: 1}
            """
        let errors = taxonomyErrors(TaxonomyFixture.sources(roles: two))
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.duplicate-id roles.yaml:15:21 roles[1].levels[1].requirements[2].skill",
            "taxonomy.level-out-of-range roles.yaml:15:36 roles[1].levels[1].requirements[2].level",
        ])
    }

    @Test func errorsAreSortedByFileInTheOrderGivenThenLine() {
        let badSkills = skills.replacingOccurrences(of: "discipline: math-stats", with: "discipline: maths")
        let badRoles = roles.replacingOccurrences(of: "level: 2", with: "level: 9")
        let errors = taxonomyErrors([
            TaxonomySource(name: "roles.yaml", contents: badRoles), TaxonomySource(name: "skills.yaml", contents: badSkills),
        ])
        #expect(errors.map(taxonomyErrorSummary) == [
            "taxonomy.level-out-of-range roles.yaml:10:20 roles[0].levels[0].requirements[1].level",
            "taxonomy.unknown-discipline skills.yaml:10:17 skills[1].discipline",
        ])
        #expect(errors.first?.description
            == "roles.yaml:10:20: [taxonomy.level-out-of-range] roles[0].levels[0].requirements[1].level: level 9 is outside 1–5 (1 awareness, 2 working, 3 practitioner, 4 expert, 5 authority)")
    }
}
