import Testing
@testable import CadreEngine

@Suite struct TrainingCatalogueTests {
    static let skills = ["deep-learning", "linear-algebra", "python"]

    static let yaml = """
        courses:
          - id: dl-201
            title: Deep Learning in Practice
            provider: Northwind
            kind: vendor
            cost: 149900
            hours: 24.5
            teaches: [{skill: deep-learning, level: 3}]
            prerequisites: [{skill: linear-algebra, level: 2}]
            tags: [core]
          - id: la-101
            title: Linear Algebra
            provider: Academy
            kind: internal
            cost: 0
            hours: 8
            teaches:
              - {skill: linear-algebra, level: 2}
        """

    static func parse(_ sources: [CatalogueSource]) throws(InputErrors) -> CourseCatalogue {
        try CatalogueParser.parse(sources, skills: skills)
    }

    static func errors(_ sources: [CatalogueSource]) -> [InputError] {
        do {
            _ = try parse(sources)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func yamlCoursesAreReadSortedByID() throws {
        let catalogue = try Self.parse([CatalogueSource(name: "c.yaml", contents: Self.yaml)])
        #expect(catalogue.ids == ["dl-201", "la-101"])
        let dl = try #require(catalogue.course("dl-201"))
        #expect(dl.cost == 149_900)
        #expect(dl.hours == 2450)
        #expect(dl.kind == .vendor)
        #expect(dl.teaches == [SkillLevel(skill: "deep-learning", level: 3)])
        #expect(dl.prerequisites == [SkillLevel(skill: "linear-algebra", level: 2)])
        #expect(dl.tags == ["core"])
    }

    @Test func csvAndJSONGiveTheSameCatalogueAndDigest() throws {
        let csv = """
            id,title,provider,kind,cost,hours,teaches,prerequisites,tags
            la-101,Linear Algebra,Academy,internal,0,8,linear-algebra:2,,
            dl-201,Deep Learning in Practice,Northwind,vendor,149900,24.50,deep-learning:3,linear-algebra:2,core
            """
        let json = """
            {"courses": [
              {"id": "dl-201", "title": "Deep Learning in Practice", "provider": "Northwind", "kind": "vendor",
               "cost": 149900, "hours": 24.5, "teaches": [{"skill": "deep-learning", "level": 3}],
               "prerequisites": [{"skill": "linear-algebra", "level": 2}], "tags": ["core"]},
              {"id": "la-101", "title": "Linear Algebra", "provider": "Academy", "kind": "internal",
               "cost": 0, "hours": 8, "teaches": [{"skill": "linear-algebra", "level": 2}]}
            ]}
            """
        let fromYAML = try Self.parse([CatalogueSource(name: "c.yaml", contents: Self.yaml)])
        let fromCSV = try Self.parse([CatalogueSource(name: "c.csv", contents: csv)])
        let fromJSON = try Self.parse([CatalogueSource(name: "c.json", contents: json)])
        #expect(fromCSV == fromYAML)
        #expect(fromJSON == fromYAML)
        #expect(fromCSV.digest == fromYAML.digest)
        #expect(fromYAML.digest.count == 64)
        var changed = fromYAML.courses
        changed[0].cost += 1
        #expect(CourseCatalogue(validated: changed).digest != fromYAML.digest)
    }

    @Test func everyRuleHasItsLocatedCode() {
        let bad = """
            courses:
              - id: a
                title: A
                provider: P
                kind: online
                cost: -5
                hours: 1.255
                teaches: [{skill: deep-learnin, level: 6}]
                prerequisites: [{skill: nowhere, level: 2}]
              - id: b
                title: B
                provider: P
                kind: vendor
                cost: 1
                hours: -2
                teaches: []
              - id: a
                title: "C\\u0000"
                provider: P
                kind: vendor
                cost: 1
                hours: 1
                teaches: [{skill: python, level: 1}]
            """
        let errors = Self.errors([CatalogueSource(name: "bad.yaml", contents: bad)])
        let codes = errors.map(\.code)
        #expect(codes.contains(.catalogueBadKind))
        #expect(codes.contains(.catalogueNegativeAmount))
        #expect(codes.contains(.catalogueBadNumber))
        #expect(codes.contains(.catalogueUnknownSkill))
        #expect(codes.contains(.catalogueLevelOutOfRange))
        #expect(codes.contains(.catalogueTeachesNothing))
        #expect(codes.contains(.catalogueDuplicateID))
        #expect(codes.contains(.catalogueControlCharacter))
        let kind = errors.first { $0.code == .catalogueBadKind }
        #expect(kind?.file == "bad.yaml")
        #expect(kind?.line == 5)
        #expect(kind?.field == "courses[0].kind")
        let unknown = errors.first { $0.code == .catalogueUnknownSkill }
        #expect(unknown?.line == 8)
        #expect(unknown?.hint.contains("deep-learning") == true)
        #expect(errors.filter { $0.code == .catalogueUnknownSkill }.count == 2) // teaches and prerequisites
    }

    @Test func duplicateIDsAcrossFilesAndFormatsAreRefused() {
        let csv = "id,title,provider,kind,cost,hours,teaches\nla-101,Again,X,vendor,1,1,python:1\n"
        let errors = Self.errors([
            CatalogueSource(name: "a.yaml", contents: Self.yaml), CatalogueSource(name: "b.csv", contents: csv),
        ])
        #expect(errors.count == 1)
        #expect(errors.first?.code == .catalogueDuplicateID)
        #expect(errors.first?.file == "b.csv")
        #expect(errors.first?.line == 2)
        #expect(errors.first?.column == 1)
    }

    @Test func csvErrorsNameLineAndColumn() {
        let csv = """
            id,title,provider,kind,cost,hours,teaches,colour
            x,T,P,vendor,12.5,3,python:9;python:2,red
            """
        let errors = Self.errors([CatalogueSource(name: "c.csv", contents: csv)])
        #expect(errors.contains { $0.code == .catalogueUnknownField && $0.line == 1 && $0.column == 8 })
        #expect(errors.contains { $0.code == .catalogueBadNumber && $0.line == 2 && $0.column == 5 && $0.field == "cost" })
        #expect(errors.contains { $0.code == .catalogueLevelOutOfRange && $0.line == 2 && $0.column == 7 })
    }

    @Test func aliasesAndDeepNestingAreRefusedBeforeAnyWork() {
        let alias = """
            courses:
              - &one
                id: a
                title: A
                provider: P
                kind: vendor
                cost: 1
                hours: 1
                teaches: [{skill: python, level: 1}]
              - *one
            """
        let aliasErrors = Self.errors([CatalogueSource(name: "alias.yaml", contents: alias)])
        #expect(aliasErrors.map(\.code) == [.catalogueAlias])
        #expect(aliasErrors.first?.line == 2)
        let deep = "courses: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(Self.errors([CatalogueSource(name: "deep.yaml", contents: deep)]).map(\.code) == [.catalogueTooLarge])
    }

    @Test func hoursAndCostAreReadExactly() {
        #expect(CatalogueNumber.parse("24.5", decimals: 2) == .value(2450))
        #expect(CatalogueNumber.parse("0.01", decimals: 2) == .value(1))
        #expect(CatalogueNumber.parse("3.100", decimals: 2) == .value(310))
        #expect(CatalogueNumber.parse("3.105", decimals: 2) == .tooPrecise)
        #expect(CatalogueNumber.parse("-1", decimals: 0) == .negative)
        #expect(CatalogueNumber.parse("1e3", decimals: 0) == .malformed)
        #expect(CatalogueNumber.parse("10.", decimals: 2) == .malformed)
    }

    @Test func emptyLoadIsRefused() {
        #expect(Self.errors([CatalogueSource(name: "e.yaml", contents: "# nothing yet\n")]).map(\.code) == [.catalogueEmpty])
    }

    @Test func coursesBuiltInCodeAreCheckedTheSameWay() {
        #expect(throws: InputErrors.self) {
            try CourseCatalogue(courses: [course("x", cost: -1, teaches: [("python", 1)])], skills: Self.skills)
        }
    }
}
