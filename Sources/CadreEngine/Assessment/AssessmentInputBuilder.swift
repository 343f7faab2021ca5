/// A person on the roster as the assessment needs them: who, which role level they hold, which
/// team they are in. (The import's `ImportedPerson` carries the rest of what an HRIS says.)
public struct PersonRecord: Hashable, Sendable, Codable {
    public var id: String
    /// The role level the person holds and is assessed against.
    public var roleLevel: RoleLevelRef
    /// nil (or empty) for a person in no team.
    public var team: String?
    /// 1-based line of the record in its file; 0 when unknown.
    public var line: Int

    public init(id: String, roleLevel: RoleLevelRef, team: String? = nil, line: Int = 0) {
        self.id = id
        self.roleLevel = roleLevel
        self.team = team
        self.line = line
    }
}

/// One observation of one person's skill as the assessment needs it: a value on a named scale
/// from a named kind of source. (The import's `ImportedEvidence` also keeps who observed it.)
public struct EvidenceRecord: Hashable, Sendable, Codable {
    public var person: String
    public var skill: String
    public var value: Double
    /// A built-in (`level`, `percent`, `onet-level`) or configured scale's name.
    public var scale: String
    /// A `SourceKind` raw value (`manager`, `third-party`, …).
    public var source: String
    /// Seconds since the Unix epoch.
    public var observedAt: Int64
    /// Seconds since the Unix epoch after which the evidence no longer counts (a credential's
    /// expiry); nil when it never expires.
    public var validUntil: Int64?
    /// 1-based line of the record in its file; 0 when unknown.
    public var line: Int

    public init(
        person: String, skill: String, value: Double, scale: String, source: String,
        observedAt: Int64, validUntil: Int64? = nil, line: Int = 0
    ) {
        self.person = person
        self.skill = skill
        self.value = value
        self.scale = scale
        self.source = source
        self.observedAt = observedAt
        self.validUntil = validUntil
        self.line = line
    }
}

/// Turns records that name things by id and string into the numbered flat arrays the engine
/// reads, reporting every unknown skill, scale, source kind, person and role level at once, each
/// with the record's line when it has one.
///
/// The result does not depend on the order of the records: people are numbered by ascending id,
/// teams by ascending id, and evidence is sorted by (person, skill, observed-at, kind, level,
/// valid-until), so a re-import of the same rows in another order gives the same bits.
public enum AssessmentInputBuilder {
    /// At most this many errors are reported; a file with more has a systematic problem.
    public static let errorLimit = 100

    /// - Throws: `InputErrors` listing every problem found (up to `errorLimit`).
    public static func build(
        taxonomy: Taxonomy, people: [PersonRecord], evidence: [EvidenceRecord],
        policy: AssessmentPolicy = .standard, file: String = "<evidence>"
    ) throws -> AssessmentInput {
        try build(
            taxonomy: try CompiledTaxonomy(taxonomy), people: people, evidence: evidence,
            policy: policy, file: file)
    }

    public static func build(
        taxonomy: CompiledTaxonomy, people: [PersonRecord], evidence: [EvidenceRecord],
        policy: AssessmentPolicy = .standard, file: String = "<evidence>"
    ) throws -> AssessmentInput {
        var errors = policy.problems()
        func report(_ code: InputError.Code, line: Int, field: String, _ message: String, hint: String = "") {
            if errors.count < errorLimit {
                errors.append(InputError(code, file: file, line: line, field: field, message: message, hint: hint))
            }
        }

        let roster = people.sorted { ($0.id, $0.line) < ($1.id, $1.line) }
        for pair in zip(roster, roster.dropFirst()) where pair.0.id == pair.1.id {
            report(.assessmentDuplicatePerson, line: pair.1.line, field: "id", "person '\(pair.1.id)' is listed twice")
        }
        let personIDs = roster.map(\.id)
        let teamIDs = Array(Set(roster.compactMap(\.team).filter { !$0.isEmpty })).sorted()
        var personRoleLevel = [Int32](repeating: 0, count: roster.count)
        var personTeam = [Int32](repeating: AssessmentInput.noTeam, count: roster.count)
        for (p, person) in roster.enumerated() {
            if let r = taxonomy.roleLevelIndex(person.roleLevel) {
                personRoleLevel[p] = Int32(r)
            } else {
                report(
                    .assessmentUnknownRoleLevel, line: person.line, field: "roleLevel",
                    "person '\(person.id)' holds unknown role level '\(person.roleLevel)'",
                    hint: "use a ROLE@RUNG the taxonomy defines")
            }
            if let team = person.team, let t = CompiledTaxonomy.index(of: team, in: teamIDs) {
                personTeam[p] = Int32(t)
            }
        }

        var rows: [(person: Int32, skill: Int32, observedAt: Int64, kind: UInt8, level: Double, validUntil: Int64, record: Int32)] = []
        rows.reserveCapacity(evidence.count)
        for (index, record) in evidence.enumerated() {
            let person = CompiledTaxonomy.index(of: record.person, in: personIDs)
            if person == nil {
                report(.assessmentUnknownPerson, line: record.line, field: "person",
                       "evidence for unknown person '\(record.person)'", hint: "add the person to the roster or correct the id")
            }
            let skill = taxonomy.skillIndex(record.skill)
            if skill == nil {
                report(.assessmentUnknownSkill, line: record.line, field: "skill",
                       "evidence for unknown skill '\(record.skill)'", hint: "use a skill id from the taxonomy")
            }
            let scale = policy.scale(named: record.scale)
            if scale == nil {
                let known = policy.scales.keys.sorted().joined(separator: ", ")
                report(.assessmentUnknownScale, line: record.line, field: "scale",
                       "unknown scale '\(record.scale)'", hint: "use one of: \(known), or configure it")
            }
            let kind = SourceKind(rawValue: record.source)
            if kind == nil {
                let known = SourceKind.allCases.map(\.rawValue).joined(separator: ", ")
                report(.assessmentUnknownSourceKind, line: record.line, field: "source",
                       "unknown source kind '\(record.source)'", hint: "use one of: \(known)")
            }
            if !record.value.isFinite {
                report(.assessmentInvalidValue, line: record.line, field: "value",
                       "value \(record.value) is not a finite number")
            }
            guard let person, let skill, let scale, let kind, record.value.isFinite else { continue }
            rows.append((
                Int32(person), Int32(skill), record.observedAt, kind.code, scale.level(record.value),
                record.validUntil ?? AssessmentInput.neverExpires, Int32(index)))
        }
        if !errors.isEmpty { throw InputErrors(errors) }

        rows.sort {
            ($0.person, $0.skill, $0.observedAt, $0.kind) != ($1.person, $1.skill, $1.observedAt, $1.kind)
                ? ($0.person, $0.skill, $0.observedAt, $0.kind) < ($1.person, $1.skill, $1.observedAt, $1.kind)
                : ($0.level, $0.validUntil, $0.record) < ($1.level, $1.validUntil, $1.record)
        }
        return try AssessmentInput(
            taxonomy: taxonomy, personRoleLevel: personRoleLevel, personTeam: personTeam,
            teamCount: teamIDs.count, evidencePerson: rows.map(\.person), evidenceSkill: rows.map(\.skill),
            evidenceLevel: rows.map(\.level), evidenceKind: rows.map(\.kind),
            evidenceObservedAt: rows.map(\.observedAt), evidenceValidUntil: rows.map(\.validUntil),
            personIDs: personIDs, teamIDs: teamIDs, evidenceRecord: rows.map(\.record))
    }
}
