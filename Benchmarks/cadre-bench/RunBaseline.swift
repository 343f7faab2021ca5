import CadreEngine
import Foundation

/// The assessment a run computes, done in this process on the same files: no worker processes,
/// no bus, no store. The files are parsed first, untimed, into the records the daemon's workers
/// hold after reading the store; the timed part is what the workers' engine calls do with them —
/// compile the taxonomy, number and sort the inputs, compute the gap map, encode it.
struct RunBaseline {
    var people: [PersonRecord] = []
    /// The people file's rows as imported (hire dates, managers): what retention reads.
    var importedPeople: [ImportedPerson] = []
    var evidence: [EvidenceRecord] = []
    let taxonomy: Taxonomy
    var parseMilliseconds = 0.0

    init(data directory: URL, chunkBytes: Int = 1 << 20) throws {
        let taxonomyPath = directory.appendingPathComponent("taxonomy.yaml").path
        taxonomy = try TaxonomyParser.parse(
            [TaxonomySource(name: taxonomyPath, contents: try String(contentsOfFile: taxonomyPath, encoding: .utf8))])
        let start = monotonicNanoseconds()
        let options = ImportOptions(format: .csv)
        let peoplePath = directory.appendingPathComponent("people.csv").path
        var peopleImport = PeopleImport(file: peoplePath, context: PeopleImportContext(taxonomy: taxonomy), options: options)
        var people: [PersonRecord] = []
        var importedPeople: [ImportedPerson] = []
        let keepPerson: (ImportedPerson) -> Void = { person in
            people.append(PersonRecord(id: person.externalID, roleLevel: person.roleLevel, team: person.team))
            importedPeople.append(person)
        }
        try LineChunks(path: peoplePath, size: chunkBytes).forEach { try peopleImport.feed($0, keepPerson) }
        try peopleImport.finish(keepPerson)

        let evidencePath = directory.appendingPathComponent("evidence.csv").path
        let scales = AssessmentPolicy.standard.scales.values.sorted { $0.name < $1.name }
        var evidenceImport = EvidenceImport(
            file: evidencePath,
            context: EvidenceImportContext(taxonomy: taxonomy, people: people.map(\.id).sorted(), scales: scales),
            options: options)
        var evidence: [EvidenceRecord] = []
        evidence.reserveCapacity(people.count * 32)
        // Evidence is a set (DESIGN.md): a row identical to an earlier one adds nothing, as the
        // store's import makes it — the synthetic files hold a few such repeats.
        var seen = Set<ImportedEvidence>()
        seen.reserveCapacity(people.count * 32)
        let keepEvidence: (ImportedEvidence) -> Void = { row in
            guard seen.insert(row).inserted else { return }
            evidence.append(
                EvidenceRecord(
                    person: row.person, skill: row.skill, value: row.value, scale: row.scale, source: row.source,
                    observedAt: row.observedAt, validUntil: row.validUntil))
        }
        try LineChunks(path: evidencePath, size: chunkBytes).forEach { try evidenceImport.feed($0, keepEvidence) }
        try evidenceImport.finish(keepEvidence)
        self.people = people
        self.importedPeople = importedPeople
        self.evidence = evidence
        parseMilliseconds = Double(monotonicNanoseconds() - start) / 1e6
    }

    struct Timing {
        var buildMilliseconds: Double
        var gapMapMilliseconds: Double
        var encodeMilliseconds: Double
        var totalMilliseconds: Double { buildMilliseconds + gapMapMilliseconds + encodeMilliseconds }
        var map: GapMap
        var encodedBytes: Int
    }

    /// The best of `runs` timings (by total), each from the records to the encoded gap map.
    func assess(asOf: Int64, policy: AssessmentPolicy, runs: Int) throws -> Timing {
        var best: Timing?
        for _ in 0..<max(runs, 1) {
            var start = monotonicNanoseconds()
            let compiled = try CompiledTaxonomy(taxonomy)
            let input = try AssessmentInputBuilder.build(taxonomy: compiled, people: people, evidence: evidence, policy: policy)
            let build = Double(monotonicNanoseconds() - start) / 1e6
            start = monotonicNanoseconds()
            let map = try GapMap(assessing: input, asOf: asOf, policy: policy)
            let compute = Double(monotonicNanoseconds() - start) / 1e6
            start = monotonicNanoseconds()
            let bytes = map.encoded()
            let encode = Double(monotonicNanoseconds() - start) / 1e6
            let timing = Timing(
                buildMilliseconds: build, gapMapMilliseconds: compute, encodeMilliseconds: encode, map: map,
                encodedBytes: bytes.count)
            if best.map({ timing.totalMilliseconds < $0.totalMilliseconds }) ?? true { best = timing }
        }
        guard let best else { throw BenchFileError(path: "", message: "no baseline run") }
        return best
    }
}
