import CadreEngine
import CadreStore

/// Reads a run's people and evidence from the store, pinned to its data version, into the engine's
/// flat input. The store's interned keys are mapped to person and skill numbers once, so the scan
/// over millions of rows builds no string. Rows the run's taxonomy or policy can't place (a role
/// level, skill, scale or source kind that no longer exists) are left out and counted, so a
/// taxonomy edit never makes a whole run fail.
struct AssessmentInputLoader {
    struct Loaded: Sendable {
        var input: AssessmentInput
        /// People whose role level is not in this taxonomy.
        var unplacedPeople: Int
        /// Evidence rows for skills outside the taxonomy, unknown scales, kinds or people.
        var skippedEvidence: Int
        var evidenceRows: Int
        /// Training evidence rows that name what they came from (a completed course's id), with
        /// the person's number: the courses each person completed. Gathered on request only.
        /// With `.completionsOnly`, the counts above are of these rows alone.
        var trainingReferences: [(person: Int32, reference: String, observedAt: Int64)] = []
        /// Per person (the input's numbers): the hire date as seconds since the epoch, when it parses.
        var hiredAt: [Int64?] = []
    }

    /// What `load` reads of the evidence.
    enum Reading {
        /// Every row, credential holdings included, into the engine's input.
        case evidence
        /// Every row, and the training rows naming a course as `trainingReferences` too.
        case evidenceAndCompletions
        /// Only the training rows naming a course, as `trainingReferences`: the input holds the
        /// people and no evidence. For phases that take the estimates at T the assessment kept
        /// and need nothing else of the evidence; SQLite's scan skips the other rows.
        case completionsOnly
    }

    let reader: StoreReader
    let taxonomy: CompiledTaxonomy
    let policy: AssessmentPolicy

    func load(dataVersion: Int64, personFilter: String? = nil, reading: Reading = .evidence) throws -> Loaded {
        let collectReferences = reading != .evidence
        let keepsEvidence = reading != .completionsOnly
        var roster: [PersonRecord] = []
        var hireDates: [String] = [], keys: [Int] = []
        var unplaced = 0
        for person in try reader.roster(atDataVersion: dataVersion) where personFilter == nil || person.externalID == personFilter {
            let level = RoleLevelRef(role: person.role, rung: person.rung)
            guard taxonomy.roleLevelIndex(level) != nil else {
                unplaced += 1
                continue
            }
            roster.append(PersonRecord(id: person.externalID, roleLevel: level, team: person.team))
            hireDates.append(person.hireDate)
            keys.append(person.key)
        }
        // People are numbered by ascending id, as the engine's builder numbers them.
        // Ids are stored in normal form C, so two ids Swift holds equal cannot both be here; were
        // they (a store written before that rule), the first keeps the number rather than trap.
        let numbers = Dictionary(roster.map(\.id).sorted().enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })

        let vocabulary = try reader.vocabulary(persons: false, assessors: false)
        var personByKey = [Int32](repeating: -1, count: (keys.max() ?? 0) + 1)
        for (record, key) in zip(roster, keys) where key >= 0 { personByKey[key] = numbers[record.id] ?? -1 }
        let skillByKey = vocabulary.skills.names.map { name in name.flatMap(taxonomy.skillIndex).map(Int32.init) ?? -1 }
        let scaleByKey = vocabulary.scales.names.map { name in name.flatMap(policy.scale(named:)) }
        let kindByKey = vocabulary.sources.names.map { name in name.flatMap(SourceKind.init(rawValue:))?.code }

        var evidence = IndexedEvidence()
        var skipped = 0
        var rows = 0
        let trainingCode = SourceKind.training.code
        var references: [(person: Int32, reference: String, observedAt: Int64)] = []
        let visit: (EvidenceRowView) -> Void = { row in
            rows += 1
            let personKey = row.person, skillKey = row.skill, scaleKey = row.scale, sourceKey = row.source
            guard personKey < personByKey.count, personByKey[personKey] >= 0 else {
                skipped += 1
                return
            }
            guard skillKey < skillByKey.count, skillByKey[skillKey] >= 0,
                scaleKey < scaleByKey.count, let scale = scaleByKey[scaleKey],
                sourceKey < kindByKey.count, let kind = kindByKey[sourceKey]
            else {
                skipped += 1
                return
            }
            let value = row.value
            guard value.isFinite else {
                skipped += 1
                return
            }
            if keepsEvidence {
                evidence.append(
                    person: personByKey[personKey], skill: skillByKey[skillKey], observedAt: row.observedAt, kind: kind,
                    level: scale.level(value), validUntil: row.validUntil ?? AssessmentInput.neverExpires)
            }
            if collectReferences, kind == trainingCode, let reference = row.reference {
                references.append((personByKey[personKey], reference, row.observedAt))
            }
        }
        if !keepsEvidence {
            // Only rows `visit` would collect: of the training source, naming a course. People
            // outside the roster (or the filter) are skipped by `visit` as in a full scan.
            if let training = vocabulary.sources.key(for: SourceKind.training.rawValue) {
                try reader.forEachReferencedEvidence(source: training, atDataVersion: dataVersion, visit)
            }
        } else if let personFilter {
            try reader.forEachEvidence(ofPerson: personFilter, atDataVersion: dataVersion, visit)
        } else {
            try reader.forEachEvidence(atDataVersion: dataVersion, visit)
        }
        // Credential holdings are evidence too (DESIGN.md, credentialing): added here, the one
        // loader every phase and view goes through, so all of them count them the same way.
        if keepsEvidence, let credentials = try CredentialInputs.load(reader: reader, dataVersion: dataVersion) {
            let credentialCode = SourceKind.credential.code
            for record in credentials.evidence where personFilter == nil || record.person == personFilter {
                rows += 1
                guard let person = numbers[record.person], let skill = taxonomy.skillIndex(record.skill) else {
                    skipped += 1
                    continue
                }
                evidence.append(
                    person: person, skill: Int32(skill), observedAt: record.observedAt, kind: credentialCode,
                    level: record.value, validUntil: record.validUntil ?? AssessmentInput.neverExpires)
            }
        }
        let input = try AssessmentInputBuilder.build(taxonomy: taxonomy, roster: roster, evidence: evidence)
        var hiredAt = [Int64?](repeating: nil, count: input.personCount)
        for (record, date) in zip(roster, hireDates) {
            if let number = numbers[record.id], Int(number) < hiredAt.count { hiredAt[Int(number)] = InstantText.parse(date) }
        }
        return Loaded(
            input: input, unplacedPeople: unplaced, skippedEvidence: skipped, evidenceRows: rows,
            trainingReferences: references, hiredAt: hiredAt)
    }
}
