/// A validated course catalogue: courses sorted by id (byte order — ids are ASCII), so the same
/// courses give the same catalogue, the same digest and the same plans, whatever order the files
/// listed them in.
public struct CourseCatalogue: Codable, Hashable, Sendable {
    public let courses: [Course]

    /// Checks courses built in code by the same rules as catalogue files.
    ///
    /// - Throws: `InputErrors` with the same codes a file would give (fields named
    ///   `courses[i].…`, no line numbers).
    public init(courses: [Course], skills: [String], name: String = "<catalogue>") throws(InputErrors) {
        var checker = CourseDraftChecker(skills: skills)
        var checked: [Course] = []
        for (index, course) in courses.enumerated() {
            let place = TaxonomyPlace(file: name, line: 0, column: 0, field: "courses[\(index)]")
            if let course = checker.check(Self.draft(of: course, at: place)) { checked.append(course) }
        }
        guard checker.errors.isEmpty else { throw InputErrors(checker.errors) }
        self.init(validated: checked)
    }

    init(validated courses: [Course]) {
        self.courses = courses.sorted { $0.id < $1.id }
    }

    public var count: Int { courses.count }

    /// By binary search over the sorted ids.
    public func course(_ id: String) -> Course? {
        var low = 0, high = courses.count
        while low < high {
            let mid = (low + high) / 2
            if courses[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low < courses.count && courses[low].id == id ? courses[low] : nil
    }

    public var ids: [String] { courses.map(\.id) }

    private static func draft(of course: Course, at place: TaxonomyPlace) -> CourseDraft {
        func located(_ text: String, _ field: String) -> Located<String> { Located(value: text, place: place.child(field)) }
        func entries(_ list: [SkillLevel], _ field: String) -> [DraftSkillLevel] {
            list.enumerated().map { index, entry in
                let itemPlace = place.child(field).item(index)
                return DraftSkillLevel(place: itemPlace, skill: Located(value: entry.skill, place: itemPlace.child("skill")),
                                       level: Located(value: String(entry.level), place: itemPlace.child("level")))
            }
        }
        var draft = CourseDraft(place: place)
        draft.id = located(course.id, "id")
        draft.title = located(course.title, "title")
        draft.provider = located(course.provider, "provider")
        draft.kind = located(course.kind.rawValue, "kind")
        draft.cost = located(String(course.cost), "cost")
        draft.hours = located(Self.hoursText(course.hours), "hours")
        draft.teaches = entries(course.teaches, "teaches")
        draft.prerequisites = entries(course.prerequisites, "prerequisites")
        draft.tags = course.tags.enumerated().map { Located(value: $0.element, place: place.child("tags").item($0.offset)) }
        return draft
    }

    /// Hundredths as the decimal a catalogue file would hold (`1250` → `12.50`).
    static func hoursText(_ hundredths: Int) -> String {
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension CourseCatalogue {
    /// Lower-case hex SHA-256 of the canonical encoding: a run pins the catalogue by it, and two
    /// loads of the same courses (in any file order or format) have the same digest.
    public var digest: String { SHA256.hex(canonicalEncoding) }

    /// `cadre-catalogue/1`, then every value as a netstring (`<byte count>:<UTF-8 bytes>,`), lists
    /// prefixed by their count, courses in id order — the taxonomy digest's layout.
    var canonicalEncoding: [UInt8] {
        var out: [UInt8] = []
        func put(_ text: String) {
            out += Array("\(text.utf8.count):".utf8)
            out += Array(text.utf8)
            out.append(UInt8(ascii: ","))
        }
        func put<N: BinaryInteger>(_ number: N) { put(String(number)) }
        func put(_ list: [SkillLevel]) {
            put(list.count)
            for entry in list {
                put(entry.skill)
                put(entry.level)
            }
        }
        put("cadre-catalogue/1")
        put(courses.count)
        for course in courses {
            put(course.id)
            put(course.title)
            put(course.provider)
            put(course.kind.rawValue)
            put(course.cost)
            put(course.hours)
            put(course.teaches)
            put(course.prerequisites)
            put(course.tags.count)
            course.tags.forEach { put($0) }
        }
        return out
    }
}
