/// A taxonomy's content version: runs are pinned to it, so two runs over the same skills, roles
/// and requirements compare as "same taxonomy" no matter which files or imports produced them.
extension Taxonomy {
    /// Lower-case hex SHA-256 of `canonicalEncoding`. Equal taxonomies give equal digests; any
    /// change — a renamed skill, a reordered list, one level up — gives a different one.
    public var digest: String { SHA256.hex(canonicalEncoding) }

    /// `cadre-taxonomy/1`, then every value as a netstring (`<byte count>:<UTF-8 bytes>,`) with
    /// lists prefixed by their item count the same way, so no value can be mistaken for a
    /// separator. The layout is documented in docs/TAXONOMY.md so other tools can reproduce it.
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

        put("cadre-taxonomy/1")
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
            }
        }
        return out
    }
}
