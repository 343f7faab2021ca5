/// A made-up course catalogue for a taxonomy, the size of a large organisation's LMS plus its
/// vendors and academic partners — by default 2,000 courses over every skill — for benchmarks of
/// the training phase (docs/BENCHMARKS.md), written as the catalogue CSV docs/TRAINING.md
/// describes.
///
/// Skills fall into three tiers. A course teaches one skill (sometimes a second of the same tier)
/// and its prerequisites name skills of the tier below only, so no prerequisite chain is longer
/// than three courses and none is a cycle. Every skill is taught at levels 2 to 5 by six or seven
/// courses, internal ones to 2, vendor (or internal) ones to 3, academic (or vendor) ones to 4 and
/// 5; a few skills (about one in thirty) are taught only up to level 4, so requirements at 5 on
/// them are uncoverable, as in a real catalogue.
public enum SyntheticCatalogue {
    public static let defaultCourseCount = 2_000
    static let providers: [CourseKind: [String]] = [
        .internal: ["Internal Academy", "Platform Guild", "Data Chapter"],
        .vendor: ["Northwind Learning", "Contoso Training", "Fabrikam Institute", "Tailspin Labs"],
        .academic: ["Riverside University", "Lakeshore Polytechnic", "Hillcrest College"],
    ]

    /// - Parameters:
    ///   - courses: how many courses; each skill gets `courses / skills` or one more.
    /// - Returns: courses in id order, each valid for the taxonomy (`CourseCatalogue.init` accepts them).
    public static func make(taxonomy: Taxonomy, courses count: Int = defaultCourseCount, seed: UInt64) -> [Course] {
        let skills = taxonomy.skills.map(\.id)
        guard !skills.isEmpty, count > 0 else { return [] }
        var random = SplitMix64(seed: seed, stream: 0xC0_0125E)
        let tier = skills.map { _ in random.below(3) }
        let topLevel = skills.map { _ in random.below(30) == 0 ? 4 : 5 }
        var byTier: [[Int]] = [[], [], []]
        for (index, t) in tier.enumerated() { byTier[t].append(index) }

        var courses: [Course] = []
        for number in 0..<count {
            let skill = number % skills.count
            // The n-th course of a skill: levels climb to the skill's top, then start again.
            let nth = number / skills.count
            let level = min(topLevel[skill], 2 + (nth + skill) % 4)
            let kind: CourseKind = level <= 2 ? .internal : level == 3 ? (random.chance(0.7) ? .vendor : .internal)
                : (random.chance(0.6) ? .academic : .vendor)
            var teaches = [SkillLevel(skill: skills[skill], level: level)]
            let sameTier = byTier[tier[skill]]
            if sameTier.count > 1, random.chance(0.3) {
                var other = sameTier[random.below(sameTier.count)]
                if other == skill { other = sameTier[((sameTier.firstIndex(of: skill) ?? 0) + 1) % sameTier.count] }
                teaches.append(SkillLevel(skill: skills[other], level: max(1, min(topLevel[other], level - random.below(2)))))
            }
            var prerequisites: [SkillLevel] = []
            if tier[skill] > 0 {
                let below = byTier[tier[skill] - 1]
                let wanted = level >= 3 ? 1 + random.below(2) : random.below(2)
                for _ in 0..<wanted where !below.isEmpty {
                    let id = skills[below[random.below(below.count)]]
                    guard !prerequisites.contains(where: { $0.skill == id }) else { continue }
                    prerequisites.append(SkillLevel(skill: id, level: max(1, min(3, level - 1 - random.below(2)))))
                }
            }
            let (cost, hours) = price(kind: kind, level: level, skills: teaches.count, random: &random)
            let names = providers[kind] ?? ["Synthetic"]
            courses.append(Course(
                id: "syn-" + padded(number, width: 5), title: "\(skills[skill]) to level \(level)",
                provider: names[random.below(names.count)], kind: kind, cost: cost, hours: hours,
                teaches: teaches, prerequisites: prerequisites, tags: level >= 4 ? ["advanced"] : []))
        }
        return courses
    }

    /// Illustrative prices: internal courses cost little cash, vendor seats more, academic
    /// programmes most; hours grow with the level. Costs in whole units of 100 minor units,
    /// hours in half hours.
    static func price(kind: CourseKind, level: Int, skills: Int, random: inout SplitMix64) -> (cost: Int64, hours: Int) {
        let base: Int
        switch kind {
        case .internal: base = random.chance(0.3) ? 0 : 50 + random.below(400)
        case .vendor: base = 500 + random.below(2_500)
        case .academic: base = 2_000 + random.below(13_000)
        }
        let cost = Int64(base * 100 * (1 + level / 3) * skills)
        let hours = (4 + level * (2 + random.below(8)) + random.below(6)) * 100 + (random.chance(0.5) ? 50 : 0)
        return (cost, hours)
    }

    /// The catalogue CSV of docs/TRAINING.md: lists as `skill:level;…`, hours with two decimals.
    public static func csv(_ courses: [Course]) -> String {
        var text = "id,title,provider,kind,cost,hours,teaches,prerequisites,tags\n"
        for course in courses {
            let teaches = course.teaches.map(\.description).joined(separator: ";")
            let prerequisites = course.prerequisites.map(\.description).joined(separator: ";")
            let hours = "\(course.hours / 100)." + padded(course.hours % 100, width: 2)
            text += [course.id, course.title, course.provider, course.kind.rawValue, String(course.cost), hours,
                     teaches, prerequisites, course.tags.joined(separator: ";")].joined(separator: ",") + "\n"
        }
        return text
    }

    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
