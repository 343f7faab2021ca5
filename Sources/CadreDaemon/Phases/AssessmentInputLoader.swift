import CadreEngine
import CadreStore

/// Reads a run's people and evidence from the store, pinned to its data version, into the engine's
/// flat input. Rows the run's taxonomy or policy can't place (a role level, skill or scale that no
/// longer exists) are left out and counted, so a taxonomy edit never makes a whole run fail.
struct AssessmentInputLoader {
    struct Loaded {
        var input: AssessmentInput
        /// People whose role level is not in this taxonomy.
        var unplacedPeople: Int
        /// Evidence rows for skills outside the taxonomy, unknown scales or unknown people.
        var skippedEvidence: Int
        var evidenceRows: Int
    }

    let reader: StoreReader
    let taxonomy: CompiledTaxonomy
    let policy: AssessmentPolicy

    func load(dataVersion: Int64, personFilter: String? = nil) throws -> Loaded {
        let stored = try reader.people(atDataVersion: dataVersion)
        var people: [PersonRecord] = []
        people.reserveCapacity(stored.count)
        var unplaced = 0
        for person in stored where personFilter == nil || person.externalID == personFilter {
            let level = RoleLevelRef(role: person.role, rung: person.rung)
            guard taxonomy.roleLevelIndex(level) != nil else {
                unplaced += 1
                continue
            }
            people.append(PersonRecord(id: person.externalID, roleLevel: level, team: person.team))
        }
        let placed = Set(people.map(\.id))

        // Vocabulary keys resolved once, so the scan does no string work per row.
        let vocabulary = try reader.vocabulary()
        let personNames = vocabulary.persons.names.map { name in name.flatMap { placed.contains($0) ? $0 : nil } }
        let skillNames = vocabulary.skills.names.map { name in name.flatMap { taxonomy.skillIndex($0) != nil ? $0 : nil } }
        let scaleNames = vocabulary.scales.names.map { name in name.flatMap { policy.scale(named: $0) != nil ? $0 : nil } }
        let sourceNames = vocabulary.sources.names.map { name in name.flatMap { SourceKind(rawValue: $0) != nil ? $0 : nil } }

        var evidence: [EvidenceRecord] = []
        var skipped = 0
        var rows = 0
        let visit: (EvidenceRowView) -> Void = { row in
            rows += 1
            let personKey = row.person
            guard personKey < personNames.count, let person = personNames[personKey] else {
                if personFilter == nil { skipped += 1 }
                return
            }
            guard row.skill < skillNames.count, let skill = skillNames[row.skill],
                row.scale < scaleNames.count, let scale = scaleNames[row.scale],
                row.source < sourceNames.count, let source = sourceNames[row.source]
            else {
                skipped += 1
                return
            }
            evidence.append(
                EvidenceRecord(
                    person: person, skill: skill, value: row.value, scale: scale, source: source,
                    observedAt: row.observedAt, validUntil: row.validUntil))
        }
        if let personFilter {
            try reader.forEachEvidence(ofPerson: personFilter, atDataVersion: dataVersion, visit)
        } else {
            try reader.forEachEvidence(atDataVersion: dataVersion, visit)
        }
        let input = try AssessmentInputBuilder.build(taxonomy: taxonomy, people: people, evidence: evidence, policy: policy)
        return Loaded(input: input, unplacedPeople: unplaced, skippedEvidence: skipped, evidenceRows: rows)
    }
}
