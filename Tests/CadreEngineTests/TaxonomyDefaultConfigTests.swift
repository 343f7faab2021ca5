import CadreEngine
import Foundation
import Testing

/// The default ML taxonomy shipped in Config/taxonomy must parse and read like a real ladder.
@Suite struct TaxonomyDefaultConfigTests {
    let taxonomy: Taxonomy

    init() throws {
        taxonomy = try TaxonomyParser.parse(TaxonomyTestFiles.defaultTaxonomySources())
    }

    @Test func hasTheAgreedRolesAndEnoughSkillsInEveryDiscipline() {
        #expect(taxonomy.roles.map(\.id) == [
            "ml-engineer", "data-analyst", "data-scientist", "mlops-engineer", "ai-product-manager",
            "ml-research-scientist", "ai-governance-lead",
        ])
        #expect(taxonomy.skills.count == 55)
        let perDiscipline = Dictionary(grouping: taxonomy.skills, by: \.discipline).mapValues(\.count)
        #expect(perDiscipline == [.mathStats: 12, .softwareEngineering: 17, .domain: 15, .governance: 11])
    }

    /// The ML roles have three rungs or more; the BI / data analyst ladder, a source of
    /// transfers rather than an ML career, has two.
    @Test func everyLadderHasItsRungsNumberedFromOne() {
        for role in taxonomy.roles {
            #expect(role.levels.count >= (role.id == "data-analyst" ? 2 : 3), "\(role.id)")
            #expect(role.levels.map(\.rung) == Array(1...role.levels.count), "\(role.id)")
        }
    }

    /// A higher rung keeps every requirement of the one below at the same or a higher level, and
    /// asks for more in total — what makes it a ladder rather than a list of job ads.
    @Test func eachRungAsksAtLeastAsMuchAsTheOneBelow() {
        for role in taxonomy.roles {
            for (lower, higher) in zip(role.levels, role.levels.dropFirst()) {
                let above = Dictionary(uniqueKeysWithValues: higher.requirements.map { ($0.skill, $0.level) })
                for requirement in lower.requirements {
                    #expect((above[requirement.skill] ?? 0) >= requirement.level,
                            "\(role.id)@\(higher.rung) drops or lowers \(requirement.skill)")
                }
                #expect(higher.requirements.map(\.level).reduce(0, +) > lower.requirements.map(\.level).reduce(0, +),
                        "\(role.id)@\(higher.rung)")
            }
        }
    }

    @Test func governanceLeadCarriesOversightAtTheTopOfItsLadder() throws {
        let top = try #require(taxonomy.role("ai-governance-lead")?.levels.last)
        #expect(top.requirements.first { $0.skill == "ai-oversight" } == Requirement(skill: "ai-oversight", level: 4, importance: 5))
        #expect(taxonomy.skill("ai-security")?.nice.contains("NF-COM-002") == true)
    }

    @Test(.enabled(if: TaxonomyTestFiles.referenceDataRequired(TaxonomyTestFiles.onetContentModel),
                   "O*NET reference data is absent; set CI to make this a failure"))
    func everyONETReferenceIsARealContentModelElement() throws {
        let text = String(decoding: try TaxonomyTestFiles.read(TaxonomyTestFiles.onetContentModel), as: UTF8.self)
        let elements = Set(text.split(whereSeparator: \.isNewline).dropFirst().compactMap { $0.split(separator: "\t").first.map(String.init) })
        #expect(elements.contains("2.B.3.e"))
        for skill in taxonomy.skills {
            for id in skill.onet { #expect(elements.contains(id), "\(skill.id) cites O*NET \(id)") }
        }
    }

    @Test(.enabled(if: TaxonomyTestFiles.referenceDataRequired(TaxonomyTestFiles.niceExport),
                   "NICE reference data is absent; set CI to make this a failure"))
    func everyNICEReferenceIsARealElement() throws {
        let known = try NICEReferenceElements.load().identifiers
        for skill in taxonomy.skills {
            for id in skill.nice { #expect(known.contains(id), "\(skill.id) cites NICE \(id)") }
        }
    }
}
