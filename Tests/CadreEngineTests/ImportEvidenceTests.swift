import Testing
@testable import CadreEngine

func importEvidence(
    _ text: String, chunkSize: Int = 4096, options: ImportOptions = ImportOptions()
) -> Result<[ImportedEvidence], InputErrors> {
    let context = EvidenceImportContext(skills: ["python", "statistics"], people: ["E1", "E2"])
    var evidence = EvidenceImport(file: "evidence.csv", context: context, options: options)
    var records: [ImportedEvidence] = []
    let bytes = Array(text.utf8)
    do throws(InputErrors) {
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunkSize)
            try evidence.feed(bytes[offset..<end]) { records.append($0) }
            offset = end
        }
        try evidence.finish { records.append($0) }
        return .success(records)
    } catch {
        return .failure(error)
    }
}

@Suite struct ImportEvidenceTests {
    static let valid = """
        person,skill,value,scale,source,observed_at,assessor,reference,valid_until
        E1,python,72.5,percent,coding,2024-05-01,,,
        E2, statistics ,4,level,credential,2024-05-01T09:30:00+02:00,Coursera,"CERT-1, issue 2",2027-05-01
        E2,python,0.1,onet-level,self,2024-05-01t07:30:00.250z,E2,,

        """

    static let expected = [
        ImportedEvidence(person: "E1", skill: "python", value: 72.5, scale: "percent", source: "coding",
                         observedAt: 1_714_521_600),
        ImportedEvidence(person: "E2", skill: "statistics", value: 4, scale: "level", source: "credential",
                         observedAt: 1_714_548_600, validUntil: 1_809_129_600, assessor: "Coursera",
                         reference: "CERT-1, issue 2"),
        ImportedEvidence(person: "E2", skill: "python", value: 0.1, scale: "onet-level", source: "self",
                         observedAt: 1_714_548_600, assessor: "E2"),
    ]

    @Test(arguments: [1, 7, 4096])
    func validRowsInAnyChunking(size: Int) throws {
        #expect(try importEvidence(Self.valid, chunkSize: size).get() == Self.expected)
    }

    @Test func jsonLinesGiveTheSameRecords() throws {
        let lines = """
            {"person":"E1","skill":"python","value":72.5,"scale":"percent","source":"coding","observed_at":"2024-05-01"}
            {"person":"E2","skill":"statistics","value":"4","scale":"level","source":"credential","observed_at":"2024-05-01T09:30:00+02:00","assessor":"Coursera","reference":"CERT-1, issue 2","valid_until":"2027-05-01"}

            {"person":"E2","skill":"p\\u0079thon","value":0.1,"scale":"onet-level","source":"self","observed_at":"2024-05-01T07:30:00Z","assessor":"E2","reference":null}
            """
        for size in [1, 7, 4096] {
            #expect(try importEvidence(lines, chunkSize: size).get() == Self.expected)
        }
    }

    @Test func everyUnknownIdAndBadValueIsReported() {
        let text = """
            person,skill,value,scale,source,observed_at
            E1,pyhton,3,level,manager,2024-01-01
            E9,python,3,level,manager,2024-01-01
            E1,python,3,stars,manager,2024-01-01
            E1,python,-5,percent,manager,2024-01-01
            E1,python,abc,level,rumour,2024-13-01
            E1,python,nan,level,peer,2024-01-01T25:00:00Z
            E1,python,5.5,level,,2024-01-01

            """
        let result = importEvidence(text)
        #expect(places(result) == [
            "import.unknown-skill 2:2 skill",
            "import.unknown-person 3:1 person",
            "import.unknown-scale 4:4 scale",
            "import.value-out-of-range 5:3 value",
            "import.bad-number 6:3 value",
            "import.unknown-source 6:5 source",
            "import.bad-date 6:6 observed_at",
            "import.bad-number 7:3 value",
            "import.bad-date 7:6 observed_at",
            "import.value-out-of-range 8:3 value",
            "import.missing-field 8:5 source",
        ])
        guard case .failure(let errors) = result else { return }
        #expect(errors.errors[0].hint == "did you mean `python`?")
        #expect(errors.errors[2].hint == "known scales: level, percent, onet-level; more can be configured")
        #expect(errors.errors[3].message == "`-5` is outside the percent scale (0–100)")
    }

    @Test func credentialCannotExpireBeforeItIsObserved() {
        let text = "person,skill,value,scale,source,observed_at,valid_until\nE1,python,3,level,credential,2024-05-01,2024-04-30\n"
        #expect(places(importEvidence(text)) == ["import.bad-date 2:7 valid_until"])
    }

    @Test func configuredScalesAndSourcesAreKnown() throws {
        let context = EvidenceImportContext(
            skills: ["python"], people: ["E1"], scales: [Scale(name: "stars", min: 1, max: 5)], sourceKinds: ["peer"])
        var evidence = EvidenceImport(file: "e.csv", context: context)
        var records: [ImportedEvidence] = []
        try evidence.feed(Array("person,skill,value,scale,source,observed_at\nE1,python,1,stars,peer,2024-01-01\n".utf8)) {
            records.append($0)
        }
        try evidence.finish { records.append($0) }
        #expect(records.map(\.value) == [1])
    }

    @Test func missingRequiredColumn() {
        #expect(places(importEvidence("person,skill,value,scale,source\n")) == ["import.missing-column 1:0 observed_at"])
    }
}

@Suite struct ImportFieldScanningTests {
    private func number(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { FieldScanning.number($0) }
    }

    private func instant(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { FieldScanning.instant($0) }
    }

    @Test func numbersMatchTheStandardLibrary() {
        let zeros = "0." + String(repeating: "0", count: 40)
        for text in [
            "0", "72.5", "0.1", "4.25", "-3", "+2", "100", "1e2", "12345678901234567", "0.30000000000000004",
            zeros, zeros + "1", "0.0000000000000000000001", "0.00000000000000000000001",
        ] {
            #expect(number(text) == Double(text), "\(text)")
        }
        for text in ["", "-", ".", "abc", "nan", "inf", "1.2.3", "1,5", "0x10"] {
            #expect(number(text) == nil, "\(text)")
        }
    }

    @Test func instants() {
        #expect(instant("1970-01-01") == 0)
        #expect(instant("2024-02-29T23:59:60Z") == 1_709_251_199)
        let westOfGreenwich: Int64 = 1_714_521_600 + 11 * 3600
        #expect(instant("2024-05-01 09:30:00-01:30") == westOfGreenwich)
        #expect(instant("2023-02-29") == nil)
        #expect(instant("2024-05-01T09:30Z") == nil)
        #expect(instant("2024-05-01T09:30:00") == nil)
        #expect(instant("2024-5-1") == nil)
    }

    @Test func calendarDaysRoundTrip() {
        #expect(CalendarDay(year: 1900, month: 3, day: 1)?.daysSinceEpoch == -25508)
        for days: Int64 in [-25508, -1, 0, 59, 18701, 2_932_896] {
            #expect(CalendarDay(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CalendarDay(daysSinceEpoch: 18701).description == "2021-03-15")
    }
}

@Suite struct ImportHostileInputTests {
    @Test func anUnclosedQuoteStopsAtTheRowLimitInsteadOfSwallowingTheFile() {
        var parser = CSVParser(file: "e.csv")
        let header = Array("person,skill\np1,\"never closed".utf8)
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: 256 * 1024)
        #expect(throws: Never.self) { _ = try parser.feed(header) }
        var caught: InputError?
        for _ in 0..<8 where caught == nil {
            do throws(InputError) { _ = try parser.feed(filler) } catch { caught = error }
        }
        #expect(caught?.code == .importRowTooLong)
        #expect(caught?.line == 2 && caught?.column == 2)
    }

    @Test func anUnclosedJSONObjectStopsAtTheRowLimit() {
        let context = EvidenceImportContext(skills: ["python"], people: ["p1"])
        var reader = EvidenceImport(file: "e.json", context: context)
        let start = Array("{\"person\": \"p1\", \"skill\": \"".utf8)
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: 300 * 1024)
        var caught: InputErrors?
        do throws(InputErrors) {
            try reader.feed(start) { _ in }
            for _ in 0..<8 { try reader.feed(filler) { _ in } }
        } catch { caught = error }
        #expect(caught?.first?.code == .importRowTooLong)
        #expect(caught?.first?.line == 1)
    }

    @Test func aHeaderOfManyUnknownColumnsReportsABoundedNumber() {
        let header = (0..<5000).map { "c\($0)" }.joined(separator: ",") + "\n"
        guard case .failure(let errors) = importPeople(header) else {
            Issue.record("a header of unknown columns was accepted")
            return
        }
        #expect(errors.errors.count <= 110)
    }
}
