/// A made-up taxonomy the size of a large organisation's — 300 skills across the four
/// disciplines, 10 roles of 4 rungs each requiring 12–20 skills — for benchmarks that must not
/// depend on the default taxonomy's size.
public enum SyntheticTaxonomy {
    private static let bases: [(Discipline, [String])] = [
        (.mathStats, [
            "probability", "bayesian-inference", "causal-inference", "time-series", "optimisation",
            "linear-algebra", "experimental-design", "survival-analysis", "sampling", "information-theory",
            "graph-methods", "stochastic-processes", "econometrics", "multivariate-statistics", "statistical-learning",
        ]),
        (.softwareEngineering, [
            "python", "data-pipelines", "distributed-training", "model-serving", "feature-stores",
            "containers", "ci-cd", "observability", "sql", "gpu-programming",
            "api-design", "testing", "stream-processing", "vector-search", "data-versioning",
        ]),
        (.domain, [
            "forecasting", "fraud-detection", "recommendation", "search-ranking", "computer-vision",
            "speech", "language-models", "pricing", "credit-risk", "supply-chain",
            "medical-imaging", "ad-targeting", "anomaly-detection", "robotics", "genomics",
        ]),
        (.governance, [
            "model-risk", "fairness", "privacy", "explainability", "ai-regulation",
            "data-governance", "ml-security", "red-teaming", "incident-response", "model-documentation",
            "ai-procurement", "algorithmic-audit", "human-oversight", "impact-assessment", "content-provenance",
        ]),
    ]
    private static let variants = ["foundations", "applied", "at-scale", "tooling", "review"]

    private static let roles: [(id: String, name: String, disciplineWeights: [Int])] = [
        ("ml-engineer", "Machine Learning Engineer", [3, 5, 2, 1]),
        ("data-scientist", "Data Scientist", [5, 2, 3, 1]),
        ("mlops-engineer", "MLOps Engineer", [1, 6, 1, 1]),
        ("research-scientist", "Research Scientist", [6, 2, 3, 1]),
        ("data-engineer", "Data Engineer", [1, 6, 2, 1]),
        ("analytics-engineer", "Analytics Engineer", [3, 4, 3, 1]),
        ("ml-platform-engineer", "ML Platform Engineer", [1, 6, 1, 2]),
        ("ai-product-manager", "AI Product Manager", [1, 1, 5, 3]),
        ("ai-governance-analyst", "AI Governance Analyst", [1, 1, 2, 6]),
        ("applied-scientist", "Applied Scientist", [4, 3, 4, 1]),
    ]
    private static let rungTitles = ["Associate", "", "Senior", "Principal"]

    public static func make(seed: UInt64) -> Taxonomy {
        var skills: [Skill] = []
        var byDiscipline: [[String]] = []
        for (discipline, words) in bases {
            var ids: [String] = []
            for word in words {
                for variant in variants {
                    let id = "\(word)-\(variant)"
                    ids.append(id)
                    skills.append(Skill(
                        id: id, name: "\(title(word)) (\(variant.replacingAll("-", with: " ")))",
                        discipline: discipline,
                        description: "Synthetic skill: \(variant.replacingAll("-", with: " ")) \(word.replacingAll("-", with: " "))."))
                }
            }
            byDiscipline.append(ids)
        }
        var random = SplitMix64(seed: seed, stream: 0x7A40)
        var roles: [Role] = []
        for role in Self.roles {
            // A ladder's skills: a pool drawn by the role's discipline mix; each rung takes more of it.
            var pool: [String] = []
            while pool.count < 20 {
                let ids = byDiscipline[random.weighted(role.disciplineWeights)]
                let id = ids[random.below(ids.count)]
                if !pool.contains(id) { pool.append(id) }
            }
            var levels: [RoleLevel] = []
            for rung in 1...4 {
                let count = min(pool.count, 10 + 2 * rung + random.below(3))
                let requirements = pool.prefix(count).map { skill in
                    Requirement(skill: skill, level: max(1, min(5, rung + random.below(3) - 1)),
                                importance: 1 + random.weighted([1, 2, 3, 3, 2]))
                }
                let prefix = rungTitles[rung - 1]
                levels.append(RoleLevel(rung: rung, title: prefix.isEmpty ? role.name : "\(prefix) \(role.name)",
                                        requirements: requirements))
            }
            roles.append(Role(id: role.id, name: role.name, description: "Synthetic role.", levels: levels))
        }
        return Taxonomy(skills: skills, roles: roles)
    }

    /// The taxonomy in Cadre's YAML format (docs/TAXONOMY.md), every text quoted.
    public static func yaml(_ taxonomy: Taxonomy) -> String {
        var text = "# Synthetic taxonomy written by cadre-synth; not a real organisation's.\n\nskills:\n"
        for skill in taxonomy.skills {
            text += "  - id: \(skill.id)\n    name: \(quoted(skill.name))\n    discipline: \(skill.discipline.rawValue)\n"
            text += "    description: \(quoted(skill.description))\n"
        }
        text += "\nroles:\n"
        for role in taxonomy.roles {
            text += "  - id: \(role.id)\n    name: \(quoted(role.name))\n    description: \(quoted(role.description))\n    levels:\n"
            for level in role.levels {
                text += "      - rung: \(level.rung)\n        title: \(quoted(level.title))\n        requirements:\n"
                for requirement in level.requirements {
                    text += "          - {skill: \(requirement.skill), level: \(requirement.level), importance: \(requirement.importance)}\n"
                }
            }
        }
        return text
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    private static func title(_ word: String) -> String {
        word.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}

extension String {
    /// Foundation-free replacement, so the engine does not need Foundation for test data.
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
