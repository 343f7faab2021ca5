/// A taxonomy's content version: runs are pinned to it, so two runs over the same skills, roles
/// and requirements compare as "same taxonomy" no matter which files or imports produced them.
extension Taxonomy {
    /// Lower-case hex SHA-256 of `canonicalEncoding`. Equal taxonomies give equal digests; any
    /// change — a renamed skill, a reordered list, one level up — gives a different one.
    public var digest: String { SHA256.hex(canonicalEncoding) }

    /// `cadre-taxonomy/1` (or `/2` when some rung has ladder data), then every value as a
    /// netstring (`<byte count>:<UTF-8 bytes>,`) with lists prefixed by their item count the same
    /// way, so no value can be mistaken for a separator. The layout is documented in
    /// docs/TAXONOMY.md so other tools can reproduce it.
    var canonicalEncoding: [UInt8] {
        var out: [UInt8] = []
        func put(_ text: String) {
            out += Array("\(text.utf8.count):".utf8)
            out += Array(text.utf8)
            out.append(UInt8(ascii: ","))
        }
        func put(_ number: Int) { put(String(number)) }
        func put(_ texts: [String]) {
            put(texts.count)
            texts.forEach { put($0) }
        }

        // Version 2 adds each rung's ladder data; a taxonomy without any keeps its version-1
        // bytes, so its digest (and every run pinned to it) stays what it was.
        let extended = roles.contains { $0.levels.contains(where: \.hasLadderExtension) }
        put(extended ? "cadre-taxonomy/2" : "cadre-taxonomy/1")
        put(skills.count)
        for skill in skills {
            put(skill.id)
            put(skill.name)
            put(skill.discipline.rawValue)
            put(skill.description)
            put(skill.onet)
            put(skill.nice)
        }
        put(roles.count)
        for role in roles {
            put(role.id)
            put(role.name)
            put(role.description)
            put(role.levels.count)
            for level in role.levels {
                put(level.rung)
                put(level.title)
                put(level.requirements.count)
                for requirement in level.requirements {
                    put(requirement.skill)
                    put(requirement.level)
                    put(requirement.importance)
                }
                if extended {
                    put(level.expectedMonths.map(String.init) ?? "")
                    put(level.recommendedCredentials)
                }
            }
        }
        return out
    }
}
