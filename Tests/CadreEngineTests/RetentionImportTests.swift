import Testing
@testable import CadreEngine

func importHREvents(_ text: String, chunkSize: Int = 4096) -> Result<[HREvent], InputErrors> {
    let context = HREventImportContext(
        hireDates: ["E1": RetentionFixture.day("2020-01-01"), "E2": RetentionFixture.day("2022-06-01")],
        rungs: ["data-scientist": [1, 2, 3]], asOf: RetentionFixture.day("2025-06-30"))
    var events = HREventImport(file: "hr.csv", context: context)
    var records: [HREvent] = []
    let bytes = Array(text.utf8)
    do throws(InputErrors) {
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunkSize)
            try events.feed(bytes[offset..<end]) { records.append($0) }
            offset = end
        }
        try events.finish { records.append($0) }
        return .success(records)
    } catch {
        return .failure(error)
    }
}

@Suite struct RetentionImportTests {
    typealias F = RetentionFixture

    static let valid = """
        person,kind,date,role,rung,voluntary,manager,share,conference,participation
        E1,promotion,2023-04-01,data-scientist,2,,,,,
        E1,manager-change,2023-05-01,,,,E2,,,
        E1,research-time,2023-05-01,,,,,12.5,,
        E1,conference,2024-12-10,,,,,,"NeurIPS, Vancouver",attended
        E1,conference,2024-12-10,,,,,,ICML,Funded
        E2,Departure,2025-06-30,,,YES,,,,

        """

    static let expected = [
        F.event("E1", "2023-04-01", .promotion(role: "data-scientist", rung: 2)),
        F.event("E1", "2023-05-01", .managerChange(manager: "E2")),
        F.event("E1", "2023-05-01", .researchTime(sharePercent: 12.5)),
        F.event("E1", "2024-12-10", .conference(name: "NeurIPS, Vancouver", participation: .attended)),
        F.event("E1", "2024-12-10", .conference(name: "ICML", participation: .funded)),
        F.event("E2", "2025-06-30", .departure(voluntary: true)),
    ]

    @Test(arguments: [1, 7, 4096])
    func validRowsInAnyChunking(size: Int) throws {
        #expect(try importHREvents(Self.valid, chunkSize: size).get() == Self.expected)
    }

    @Test func jsonGivesTheSameEvents() throws {
        let json = """
            [{"person":"E1","kind":"promotion","date":"2023-04-01","role":"data-scientist","rung":2},
             {"person":"E1","kind":"manager-change","date":"2023-05-01","manager":"E2"},
             {"person":"E1","kind":"research-time","date":"2023-05-01","share":12.5},
             {"person":"E1","kind":"conference","date":"2024-12-10","conference":"NeurIPS, Vancouver","participation":"attended"},
             {"person":"E1","kind":"conference","date":"2024-12-10","conference":"ICML","participation":"funded"},
             {"person":"E2","kind":"departure","date":"2025-06-30","voluntary":"yes"}]
            """
        #expect(try importHREvents(json).get() == Self.expected)
    }

    @Test func everyRowErrorIsLocated() {
        let text = """
            person,kind,date,role,rung,voluntary,manager,share,conference,participation
            E9,promotion,2023-04-01,data-scientist,2,,,,,
            E1,transfer,2023-04-01,,,,,,,
            E1,promotion,2023-04-01,data-scientist,7,,,,,
            E1,promotion,2023-04-01,data-scientst,2,,,,,
            E1,research-time,2023-05-01,,,,,100.5,,
            E1,research-time,2023-05-02,,,,,-1,,
            E1,conference,2025-07-01,,,,,,ICML,attended
            E2,conference,2022-05-31,,,,,,ICML,attended
            E1,departure,2024-01-01,,,maybe,,,,
            E1,manager-change,2024-01-01,,,,E7,,,
            E1,manager-change,2024-01-02,,,,E1,,,
            E1,conference,2024-01-01,,,,,,"IC\tML",attended
            E1,research-time,2024-02-01,,,,,10,ICML,
            E1,conference,2024-01-01,,,,,,ICML,
            E1,conference,2024-13-01,,,,,,ICML,spoke

            """
        #expect(places(importHREvents(text)) == [
            "import.unknown-person 2:1 person",
            "import.unknown-event-kind 3:2 kind",
            "import.unknown-role 4:5 rung",
            "import.unknown-role 5:4 role",
            "import.value-out-of-range 6:8 share",
            "import.value-out-of-range 7:8 share",
            "import.date-after-as-of 8:3 date",
            "import.bad-date 9:3 date",
            "import.bad-flag 10:6 voluntary",
            "import.unknown-person 11:7 manager",
            "import.manager-cycle 12:7 manager",
            "import.control-character 13:9 conference",
            "import.field-not-for-kind 14:9 conference",
            "import.missing-field 15:10 participation",
            "import.bad-date 16:3 date",
            "import.bad-flag 16:10 participation",
        ])
    }

    @Test func repeatedAndContradictoryRowsAreRefused() {
        let text = """
            person,kind,date,role,rung,voluntary,manager,share,conference,participation
            E1,research-time,2023-05-01,,,,,10,,
            E1 ,research-time,2023-05-01,,,,,10.0,,
            E1,research-time,2023-05-01,,,,,20,,
            E1,departure,2024-01-01,,,no,,,,
            E1,departure,2024-02-01,,,yes,,,,
            E1,conference,2024-01-01,,,,,,ICML,attended
            E1,conference,2024-01-01,,,,,,KDD,attended

            """
        guard case .failure(let errors) = importHREvents(text) else {
            Issue.record("the file was accepted")
            return
        }
        #expect(errors.errors.map { "\($0.code) \($0.line)" } == [
            "import.duplicate-row 3", "import.conflicting-event 4", "import.conflicting-event 6",
        ])
        #expect(errors.errors[0].message.contains("line 2"))
    }

    @Test func missingRequiredColumnsAndFieldsAreReported() {
        #expect(places(importHREvents("person,date\nE1,2024-01-01\n")) == ["import.missing-column 1:0 kind"])
        let text = "person,kind,date,voluntary\nE1,departure,,\n"
        #expect(places(importHREvents(text)) == ["import.missing-field 2:3 date", "import.missing-field 2:4 voluntary"])
    }
}
