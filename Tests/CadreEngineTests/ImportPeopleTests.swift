import Testing
@testable import CadreEngine

/// Imports `text` in chunks of `chunkSize` bytes; returns the people, or the errors.
func importPeople(
    _ text: String, chunkSize: Int = 4096, existing: [String] = [], options: ImportOptions = ImportOptions()
) -> Result<[ImportedPerson], InputErrors> {
    let context = PeopleImportContext(rungs: ["ml-engineer": [1, 2, 3], "data-scientist": [1, 2]], existingPeople: existing)
    var people = PeopleImport(file: "people.csv", context: context, options: options)
    var records: [ImportedPerson] = []
    let bytes = Array(text.utf8)
    do throws(InputErrors) {
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunkSize)
            try people.feed(bytes[offset..<end]) { records.append($0) }
            offset = end
        }
        try people.finish { records.append($0) }
        return .success(records)
    } catch {
        return .failure(error)
    }
}

/// (code, line, column, field) of each error, the parts a test can state exactly.
func places(_ result: Result<some Any, InputErrors>) -> [String] {
    guard case .failure(let errors) = result else { return ["accepted"] }
    return errors.errors.map { "\($0.code) \($0.line):\($0.column) \($0.field)" }
}

@Suite struct ImportPeopleTests {
    static let valid = """
        External_ID, Name ,TEAM,Manager,Role,Level,Hire_Date,Location\r
        E2,"Okafor, Ada",Ranking,E1,ml-engineer,2,2021-03-15,Lagos\r
        E1,Lin Wei,Ranking,,data-scientist,1,2019-11-01,\r

        """

    @Test func validFileWithForwardManagerReference() throws {
        let people = try importPeople(Self.valid).get()
        #expect(people == [
            ImportedPerson(externalID: "E2", name: "Okafor, Ada", team: "Ranking", manager: "E1", role: "ml-engineer",
                           rung: 2, hireDate: CalendarDay(year: 2021, month: 3, day: 15)!, location: "Lagos"),
            ImportedPerson(externalID: "E1", name: "Lin Wei", team: "Ranking", manager: nil, role: "data-scientist",
                           rung: 1, hireDate: CalendarDay(year: 2019, month: 11, day: 1)!, location: nil),
        ])
        #expect(people[0].hireDate.daysSinceEpoch == 18701)
    }

    @Test(arguments: [1, 7, 4096])
    func chunkSizeDoesNotMatter(size: Int) throws {
        #expect(try importPeople(Self.valid, chunkSize: size).get() == importPeople(Self.valid).get())
    }

    @Test func columnsInAnyOrderWithoutTheOptionalOne() throws {
        let text = "role,level,hire_date,manager,team,name,external_id\nml-engineer,3,2020-01-31,,Search,Ana,A1\n"
        let people = try importPeople(text).get()
        #expect(people.map(\.externalID) == ["A1"])
        #expect(people.first?.rung == 3)
        #expect(people.first?.location == nil)
    }

    @Test func everyRowErrorIsReportedInLineOrder() {
        let text = """
            external_id,name,team,manager,role,level,hire_date
            E1,A,T,,ml-engineer,3,2019-11-01
            E1,B,T,E1,ml-engineer,2,2020-02-30
            E3,C,T,E9,ml-enginer,2,2020-01-01
            E4,D,T,E1,ml-engineer,7,2020-01-01
            E5,,T,E1,ml-engineer,two,2020-01-01

            """
        let result = importPeople(text)
        #expect(places(result) == [
            "import.duplicate-id 3:1 external_id",
            "import.bad-date 3:7 hire_date",
            "import.unknown-person 4:4 manager",
            "import.unknown-role 4:5 role",
            "import.unknown-role 5:6 level",
            "import.missing-field 6:2 name",
            "import.bad-number 6:6 level",
        ])
        guard case .failure(let errors) = result else { return }
        #expect(errors.errors[0].hint == "first used on line 2; each person appears once in a people file")
        #expect(errors.errors[3].hint == "did you mean `ml-engineer`?")
        #expect(errors.errors[4].message == "ml-engineer has no rung 7")
        #expect(errors.errors[4].description
            == "people.csv:5:6: [import.unknown-role] level: ml-engineer has no rung 7 (its ladder has rungs 1, 2, 3)")
    }

    @Test func managerMayBeAnExistingPerson() throws {
        let text = "external_id,name,team,manager,role,level,hire_date\nE7,Ana,T,BOSS,ml-engineer,1,2020-01-01\n"
        #expect(places(importPeople(text)) == ["import.unknown-person 2:4 manager"])
        #expect(try importPeople(text, existing: ["BOSS"]).get().first?.manager == "BOSS")
    }

    @Test func managementLoopsAreFound() {
        let text = """
            external_id,name,team,manager,role,level,hire_date
            E0,Top,T,,ml-engineer,3,2019-01-01
            E1,A,T,E3,ml-engineer,1,2019-01-01
            E2,B,T,E1,ml-engineer,1,2019-01-01
            E3,C,T,E2,ml-engineer,1,2019-01-01
            E4,D,T,E4,ml-engineer,1,2019-01-01

            """
        let result = importPeople(text)
        #expect(places(result) == ["import.manager-cycle 3:0 manager", "import.manager-cycle 6:4 manager"])
        guard case .failure(let errors) = result else { return }
        #expect(errors.errors[0].message == "managers form a loop: E1 → E3 → E2 → E1")
    }

    @Test func headerProblemsStopTheImport() {
        let text = "external_id,name,team,manager,role,level,loaction,Name\nE1,A,T,,ml-engineer,1,x,y\n"
        #expect(places(importPeople(text)) == [
            "import.unknown-column 1:7 loaction",
            "import.duplicate-column 1:8 Name",
            "import.missing-column 1:0 hire_date",
        ])
    }

    @Test func unknownColumnsCanBeIgnored() throws {
        let text = "external_id,name,team,manager,role,level,hire_date,email\nE1,A,T,,ml-engineer,1,2020-01-01,a@x.org\n"
        #expect(places(importPeople(text)) == ["import.unknown-column 1:8 email"])
        let people = try importPeople(text, options: ImportOptions(ignoresUnknownColumns: true)).get()
        #expect(people.map(\.externalID) == ["E1"])
    }

    @Test func wrongColumnCountIsARowError() {
        let text = "external_id,name,team,manager,role,level,hire_date\nE1,Smith, Jo,T,,ml-engineer,1,2020-01-01\nE2,B,T,,ml-engineer,x,2020-01-01\n"
        #expect(places(importPeople(text)) == ["import.column-count 2:8 ", "import.bad-number 3:6 level"])
    }

    @Test func errorLimitEndsReading() {
        let row = "E1,A,T,,nope,1,2020-01-01\n"
        let text = "external_id,name,team,manager,role,level,hire_date\n" + String(repeating: row, count: 5)
        let result = importPeople(text, options: ImportOptions(errorLimit: 2))
        #expect(places(result) == ["import.unknown-role 2:5 role", "import.unknown-role 3:5 role", "import.too-many-errors 0:0 "])
    }

    @Test func emptyFileHasNoHeader() {
        #expect(places(importPeople("")) == ["import.missing-column 1:0 "])
    }

    @Test func jsonArrayGivesTheSameRecordsAsCSV() throws {
        let json = """
            [
              {"external_id": "E2", "name": "Okafor, Ada", "team": "Ranking", "manager": "E1",
               "role": "ml-engineer", "level": 2, "hire_date": "2021-03-15", "location": "Lagos"},
              {"external_id": "E1", "name": "Lin Wei", "team": "Ranking", "manager": null,
               "role": "data-scientist", "level": 1, "hire_date": "2019-11-01"}
            ]
            """
        for size in [1, 7, 4096] {
            #expect(try importPeople(json, chunkSize: size).get() == importPeople(Self.valid).get())
        }
    }

    @Test func jsonErrorsNameTheKeyAndLine() {
        let json = """
            [{"external_id": "E1", "name": "A", "team": "T", "manager": null, "role": "ml-engineer",
              "level": 1, "hire_date": "2020-01-01"},
             {"external_id": "E2", "name": "B", "team": "T", "manager": "E1", "role": "ml-engineer",
              "level": 9, "hire_date": "2020-01-01", "email": "b@x.org"},
             {"external_id": "E3", "name": "C", "team": "T", "manager": "E1", "role": "ml-engineer",
              "level": 1, "hire_date": "2020-01-01", "email": "c@x.org"},
             {"external_id": "E4", "name": "D" "team": "T"}]
            """
        #expect(places(importPeople(json)) == [
            "import.unknown-column 3:0 email",
            "import.unknown-role 3:0 level",
            "import.bad-json 7:0 ",
        ])
    }

    @Test func idsAreOneIdWhicheverWayTheirAccentsAreWritten() throws {
        let composed = "Jos\u{e9}", decomposed = "Jose\u{301}"
        let header = "external_id,name,team,manager,role,level,hire_date\n"
        let twice = header + "\(composed),A,t,,ml-engineer,1,2021-01-01\n\(decomposed),B,t,,ml-engineer,1,2021-01-01\n"
        #expect(places(importPeople(twice)) == ["import.duplicate-id 3:1 external_id"])
        // Stored in normal form C, so the store's byte comparison agrees with Swift's string one.
        let one = try importPeople(header + "\(decomposed)2,B,\(decomposed) team,\(decomposed),ml-engineer,1,2021-01-01\n", existing: [composed]).get()
        #expect(one.map { Array($0.externalID.utf8) } == [Array("\(composed)2".utf8)])
        #expect(one.first.map { Array($0.team.utf8) } == Array("\(composed) team".utf8))
        #expect(one.first?.manager.map { Array($0.utf8) } == Array(composed.utf8), "the manager found among the stored people")
        #expect(places(importPeople(header + "\(decomposed),B,t,\(composed),ml-engineer,1,2021-01-01\n")) == ["import.manager-cycle 2:4 manager"])
    }
}
