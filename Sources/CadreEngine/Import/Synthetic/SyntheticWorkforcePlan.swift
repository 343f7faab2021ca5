/// A made-up workforce plan over every role level of a taxonomy, for benchmarks of the sourcing
/// phase (docs/BENCHMARKS.md), written as the plan CSV docs/SOURCING.md describes.
///
/// Two role levels in three grow: together they want `openSeats` more people than they have,
/// shared in proportion to their headcounts. Every third one is wound down to 5 % of its
/// headcount, so whoever meets it beyond that is surplus and may transfer (in the synthetic
/// organisations about one person in seven meets their own role level) — the plan exercises
/// upskilling, transfers and hires at once.
public enum SyntheticWorkforcePlan {
    public static let defaultOpenSeats = 2_000

    /// - Parameters:
    ///   - people: the organisation's people; only their role levels are read.
    ///   - notBefore: the earliest due date (a plan is imported only with due dates from the
    ///     import's day on); due dates fall 3 to 18 months after it.
    public static func make(
        taxonomy: Taxonomy, people: [ImportedPerson], openSeats: Int = defaultOpenSeats, notBefore: CalendarDay
    ) -> [WorkforcePlanRow] {
        let levels = taxonomy.roles.flatMap { role in role.levels.map { RoleLevelRef(role: role.id, rung: $0.rung) } }
        var headcount: [RoleLevelRef: Int] = [:]
        for person in people { headcount[person.roleLevel, default: 0] += 1 }
        let growing = levels.indices.filter { $0 % 3 != 2 }
        let growingPeople = max(1, growing.reduce(0) { $0 + headcount[levels[$1], default: 0] })
        var extra = [Int](repeating: 0, count: levels.count)
        var given = 0
        for index in growing {
            extra[index] = openSeats * headcount[levels[index], default: 0] / growingPeople
            given += extra[index]
        }
        for (n, index) in growing.enumerated() where n < openSeats - given { extra[index] += 1 }
        return levels.enumerated().map { index, level in
            let now = headcount[level, default: 0]
            let target = index % 3 == 2 ? now / 20 : now + extra[index]
            let due = CalendarDay(daysSinceEpoch: notBefore.daysSinceEpoch + Int64(91 * (1 + index % 6)))
            return WorkforcePlanRow(roleLevel: level, headcount: target, due: due,
                                    note: index % 3 == 2 ? "synthetic: wound down" : "synthetic: growing")
        }
    }

    /// The plan CSV: `role,rung,headcount,due,note`.
    public static func csv(_ rows: [WorkforcePlanRow]) -> String {
        var text = "role,rung,headcount,due,note\n"
        for row in rows {
            text += "\(row.roleLevel.role),\(row.roleLevel.rung),\(row.headcount),\(row.due),\(row.note ?? "")\n"
        }
        return text
    }
}
