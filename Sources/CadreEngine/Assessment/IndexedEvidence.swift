/// Evidence already mapped to person and skill numbers — what a store that interns its strings can
/// hand over without building a `String` per row. `AssessmentInputBuilder.build(taxonomy:roster:evidence:)`
/// puts it in the canonical order in linear time, so 3,000,000 rows cost a pass, not a sort.
public struct IndexedEvidence: Sendable {
    public var person: [Int32] = []
    public var skill: [Int32] = []
    public var observedAt: [Int64] = []
    public var kind: [UInt8] = []
    /// Already on the 0–5 scale (`Scale.level`).
    public var level: [Double] = []
    /// `AssessmentInput.neverExpires` when the row does not expire.
    public var validUntil: [Int64] = []

    public init() {}

    public var count: Int { person.count }

    public mutating func reserveCapacity(_ n: Int) {
        person.reserveCapacity(n)
        skill.reserveCapacity(n)
        observedAt.reserveCapacity(n)
        kind.reserveCapacity(n)
        level.reserveCapacity(n)
        validUntil.reserveCapacity(n)
    }

    public mutating func append(person p: Int32, skill s: Int32, observedAt t: Int64, kind k: UInt8, level l: Double, validUntil v: Int64) {
        person.append(p)
        skill.append(s)
        observedAt.append(t)
        kind.append(k)
        level.append(l)
        validUntil.append(v)
    }
}

extension AssessmentInputBuilder {
    /// The people of `roster` (any order) with `evidence` whose `person` numbers index the roster
    /// sorted by id — the numbering `build(taxonomy:people:evidence:)` uses. Gives the same input
    /// as that builder for the same rows: people by id, teams by id, evidence by (person, skill,
    /// observed-at, kind, level, valid-until).
    ///
    /// - Throws: `InputErrors` for an unknown role level, or evidence numbers out of range.
    public static func build(taxonomy: CompiledTaxonomy, roster: [PersonRecord], evidence: IndexedEvidence) throws -> AssessmentInput {
        let people = roster.sorted { $0.id < $1.id }
        let teamIDs = Array(Set(people.compactMap(\.team).filter { !$0.isEmpty })).sorted()
        let teamIndex = Dictionary(uniqueKeysWithValues: teamIDs.enumerated().map { ($1, Int32($0)) })
        var personRoleLevel = [Int32](repeating: 0, count: people.count)
        var personTeam = [Int32](repeating: AssessmentInput.noTeam, count: people.count)
        for (p, person) in people.enumerated() {
            guard let r = taxonomy.roleLevelIndex(person.roleLevel) else {
                throw InputErrors([InputError(
                    .assessmentUnknownRoleLevel, file: "<roster>", line: person.line, field: "roleLevel",
                    message: "person '\(person.id)' holds unknown role level '\(person.roleLevel)'")])
            }
            personRoleLevel[p] = Int32(r)
            if let team = person.team, let t = teamIndex[team] { personTeam[p] = t }
        }

        // Counting sort by person, then each person's few rows by the rest of the key.
        let rows = evidence.count
        var start = [Int](repeating: 0, count: people.count + 1)
        for i in 0..<rows {
            let p = Int(evidence.person[i])
            guard p >= 0, p < people.count else {
                throw InputErrors([InputError(
                    .assessmentMalformedInput, file: "<evidence>", field: "person[\(i)]", message: "person \(p) out of range")])
            }
            start[p + 1] += 1
        }
        for p in 0..<people.count { start[p + 1] += start[p] }
        var order = [Int](repeating: 0, count: rows)
        var next = start
        for i in 0..<rows {
            let p = Int(evidence.person[i])
            order[next[p]] = i
            next[p] += 1
        }
        for p in 0..<people.count where start[p + 1] - start[p] > 1 {
            order[start[p]..<start[p + 1]].sort { a, b in
                let left = (evidence.skill[a], evidence.observedAt[a], evidence.kind[a])
                let right = (evidence.skill[b], evidence.observedAt[b], evidence.kind[b])
                if left != right { return left < right }
                return (evidence.level[a], evidence.validUntil[a]) < (evidence.level[b], evidence.validUntil[b])
            }
        }
        return try AssessmentInput(
            taxonomy: taxonomy, personRoleLevel: personRoleLevel, personTeam: personTeam, teamCount: teamIDs.count,
            evidencePerson: order.map { evidence.person[$0] }, evidenceSkill: order.map { evidence.skill[$0] },
            evidenceLevel: order.map { evidence.level[$0] }, evidenceKind: order.map { evidence.kind[$0] },
            evidenceObservedAt: order.map { evidence.observedAt[$0] },
            evidenceValidUntil: order.map { evidence.validUntil[$0] },
            personIDs: people.map(\.id), teamIDs: teamIDs)
    }
}
