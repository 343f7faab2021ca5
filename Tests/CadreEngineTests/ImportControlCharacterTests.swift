import Testing
@testable import CadreEngine

/// Control characters in any field are refused where the file is read, located to the field, and
/// never quoted back: a NUL would cut an id short in SQLite and overwrite another person.
@Suite struct ImportControlCharacterTests {
    static let header = "external_id,name,team,manager,role,level,hire_date,location\n"

    @Test func aNULInAnIdRejectsTheRowInsteadOfNamingAnotherPerson() {
        let text = Self.header + "E000001\u{0}evil,Mallory,Ranking,,ml-engineer,1,2021-01-01,\n"
        let result = importPeople(text, existing: ["E000001"])
        #expect(places(result) == ["import.control-character 2:1 external_id"])
        guard case .failure(let errors) = result, let error = errors.first else { return }
        #expect(error.message == "`external_id` holds the control character U+0000 (NUL) at character 8")
        #expect(!error.description.contains("\u{0}") && !error.description.contains("evil"))
    }

    @Test(arguments: [
        ("Ana\u{1B}[2J", "U+001B (ESC) at character 4"),
        ("Ana\nNew line", "U+000A (line feed) at character 4"),
        ("Ana\r", "U+000D (carriage return) at character 4"),
        ("An\u{7F}a", "U+007F (DEL) at character 3"),
        ("Zoë\u{9B}31m", "U+009B (CSI) at character 4"),
    ])
    func everyControlCharacterInANameIsRefused(name: String, found: String) {
        let text = Self.header + "E1,\"\(name)\",Ranking,,ml-engineer,1,2021-01-01,\n"
        let result = importPeople(text)
        #expect(places(result) == ["import.control-character 2:2 name"])
        guard case .failure(let errors) = result else { return }
        #expect(errors.first?.message.hasSuffix(found) == true)
    }

    @Test func aTabIsFreeTextOnlyAndEveryBadFieldOfARowIsReportedOnce() throws {
        let ok = try importPeople(Self.header + "E1,\"Ana\tMaria\",Ranking,,ml-engineer,1,2021-01-01,Lagos\tHQ\n").get()
        #expect(ok.map(\.name) == ["Ana\tMaria"])
        #expect(ok.map(\.location) == ["Lagos\tHQ"])
        // A tab inside an id or a team is a control character there; a screened field is not also
        // "missing", and the rest of the row is still checked.
        let text = Self.header + "E\t1,Ana,Rank\u{0}ing,,ml-engineer,x,2021-01-01,\n"
        #expect(places(importPeople(text)) == [
            "import.control-character 2:1 external_id",
            "import.control-character 2:3 team",
            "import.bad-number 2:6 level",
        ])
    }

    @Test func jsonEscapesAreDecodedAndThenRefused() {
        let json = #"{"external_id":"E1\u0000x","name":"A\u001b]0;title\u0007","team":"T","manager":null,"role":"ml-engineer","level":1,"hire_date":"2021-01-01"}"#
        #expect(places(importPeople(json)) == [
            "import.control-character 1:0 external_id",
            "import.control-character 1:0 name",
        ])
    }

    @Test func evidenceFieldsAreScreenedToo() throws {
        let header = "person,skill,value,scale,source,observed_at,assessor,reference,valid_until\n"
        #expect(places(importEvidence(header + "E1\u{0},python,3,level,peer,2024-01-01,,,\n")) == [
            "import.control-character 2:1 person",
        ])
        #expect(places(importEvidence(header + "E1,python,3,level,peer,2024-01-01,\"Lee\u{1B}[31m\",\"a\nb\",\n")) == [
            "import.control-character 2:7 assessor",
            "import.control-character 2:8 reference",
        ])
        let tabs = try importEvidence(header + "E1,python,3,level,peer,2024-01-01,Lee\tKim,CERT\t1,\n").get()
        #expect(tabs.map(\.reference) == ["CERT\t1"])
    }

    @Test func aHeaderIsQuotedBackEscaped() {
        let result = importPeople("external_id,name\u{1B}[2J,team\n")
        guard case .failure(let errors) = result else {
            Issue.record("accepted")
            return
        }
        #expect(errors.errors.contains { $0.field == "name\\u{1B}[2J" })
        #expect(!errors.description.contains("\u{1B}"))
    }

    @Test func escapingWritesEveryControlCharacterVisibly() {
        #expect(ControlCharacters.escaped("a\u{0}b\tc\nd\r\u{1B}[2J\u{7F}\u{9B}é") == "a\\0b\\tc\\nd\\r\\u{1B}[2J\\u{7F}\\u{9B}é")
        #expect(ControlCharacters.escaped("line\none", keeping: ["\n"]) == "line\none")
        #expect(ControlCharacters.escaped("plain Zoë 名") == "plain Zoë 名")
    }
}
