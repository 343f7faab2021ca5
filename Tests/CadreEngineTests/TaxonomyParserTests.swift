import CadreEngine
import Testing

/// Two small files in the documented format; validation tests change one line of them.
enum TaxonomyFixture {
    static let skills = """
        skills:
          - id: python
            name: Python Engineering
            discipline: software-engineering
            description: Writes maintainable Python.
            onet: [2.B.3.e]
            nice: [S0735]
          - id: stats
            name: Statistics
            discipline: math-stats
        """

    static let roles = """
        roles:
          - id: mle
            name: ML Engineer
            levels:
              - rung: 1
                title: ML Engineer I
                requirements:
                  - {skill: python, level: 3, importance: 4}
                  - skill: stats
                    level: 2
                    importance: 3
        """

    static func sources(skills: String = skills, roles: String = roles) -> [TaxonomySource] {
        [TaxonomySource(name: "skills.yaml", contents: skills), TaxonomySource(name: "roles.yaml", contents: roles)]
    }
}

@Suite struct TaxonomyParserTests {
    @Test func readsSkillsAndRolesFromSeparateFiles() throws {
        let taxonomy = try TaxonomyParser.parse(TaxonomyFixture.sources())
        let expected = Taxonomy(
            skills: [
                Skill(id: "python", name: "Python Engineering", discipline: .softwareEngineering,
                      description: "Writes maintainable Python.", onet: ["2.B.3.e"], nice: ["S0735"]),
                Skill(id: "stats", name: "Statistics", discipline: .mathStats),
            ],
            roles: [
                Role(id: "mle", name: "ML Engineer", levels: [
                    RoleLevel(rung: 1, title: "ML Engineer I", requirements: [
                        Requirement(skill: "python", level: 3, importance: 4),
                        Requirement(skill: "stats", level: 2, importance: 3),
                    ]),
                ]),
            ])
        #expect(taxonomy == expected)
    }

    @Test func keepsWrittenOrderWithFilesInTheOrderGiven() throws {
        let more = """
            skills:
              - {id: zeta, name: Zeta, discipline: governance}
              - {id: alpha, name: Alpha, discipline: domain}
            roles:
              - id: analyst
                name: Analyst
                levels:
                  - {rung: 2, title: Senior, requirements: [{skill: alpha, level: 4, importance: 5}]}
                  - {rung: 1, title: Junior, requirements: [{skill: alpha, level: 2, importance: 5}]}
            """
        let taxonomy = try TaxonomyParser.parse(
            TaxonomyFixture.sources() + [TaxonomySource(name: "more.yaml", contents: more)])
        #expect(taxonomy.skills.map(\.id) == ["python", "stats", "zeta", "alpha"])
        #expect(taxonomy.roles.map(\.id) == ["mle", "analyst"])
        #expect(taxonomy.role("analyst")?.levels.map(\.rung) == [2, 1])
        #expect(taxonomy.role("analyst")?.level(1)?.requirements == [Requirement(skill: "alpha", level: 2, importance: 5)])
    }

    @Test func blankOptionalFieldsAndEmptyFilesAreAbsent() throws {
        let skills = """
            # only comments in this one
            """
        let both = """
            skills:
              - id: sql
                name: SQL
                discipline: software-engineering
                description:
                onet: ~
            roles:
              - id: analyst
                name: Analyst
                description:
                levels:
                  - rung: 1
                    title: Analyst
                    requirements:
                      - {skill: sql, level: 1, importance: 1}
            """
        let taxonomy = try TaxonomyParser.parse([
            TaxonomySource(name: "empty.yaml", contents: skills), TaxonomySource(name: "both.yaml", contents: both),
        ])
        #expect(taxonomy.skills == [Skill(id: "sql", name: "SQL", discipline: .softwareEngineering)])
        #expect(taxonomy.roles.first?.description == "")
        #expect(taxonomy.roleLevelCount == 1)
    }

    @Test func idsMayUseDotsUnderscoresAndUpperCase() throws {
        let skills = """
            skills:
              - {id: K0018, name: Encryption algorithms, discipline: domain}
              - {id: ml.eval_2-b, name: Evaluation, discipline: math-stats}
            roles:
              - {id: OG-WRL-014, name: Systems Security Management,
                 levels: [{rung: 1, title: SSM, requirements: [{skill: K0018, level: 3, importance: 3},
                                                                {skill: ml.eval_2-b, level: 1, importance: 2}]}]}
            """
        let taxonomy = try TaxonomyParser.parse([TaxonomySource(name: "nice.yaml", contents: skills)])
        #expect(taxonomy.role("OG-WRL-014")?.level(1)?.requirements.map(\.skill) == ["K0018", "ml.eval_2-b"])
    }
}
