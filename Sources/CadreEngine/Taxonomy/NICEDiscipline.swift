/// The rule that files a NICE knowledge or skill statement under one of Cadre's disciplines. NICE
/// itself has no such split, so the rule is a keyword match on the statement's text, published in
/// docs/TAXONOMY.md so an L&D lead can predict (and argue with) every result.
///
/// The text is lower-cased and cut into words of letters and digits; a keyword matches where a
/// word starts with it (`regulat` matches "regulations", `data set` matches "data sets"). The
/// groups are tried in order and the first match wins; a statement matching none is `domain`
/// knowledge — for the NICE Framework, the cybersecurity domain.
enum NICEDiscipline {
    static let rules: [(discipline: Discipline, keywords: [String])] = [
        (.governance, [
            "law", "legal", "regulat", "polic", "privacy", "ethic", "complian", "risk", "governance",
            "audit", "oversight", "acquisition", "procurement", "contract", "budget", "workforce", "accountab",
        ]),
        (.mathStats, [
            "statistic", "mathemat", "probabilit", "quantitative", "algorithm", "machine learning",
            "data science", "data mining", "data set", "uncertainty",
        ]),
        (.softwareEngineering, [
            "software development", "software engineering", "software design", "software testing",
            "software quality", "software security", "programming", "code", "coding", "script",
            "database", "api", "version control", "debug", "devops", "container", "virtualiz",
        ]),
    ]

    static func discipline(of statement: String) -> Discipline {
        let words = " " + statement.lowercased()
            .split { !(("a"..."z").contains($0) || ("0"..."9").contains($0)) }
            .joined(separator: " ")
        for rule in rules where rule.keywords.contains(where: { words.contains(" " + $0) }) {
            return rule.discipline
        }
        return .domain
    }
}
