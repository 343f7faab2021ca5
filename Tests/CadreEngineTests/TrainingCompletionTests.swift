import Testing
@testable import CadreEngine

@Suite struct TrainingCompletionTests {
    static let context = CompletionImportContext(
        people: ["E1", "E2"], courses: ["dl-201", "la-101"], asOf: CalendarDay(year: 2025, month: 3, day: 31)!)

    static func read(_ text: String) -> ([CourseCompletion], [InputError]) {
        var importer = CompletionImport(file: "done.csv", context: context)
        var rows: [CourseCompletion] = []
        do {
            try importer.feed(Array(text.utf8)) { rows.append($0) }
            try importer.finish { rows.append($0) }
            return (rows, [])
        } catch {
            return (rows, error.errors)
        }
    }

    @Test func completionBecomesOneTrainingRecordPerTaughtSkill() {
        let dl = course("dl-201", cost: 10, teaches: [("deep-learning", 3), ("python", 2)])
        let completion = CourseCompletion(person: "E1", course: "dl-201", completedOn: CalendarDay(year: 2025, month: 2, day: 1)!)
        let records = completion.evidence(of: dl)
        #expect(records.count == 2)
        #expect(records[0] == ImportedEvidence(person: "E1", skill: "deep-learning", value: 3, scale: "level",
                                               source: "training", observedAt: 1_738_368_000, reference: "dl-201"))
        #expect(records[1].skill == "python")
        #expect(records[1].value == 2)
    }

    @Test func goodFileIsRead() {
        let (rows, errors) = Self.read("person,course,completed_on\nE1,dl-201,2025-03-31\nE2,la-101,2024-12-01\n")
        #expect(errors.isEmpty)
        #expect(rows == [
            CourseCompletion(person: "E1", course: "dl-201", completedOn: CalendarDay(year: 2025, month: 3, day: 31)!),
            CourseCompletion(person: "E2", course: "la-101", completedOn: CalendarDay(year: 2024, month: 12, day: 1)!),
        ])
    }

    @Test func unknownCourseFutureDateAndDuplicateRowsAreLocated() {
        let text = """
            person,course,completed_on
            E1,dl-202,2025-01-01
            E1,la-101,2025-04-01
            E2,la-101,2025-01-01
            E2,la-101,2025-01-01
            E9,la-101,2025-01-01
            """
        let (_, errors) = Self.read(text)
        #expect(errors.map(\.code) == [.completionUnknownCourse, .completionInFuture, .completionDuplicateRow, .importUnknownPerson])
        #expect(errors.map(\.line) == [2, 3, 5, 6])
        #expect(errors[0].column == 2)
        #expect(errors[0].hint.contains("dl-201"))
        #expect(errors[1].field == "completed_on")
    }

    @Test func jsonCompletionsAreReadToo() {
        let (rows, errors) = Self.read(#"[{"person": "E2", "course": "dl-201", "completed_on": "2025-03-01"}]"#)
        #expect(errors.isEmpty)
        #expect(rows.map(\.course) == ["dl-201"])
    }
}
