import CadreEngine
import Foundation
import Testing

/// Builds a CPRT-shaped export: elements as (type, id, title, text), edges as (source, destination).
func niceExport(_ elements: [(String, String, String, String)], _ edges: [(String, String)]) -> [UInt8] {
    let object: [String: Any] = ["response": ["requestType": "export", "elements": [
        "documents": [],
        "elements": elements.map { ["element_type": $0.0, "element_identifier": $0.1, "title": $0.2, "text": $0.3,
                                    "doc_identifier": "SP_800_181_2_1_0"] },
        "relationships": edges.map { ["source_element_identifier": $0.0, "dest_element_identifier": $0.1,
                                      "relationship_identifier": "projection"] },
    ] as [String: Any]]]
    return Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
}

func niceErrors(_ bytes: [UInt8], defaultLevel: Int = 3, defaultImportance: Int = 3) -> [InputError] {
    do {
        _ = try NICEImport.taxonomy(fromJSON: bytes, file: "nice.json", defaultLevel: defaultLevel,
                                    defaultImportance: defaultImportance)
        return []
    } catch {
        return error.errors
    }
}

@Suite struct NICEImportTests {
    static let tiny = niceExport([
        ("category", "DD", "DESIGN and DEVELOPMENT", ""),
        ("work_role", "DD-WRL-003", "Secure Software Development", "Responsible for secure software."),
        ("skill", "S0172", "", "Skill in applying secure coding techniques"),
        ("knowledge", "K0018", "", "Knowledge of encryption algorithms"),
        ("knowledge", "K0678", "", "Knowledge of privacy laws and regulations"),  // linked to no role
        ("task", "T0001", "", "Write code"),
    ], [("DD", "DD-WRL-003"), ("DD-WRL-003", "T0001"), ("DD-WRL-003", "S0172"), ("DD-WRL-003", "K0018")])

    @Test func workRoleBecomesAOneRungRoleOfItsKnowledgeAndSkills() throws {
        let taxonomy = try NICEImport.taxonomy(fromJSON: Self.tiny, file: "tiny.json", defaultLevel: 2, defaultImportance: 4)
        #expect(taxonomy == Taxonomy(
            skills: [
                Skill(id: "K0018", name: "Knowledge of encryption algorithms", discipline: .mathStats,
                      description: "NICE Framework knowledge statement K0018", nice: ["K0018"]),
                Skill(id: "S0172", name: "Skill in applying secure coding techniques", discipline: .softwareEngineering,
                      description: "NICE Framework skill statement S0172", nice: ["S0172"]),
            ],
            roles: [
                Role(id: "DD-WRL-003", name: "Secure Software Development", description: "Responsible for secure software.",
                     levels: [RoleLevel(rung: 1, title: "Secure Software Development", requirements: [
                        Requirement(skill: "K0018", level: 2, importance: 4),
                        Requirement(skill: "S0172", level: 2, importance: 4),
                     ])]),
            ]))
    }

    @Test func notJSONIsASyntaxErrorAtTheOffendingCharacter() {
        let errors = niceErrors(Array("{\"a\": [1,\n 2,,3]}".utf8))
        #expect(errors.map(taxonomyErrorSummary) == ["nice.syntax nice.json:2:4 "])
    }

    @Test func missingFieldIsALayoutErrorNamingItsPath() {
        let bytes = Array(#"{"response": {"elements": {"elements": [{"element_type": "work_role"}], "relationships": []}}}"#.utf8)
        #expect(niceErrors(bytes).map(taxonomyErrorSummary) == ["nice.layout nice.json:0:0 response.elements.elements[0].element_identifier"])
    }

    @Test func edgeToAMissingElementIsReported() {
        let bytes = niceExport([("work_role", "DD-WRL-003", "SSD", "")], [("DD-WRL-003", "K9999")])
        #expect(niceErrors(bytes).map(taxonomyErrorSummary) == ["nice.unknown-element nice.json:0:0 response.elements.relationships[0].dest_element_identifier"])
    }

    @Test func controlCharactersInImportedTextAreRefused() {
        let bytes = niceExport([
            ("work_role", "DD-WRL-003", "Secure\u{1B}[2J Software", "Responsible\nfor secure software."),
            ("skill", "S0172", "", "Skill in\u{0} secure coding"),
            ("task", "T0001", "", "Ignored\u{7}: tasks are not imported"),
        ], [("DD-WRL-003", "S0172"), ("DD-WRL-003", "T0001")])
        #expect(niceErrors(bytes).map(taxonomyErrorSummary) == [
            "taxonomy.control-character nice.json:0:0 response.elements.elements[0].title",
            "taxonomy.control-character nice.json:0:0 response.elements.elements[1].text",
        ])
    }

    @Test func exportWithoutWorkRolesIsEmpty() {
        let bytes = niceExport([("knowledge", "K0018", "", "Knowledge of encryption algorithms")], [])
        #expect(niceErrors(bytes).map(taxonomyErrorSummary) == ["nice.empty nice.json:0:0 response.elements.elements"])
    }

    @Test func defaultsMustBeOnTheOneToFiveScale() {
        #expect(niceErrors(Self.tiny, defaultLevel: 0, defaultImportance: 6).map(taxonomyErrorSummary) == [
            "taxonomy.level-out-of-range nice.json:0:0 defaultLevel",
            "taxonomy.importance-out-of-range nice.json:0:0 defaultImportance",
        ])
    }

    @Test(arguments: [
        ("Knowledge of mathematics principles and practices", Discipline.mathStats),
        ("Knowledge of privacy laws and regulations", .governance),
        ("Knowledge of secure coding tools and techniques", .softwareEngineering),
        ("Knowledge of protocol analyzer tools and techniques", .domain),
        // Governance is tried first: a risk statement about algorithms is governance.
        ("Knowledge of algorithm risk", .governance),
        // A keyword matches at the start of a word only: "rapid" holds "api" but does not start with it.
        ("Knowledge of rapid prototyping", .domain),
        ("Knowledge of data sets", .mathStats),
    ])
    func disciplineRuleMatchesKeywordsAtWordStarts(statement: String, discipline: Discipline) throws {
        let bytes = niceExport([("work_role", "X-WRL-001", "X", ""), ("knowledge", "K0001", "", statement)],
                               [("X-WRL-001", "K0001")])
        let taxonomy = try NICEImport.taxonomy(fromJSON: bytes, file: "x.json")
        #expect(taxonomy.skill("K0001")?.discipline == discipline)
    }
}

/// The real NICE Framework v2.1.0 export. Expected counts were taken from the file with a
/// separate script (Python's json module): 41 work roles; 3,905 role→knowledge/skill edges
/// (2,857 knowledge, 1,048 skill) reaching 1,010 distinct statements; IO-WRL-001 "Data Analysis"
/// links 66 knowledge and 47 skill statements, 113 in all, the first being K0068.
@Suite(.enabled(if: TaxonomyTestFiles.referenceDataRequired(TaxonomyTestFiles.niceExport),
                "NICE reference data is absent; set CI to make this a failure"))
struct NICEFrameworkImportTests {
    let taxonomy: Taxonomy
    let reference: NICEReferenceElements

    init() throws {
        let bytes = Array(try TaxonomyTestFiles.read(TaxonomyTestFiles.niceExport))
        taxonomy = try NICEImport.taxonomy(fromJSON: bytes, file: "cprt_SP_800_181_2_1_0.json")
        reference = try NICEReferenceElements.load()
    }

    @Test func importsAllFortyOneWorkRolesAsOneRungEach() {
        #expect(taxonomy.roles.count == 41)
        #expect(taxonomy.roles.allSatisfy { $0.levels.count == 1 && $0.levels[0].rung == 1 })
        #expect(taxonomy.roles.first?.id == "DD-WRL-001")
        #expect(taxonomy.roles.last?.id == "PD-WRL-007")
    }

    @Test func everyRequirementIsAKnowledgeOrSkillStatementOfTheFile() {
        let requirements = taxonomy.roles.flatMap { $0.levels.flatMap(\.requirements) }
        #expect(requirements.count == 3905)
        for requirement in requirements {
            let type = reference.types[requirement.skill]
            let expectedPrefix = type == "knowledge" ? "K" : "S"
            #expect(type == "knowledge" || type == "skill", "\(requirement.skill) is \(type ?? "absent")")
            #expect(requirement.skill.hasPrefix(expectedPrefix), "\(requirement.skill)")
            #expect(taxonomy.skill(requirement.skill) != nil)
            #expect(requirement.level == 3 && requirement.importance == 3)
        }
        #expect(taxonomy.skills.count == 1010)
    }

    @Test func dataAnalysisRoleHasItsHundredAndThirteenStatements() throws {
        let role = try #require(taxonomy.role("IO-WRL-001"))
        #expect(role.name == "Data Analysis")
        let requirements = role.levels[0].requirements
        #expect(requirements.count == 113)
        #expect(requirements.filter { $0.skill.hasPrefix("K") }.count == 66)
        #expect(requirements.filter { $0.skill.hasPrefix("S") }.count == 47)
        #expect(requirements.first?.skill == "K0068")
        // The same set, read straight from the file's edges.
        let linked = Set(reference.edges.filter { $0.source == "IO-WRL-001" }.map(\.destination)
            .filter { ["knowledge", "skill"].contains(reference.types[$0]) })
        #expect(Set(requirements.map(\.skill)) == linked)
    }

    /// Counts from running the documented keyword rule over the 1,010 statements with a separate
    /// script; a change to the keyword lists shows up here.
    @Test func disciplineRuleSplitsTheStatements() {
        let counts = Dictionary(grouping: taxonomy.skills, by: \.discipline).mapValues(\.count)
        #expect(counts == [.governance: 121, .mathStats: 17, .softwareEngineering: 45, .domain: 827])
        #expect(taxonomy.skill("K0739")?.discipline == .mathStats)
        #expect(taxonomy.skill("K0678")?.discipline == .governance)
        #expect(taxonomy.skill("K0814")?.discipline == .softwareEngineering)
        #expect(taxonomy.skill("K1089")?.discipline == .domain)
    }

    @Test func importingTwiceGivesTheSameDigest() throws {
        let again = try NICEImport.taxonomy(fromJSON: Array(try TaxonomyTestFiles.read(TaxonomyTestFiles.niceExport)),
                                            file: "other-name.json")
        #expect(again.digest == taxonomy.digest)
    }
}
