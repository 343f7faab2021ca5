/// Everything one assessment run reads, as flat arrays (one array per field) so the engine's
/// inner loop touches only the columns it needs and allocates nothing per person or per cell.
///
/// Evidence is sorted by person, then skill; `evidenceOffsets` says where each person's rows
/// start. Levels are already on the 0–5 scale and kinds are `SourceKind.code`s, so the engine
/// never looks up a scale or parses a string. Build one with `AssessmentInputBuilder` from ids,
/// or with `init(taxonomy:…)` from arrays that are already numbered.
public struct AssessmentInput: Sendable {
    /// `validUntil` of evidence that never expires.
    public static let neverExpires = Int64.max
    /// `personTeam` of a person who belongs to no team.
    public static let noTeam: Int32 = -1

    public let taxonomy: CompiledTaxonomy
    /// Each person's own role level (index into `taxonomy.roleLevels`).
    public let personRoleLevel: [Int32]
    /// Each person's team (index into `teamIDs` when present), or `noTeam`.
    public let personTeam: [Int32]
    public let teamCount: Int

    public let evidencePerson: [Int32]
    public let evidenceSkill: [Int32]
    /// On the 0–5 scale.
    public let evidenceLevel: [Double]
    /// `SourceKind.code`.
    public let evidenceKind: [UInt8]
    /// Seconds since the Unix epoch.
    public let evidenceObservedAt: [Int64]
    /// Seconds since the Unix epoch, or `neverExpires`.
    public let evidenceValidUntil: [Int64]
    /// Person `p`'s evidence rows are `evidenceOffsets[p] ..< evidenceOffsets[p + 1]`.
    public let evidenceOffsets: [Int32]

    /// People's ids in person order; empty when the input was built from bare arrays.
    public let personIDs: [String]
    /// Team ids in team order; empty when the input was built from bare arrays.
    public let teamIDs: [String]
    /// For each evidence row, the position of the record it came from in the builder's input, so
    /// an explanation can point at the record a person wrote; empty for bare arrays.
    public let evidenceRecord: [Int32]

    public var personCount: Int { personRoleLevel.count }
    public var evidenceCount: Int { evidenceSkill.count }

    /// Checks the invariants the engine relies on and derives `evidenceOffsets`.
    ///
    /// - Throws: `InputErrors` (`assessment.malformed-input`) naming the first array or row that
    ///   breaks an invariant: lengths, index ranges, kind codes, levels outside 0–5, or evidence
    ///   not sorted by person then skill.
    public init(
        taxonomy: CompiledTaxonomy, personRoleLevel: [Int32], personTeam: [Int32], teamCount: Int,
        evidencePerson: [Int32], evidenceSkill: [Int32], evidenceLevel: [Double],
        evidenceKind: [UInt8], evidenceObservedAt: [Int64], evidenceValidUntil: [Int64],
        personIDs: [String] = [], teamIDs: [String] = [], evidenceRecord: [Int32] = []
    ) throws {
        func malformed(_ field: String, _ message: String) -> InputErrors {
            InputErrors([InputError(
                .assessmentMalformedInput, file: "<assessment input>", field: field, message: message)])
        }
        let people = personRoleLevel.count
        let rows = evidenceSkill.count
        guard people < Int(Int32.max), rows < Int(Int32.max) else {
            throw malformed("", "more than 2³¹ − 1 people or evidence rows")
        }
        guard personTeam.count == people else { throw malformed("personTeam", "length differs from personRoleLevel") }
        guard personIDs.isEmpty || personIDs.count == people else { throw malformed("personIDs", "length differs from personRoleLevel") }
        guard teamIDs.isEmpty || teamIDs.count == teamCount else { throw malformed("teamIDs", "length differs from teamCount") }
        guard evidencePerson.count == rows, evidenceLevel.count == rows, evidenceKind.count == rows,
            evidenceObservedAt.count == rows, evidenceValidUntil.count == rows,
            evidenceRecord.isEmpty || evidenceRecord.count == rows
        else { throw malformed("evidence", "evidence columns differ in length") }
        let roleLevels = Int32(taxonomy.roleLevelCount)
        for p in 0..<people {
            guard personRoleLevel[p] >= 0, personRoleLevel[p] < roleLevels else {
                throw malformed("personRoleLevel[\(p)]", "role level \(personRoleLevel[p]) out of range")
            }
            guard personTeam[p] == Self.noTeam || (personTeam[p] >= 0 && Int(personTeam[p]) < teamCount) else {
                throw malformed("personTeam[\(p)]", "team \(personTeam[p]) out of range")
            }
        }
        let skills = Int32(taxonomy.skillCount)
        let kinds = UInt8(SourceKind.allCases.count)
        var offsets = [Int32](repeating: 0, count: people + 1)
        var previous: (Int32, Int32) = (0, 0)
        for i in 0..<rows {
            let person = evidencePerson[i], skill = evidenceSkill[i]
            guard person >= 0, Int(person) < people else { throw malformed("evidencePerson[\(i)]", "person \(person) out of range") }
            guard skill >= 0, skill < skills else { throw malformed("evidenceSkill[\(i)]", "skill \(skill) out of range") }
            guard evidenceKind[i] < kinds else { throw malformed("evidenceKind[\(i)]", "kind code \(evidenceKind[i]) unknown") }
            let level = evidenceLevel[i]
            guard level >= 0, level <= 5 else { throw malformed("evidenceLevel[\(i)]", "level \(level) is not on the 0–5 scale") }
            guard i == 0 || previous <= (person, skill) else {
                throw malformed("evidence[\(i)]", "evidence is not sorted by person, then skill")
            }
            previous = (person, skill)
            offsets[Int(person) + 1] += 1
        }
        for p in 0..<people { offsets[p + 1] += offsets[p] }

        self.taxonomy = taxonomy
        self.personRoleLevel = personRoleLevel
        self.personTeam = personTeam
        self.teamCount = teamCount
        self.evidencePerson = evidencePerson
        self.evidenceSkill = evidenceSkill
        self.evidenceLevel = evidenceLevel
        self.evidenceKind = evidenceKind
        self.evidenceObservedAt = evidenceObservedAt
        self.evidenceValidUntil = evidenceValidUntil
        self.evidenceOffsets = offsets
        self.personIDs = personIDs
        self.teamIDs = teamIDs
        self.evidenceRecord = evidenceRecord
    }

    public func evidence(of person: Int) -> Range<Int> {
        Int(evidenceOffsets[person])..<Int(evidenceOffsets[person + 1])
    }
}
