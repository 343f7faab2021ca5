/// Word lists for synthetic organisations: plausible, varied, and deliberately including what
/// real HRIS exports contain — non-ASCII letters, apostrophes, names written "Last, First" and
/// nicknames in quotes — so generated files exercise the importer's quoting and UTF-8 paths.
enum SyntheticNames {
    static let first = [
        "Ada", "Aisha", "Alejandro", "Amara", "Anders", "Aroha", "Ben", "Carmen", "Chen", "Chidi",
        "Daniel", "Dmitri", "Elena", "Emeka", "Fatima", "Freya", "Gabriel", "Hana", "Hiroshi", "Ines",
        "Ivan", "Jamal", "Jana", "João", "Kai", "Kavya", "Lars", "Leila", "Liam", "Lucía",
        "Mara", "Mateo", "Mei", "Mohammed", "Nadia", "Niamh", "Noah", "Olga", "Omar", "Priya",
        "Rafael", "Rania", "Rohan", "Ruth", "Sami", "Sarah", "Søren", "Tariq", "Thandiwe", "Tomás",
        "Valentina", "Wei", "Yara", "Yusuf", "Zainab", "Zoë", "Siobhán", "Björn", "Łukasz", "Anaïs",
    ]

    static let last = [
        "Abara", "Ahmed", "Andersen", "Bauer", "Becker", "Chen", "Costa", "da Silva", "Dubois", "Eze",
        "Fernández", "Fischer", "García", "Gupta", "Haddad", "Hansen", "Ito", "Jansen", "Kaur", "Kim",
        "Kowalski", "Kumar", "Larsen", "Li", "Lopez", "Mensah", "Müller", "Murphy", "Nakamura", "Ngata",
        "Nguyen", "Novak", "Okafor", "Okonkwo", "O'Brien", "O'Neill", "Park", "Patel", "Petrov", "Popescu",
        "Rahman", "Rossi", "Sato", "Schmidt", "Singh", "Smith", "Svensson", "Tanaka", "Torres", "Van der Berg",
        "Wang", "Weber", "Williams", "Wójcik", "Yamamoto", "Yılmaz", "Zhang", "Ó Súilleabháin", "Nowak", "Ibrahim",
    ]

    static let nicknames = ["Bo", "Jo", "Sam", "Max", "Kit", "Ally"]

    static let locations = [
        "London", "Berlin", "Lagos", "Bangalore", "Toronto", "São Paulo", "Singapore", "Austin",
        "Dublin", "Warsaw", "Tokyo", "Nairobi", "Zürich", "Melbourne",
    ]

    static let teamAreas = [
        "Search", "Ranking", "Forecasting", "Fraud", "Speech", "Vision", "Recommendations", "Risk",
        "Pricing", "Ads", "Trust & Safety", "Data Quality", "Personalisation", "Logistics", "Health AI",
        "Assistant", "Payments", "Identity",
    ]

    static let teamKinds = ["Applied ML", "Platform", "Research", "Analytics", "Infrastructure"]

    /// The name as an HRIS would export it; a few are "Last, First" or carry a quoted nickname.
    static func name(first: Int, last: Int, style: Int) -> String {
        let given = Self.first[first % Self.first.count]
        let family = Self.last[last % Self.last.count]
        switch style {
        case 0: return "\(family), \(given)"
        case 1: return "\(given) \"\(nicknames[(first + last) % nicknames.count])\" \(family)"
        default: return "\(given) \(family)"
        }
    }

    static func team(_ index: Int) -> String {
        let area = teamAreas[index % teamAreas.count]
        // 18 areas and 5 kinds share no factor, so the first 90 teams all have different names.
        let kind = teamKinds[index % teamKinds.count]
        let round = index / (teamAreas.count * teamKinds.count)
        return round == 0 ? "\(area) \(kind)" : "\(area) \(kind) \(round + 1)"
    }
}
