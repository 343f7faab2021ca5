/// A person's completion of a course, as a completions file states it.
public struct CourseCompletion: Hashable, Sendable, Codable {
    /// The person's external id.
    public var person: String
    public var course: String
    public var completedOn: CalendarDay

    public init(person: String, course: String, completedOn: CalendarDay) {
        self.person = person
        self.course = course
        self.completedOn = completedOn
    }

    /// DESIGN.md: one `training` record per skill the course teaches, on the `level` scale at the
    /// taught level, observed at the start of the completion day, referencing the course. Skills
    /// come in the order the course lists them.
    public func evidence(of course: Course) -> [ImportedEvidence] {
        course.teaches.map { taught in
            ImportedEvidence(
                person: person, skill: taught.skill, value: Double(taught.level), scale: "level",
                source: SourceKind.training.rawValue, observedAt: completedOn.secondsSinceEpoch,
                reference: course.id)
        }
    }
}

/// What a completions file is checked against.
public struct CompletionImportContext: Sendable {
    public var people: [String]
    public var courses: [String]
    /// Completions dated after this day are refused (they have not happened yet).
    public var asOf: CalendarDay

    public init(people: [String], courses: [String], asOf: CalendarDay) {
        self.people = people
        self.courses = courses
        self.asOf = asOf
    }
}

/// Reads a completions file (CSV or JSON: `person`, `course`, `completed_on`; docs/TRAINING.md)
/// chunk by chunk. All or nothing: completions are handed over as rows are read, and the file is
/// accepted only if `finish` returns.
public struct CompletionImport: Sendable {
    private var base: StreamingImport<CompletionRowDecoder>

    public init(file: String, context: CompletionImportContext, options: ImportOptions = ImportOptions()) {
        base = StreamingImport(file: file, schema: .completions,
                               decoder: CompletionRowDecoder(file: file, context: context), options: options)
    }

    public var file: String { base.file }
    public var rowCount: Int { base.decoder.rowCount }

    public mutating func feed<Chunk: Collection<UInt8>>(
        _ chunk: Chunk, _ onCompletion: (CourseCompletion) -> Void
    ) throws(InputErrors) {
        try base.feed(chunk, onCompletion)
    }

    public mutating func finish(_ onCompletion: (CourseCompletion) -> Void) throws(InputErrors) {
        try base.finish(onCompletion)
    }
}

extension ImportSchema {
    static let completions = ImportSchema(kind: "completions", columns: [
        Column(name: "person", isRequired: true),
        Column(name: "course", isRequired: true),
        Column(name: "completed_on", isRequired: true),
    ])
}

/// Checks completion rows: known person and course, a real date not after the as-of day, and no
/// row repeated in the file.
struct CompletionRowDecoder: RowDecoder {
    static let person = 0, course = 1, completedOn = 2

    let file: String
    private let people: IdentifierTable
    private let courses: IdentifierTable
    private let asOf: CalendarDay
    /// (person, course, day) → the line first seen on.
    private var seen: [Triple: Int] = [:]
    private(set) var rowCount = 0

    struct Triple: Hashable, Sendable {
        var person: Int32
        var course: Int32
        var day: Int64
    }

    init(file: String, context: CompletionImportContext) {
        self.file = file
        people = IdentifierTable(context.people)
        courses = IdentifierTable(context.courses)
        asOf = context.asOf
    }

    mutating func decode(
        _ row: borrowing ImportRow, _ bytes: UnsafeBufferPointer<UInt8>, log: inout ImportErrorLog
    ) throws(InputError) -> CourseCompletion? {
        rowCount += 1
        let fields = RowFields(file: file, schema: .completions, row: copy row, bytes: bytes)
        var errors: [InputError] = []
        for column in [Self.person, Self.course, Self.completedOn] where fields.isEmpty(column) {
            errors.append(fields.missing(column))
        }
        var person: Int?
        if !fields.isEmpty(Self.person) {
            person = fields.withIdentifier(Self.person) { people.index(of: $0) }
            if person == nil {
                errors.append(fields.error(.importUnknownPerson, Self.person, "no person has the id \(fields.quoted(Self.person))",
                                           hint: "import the person in a people file before their completions"))
            }
        }
        var course: Int?
        if !fields.isEmpty(Self.course) {
            course = fields.withIdentifier(Self.course) { courses.index(of: $0) }
            if course == nil {
                errors.append(fields.error(
                    .completionUnknownCourse, Self.course, "no course has the id \(fields.quoted(Self.course))",
                    hint: RowFields.suggestion(for: fields.string(Self.course), among: courses.strings,
                                               otherwise: "courses are defined in the catalogue")))
            }
        }
        var day: CalendarDay?
        if !fields.isEmpty(Self.completedOn) {
            day = FieldScanning.day(fields.buffer(Self.completedOn))
            if let completed = day, completed > asOf {
                errors.append(fields.error(.completionInFuture, Self.completedOn,
                                           "\(fields.quoted(Self.completedOn)) is after the import's as-of day \(asOf)",
                                           hint: "record completions once they have happened"))
                day = nil
            } else if day == nil {
                errors.append(fields.error(.importBadDate, Self.completedOn, "\(fields.quoted(Self.completedOn)) is not a date",
                                           hint: "write YYYY-MM-DD"))
            }
        }
        if errors.isEmpty, let person, let course, let day {
            let key = Triple(person: Int32(person), course: Int32(course), day: day.daysSinceEpoch)
            if let first = seen[key] {
                errors.append(fields.error(.completionDuplicateRow, Self.person, "this completion repeats line \(first)",
                                           hint: "remove the repeated row"))
            } else {
                seen[key] = fields.line
            }
        }
        for error in errors { try log.record(error) }
        guard errors.isEmpty, let person, let course, let day else { return nil }
        return CourseCompletion(person: people.strings[person], course: courses.strings[course], completedOn: day)
    }

    func finish(log: inout ImportErrorLog) throws(InputError) {}
}
