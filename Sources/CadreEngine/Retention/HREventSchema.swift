/// The HR-events file's columns. Only `person`, `kind` and `date` must be in every file; each
/// kind fills the columns it needs and leaves the others empty, so one file (or one JSON array)
/// holds every kind.
extension ImportSchema {
    static let hrEvents = ImportSchema(kind: "hr-events", columns: [
        Column(name: "person", isRequired: true),
        Column(name: "kind", isRequired: true),
        Column(name: "date", isRequired: true),
        Column(name: "role", isRequired: false),
        Column(name: "rung", isRequired: false),
        Column(name: "voluntary", isRequired: false),
        Column(name: "manager", isRequired: false),
        Column(name: "share", isRequired: false),
        Column(name: "conference", isRequired: false),
        Column(name: "participation", isRequired: false),
    ])
}

/// HR-events file columns, in schema order.
enum HREventColumn {
    static let person = 0, kind = 1, date = 2, role = 3, rung = 4, voluntary = 5, manager = 6
    static let share = 7, conference = 8, participation = 9
    static let needingValues = [person, kind, date]

    /// The columns each kind must fill; every other detail column must be empty.
    static func details(of kind: HREventKind) -> [Int] {
        switch kind {
        case .promotion: [role, rung]
        case .departure: [voluntary]
        case .managerChange: [manager]
        case .researchTime: [share]
        case .conference: [conference, participation]
        }
    }

    static let allDetails = [role, rung, voluntary, manager, share, conference, participation]
}
