// cadre-synth: writes a deterministic synthetic organisation as the files a user imports.
//
//   cadre-synth --size S|M|L|<people> [--seed N] [--as-of YYYY-MM-DD] --out DIR
//               [--taxonomy-dir DIR] [--credentials-dir DIR] [--courses N] [--verify]
//
// Besides people.csv and evidence.csv it writes hr-events.csv, three years of promotions, manager
// changes, research time, conferences and departures with planted effects (the retention phase's
// fit recovers them); with --credentials-dir, credentials.csv: holdings of the catalogue read
// from DIR's *.yaml files. For the training and sourcing benchmarks it writes courses.csv, a
// catalogue of --courses courses (default 2,000; SyntheticCatalogue), and workforce-plan.csv, a
// plan over every role level with about 2,000 open seats (SyntheticWorkforcePlan).
//
// Without --taxonomy-dir it also writes DIR/taxonomy.yaml, a 300-skill synthetic taxonomy; with
// it, people are placed in the roles of the taxonomy read from DIR's *.yaml files (the sample
// organisation uses Config/taxonomy). --verify imports the written files back through the
// engine's importers and reports their throughput.

import CadreEngine
import Foundation

struct Usage: Error, CustomStringConvertible {
    var description: String
}

struct Arguments {
    var people = 1_000
    var seed: UInt64 = 1
    var asOf = CalendarDay(year: 2025, month: 6, day: 30)!
    var out = ""
    var taxonomyDirectory: String?
    var credentialsDirectory: String?
    var verify = false
    var courses = SyntheticCatalogue.defaultCourseCount

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw Usage(description: "\(flag) needs a value") }
            return next
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--size":
                let size = try value(flag)
                switch size.uppercased() {
                case "S": people = 1_000
                case "M": people = 10_000
                case "L": people = 100_000
                default:
                    guard let count = Int(size), count > 0 else {
                        throw Usage(description: "--size is S, M, L or a number of people (got `\(size)`)")
                    }
                    people = count
                }
            case "--seed":
                guard let seed = UInt64(try value(flag)) else { throw Usage(description: "--seed needs a whole number") }
                self.seed = seed
            case "--as-of":
                let text = try value(flag)
                let parts = text.split(separator: "-").compactMap { Int($0) }
                guard parts.count == 3, let day = CalendarDay(year: parts[0], month: parts[1], day: parts[2]) else {
                    throw Usage(description: "--as-of needs a date YYYY-MM-DD (got `\(text)`)")
                }
                asOf = day
            case "--out": out = try value(flag)
            case "--taxonomy-dir": taxonomyDirectory = try value(flag)
            case "--credentials-dir": credentialsDirectory = try value(flag)
            case "--courses":
                guard let count = Int(try value(flag)), count > 0 else { throw Usage(description: "--courses needs a whole number > 0") }
                courses = count
            case "--verify": verify = true
            case "--help", "-h":
                throw Usage(description: "usage: cadre-synth --size S|M|L|<people> [--seed N] [--as-of YYYY-MM-DD] --out DIR [--taxonomy-dir DIR] [--courses N] [--verify]")
            default: throw Usage(description: "unknown argument `\(flag)` (try --help)")
            }
        }
        guard !out.isEmpty else { throw Usage(description: "--out DIR is required") }
    }
}

/// Appends chunks to a file as they are generated.
struct FileSink {
    let handle: FileHandle
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw Usage(description: "cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }
    func write(_ bytes: [UInt8]) throws { try handle.write(contentsOf: bytes) }
    func close() throws { try handle.close() }
}

func readTaxonomy(in directory: String) throws -> Taxonomy {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    let sources = try names.map { name in
        let path = (directory as NSString).appendingPathComponent(name)
        return TaxonomySource(name: path, contents: try String(contentsOfFile: path, encoding: .utf8))
    }
    return try TaxonomyParser.parse(sources)
}

func readCredentials(in directory: String, taxonomy: Taxonomy) throws -> CredentialCatalogue {
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    let sources = try names.map { name in
        let path = (directory as NSString).appendingPathComponent(name)
        return CredentialCatalogueSource(name: path, contents: try String(contentsOfFile: path, encoding: .utf8))
    }
    return try CredentialCatalogueParser.parse(sources, taxonomy: taxonomy)
}

/// Credential holdings for a synthetic organisation: about a third of the people hold one or two
/// credentials of the catalogue, earned over the four years before the as-of date — so some are
/// valid, some expiring, some expired, and some of retired credentials.
enum SyntheticHoldings {
    static func csv(people: [ImportedPerson], catalogue: CredentialCatalogue, seed: UInt64, asOf: CalendarDay) -> String {
        var random = SplitMix64(seed: seed ^ 0xC0DE_C0DE)
        let credentials = catalogue.credentials.map(\.id)
        var text = "person,credential,earned_on\n"
        guard !credentials.isEmpty else { return text }
        for person in people.sorted(by: { $0.externalID < $1.externalID }) where random.next() % 3 == 0 {
            var held = Set<String>()
            for _ in 0..<(1 + Int(random.next() % 2)) {
                let credential = credentials[Int(random.next() % UInt64(credentials.count))]
                guard held.insert(credential).inserted else { continue }
                let daysAgo = Int64(random.next() % (4 * 365))
                let earned = CalendarDay(daysSinceEpoch: max(person.hireDate.daysSinceEpoch, asOf.daysSinceEpoch - daysAgo))
                text += "\(person.externalID),\(credential),\(earned)\n"
            }
        }
        return text
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// Imports the written files back, in 1 MiB chunks as the daemon receives them.
func verify(directory: String, taxonomy: Taxonomy) throws {
    let peoplePath = (directory as NSString).appendingPathComponent("people.csv")
    let evidencePath = (directory as NSString).appendingPathComponent("evidence.csv")
    var ids: [String] = []
    var people = PeopleImport(file: peoplePath, context: PeopleImportContext(taxonomy: taxonomy))
    var start = ContinuousClock.now
    try forEachChunk(of: peoplePath) { chunk in try people.feed(chunk) { ids.append($0.externalID) } }
    try people.finish { ids.append($0.externalID) }
    print("verified \(peoplePath): \(ids.count) people in \(String(format: "%.3f", seconds(since: start))) s")

    var evidence = EvidenceImport(file: evidencePath, context: EvidenceImportContext(taxonomy: taxonomy, people: ids))
    var rows = 0
    var bytes = 0
    start = ContinuousClock.now
    try forEachChunk(of: evidencePath) { chunk in
        bytes += chunk.count
        try evidence.feed(chunk) { _ in rows += 1 }
    }
    try evidence.finish { _ in rows += 1 }
    let elapsed = seconds(since: start)
    print("verified \(evidencePath): \(rows) rows, \(bytes / 1_000_000) MB in \(String(format: "%.3f", elapsed)) s"
        + " — \(Int(Double(rows) / elapsed)) rows/s, \(String(format: "%.0f", Double(bytes) / elapsed / 1e6)) MB/s")
}

func forEachChunk(of path: String, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
        try body(ArraySlice(data))
    }
}

do {
    let arguments = try Arguments(Array(CommandLine.arguments.dropFirst()))
    try FileManager.default.createDirectory(atPath: arguments.out, withIntermediateDirectories: true)
    let taxonomy: Taxonomy
    if let directory = arguments.taxonomyDirectory {
        taxonomy = try readTaxonomy(in: directory)
    } else {
        taxonomy = SyntheticTaxonomy.make(seed: arguments.seed)
        let path = (arguments.out as NSString).appendingPathComponent("taxonomy.yaml")
        try Data(SyntheticTaxonomy.yaml(taxonomy).utf8).write(to: URL(fileURLWithPath: path))
        // The file must read back through the real parser, or it is no use to anyone.
        _ = try TaxonomyParser.parse([TaxonomySource(name: path, contents: try String(contentsOfFile: path, encoding: .utf8))])
    }
    let start = ContinuousClock.now
    let organisation = SyntheticOrganisation(
        taxonomy: taxonomy, people: arguments.people, seed: arguments.seed, asOf: arguments.asOf)
    for (name, write) in [
        ("people.csv", organisation.writePeople(chunkSize:to:)),
        ("evidence.csv", organisation.writeEvidence(chunkSize:to:)),
    ] as [(String, (Int, @escaping ([UInt8]) throws -> Void) throws -> Void)] {
        let sink = try FileSink(path: (arguments.out as NSString).appendingPathComponent(name))
        try write(1 << 20) { try sink.write($0) }
        try sink.close()
    }
    let compiled = try CompiledTaxonomy(taxonomy)
    let ladder = try RetentionLadder(
        taxonomy: compiled, expectedMonths: compiled.roleLevels.map { taxonomy.role($0.role)?.level($0.rung)?.expectedMonths })
    let people = SyntheticHistory.people(of: organisation)
    let history = SyntheticHistory(people: people, ladder: ladder, seed: arguments.seed, asOf: arguments.asOf)
    let events = try FileSink(path: (arguments.out as NSString).appendingPathComponent("hr-events.csv"))
    try history.writeEvents(chunkSize: 1 << 20) { try events.write($0) }
    try events.close()
    // The training and sourcing benchmarks' inputs: a course catalogue over the taxonomy's skills
    // (read back through the real parser) and a workforce plan over every role level.
    let courses = SyntheticCatalogue.make(taxonomy: taxonomy, courses: arguments.courses, seed: arguments.seed)
    let coursesPath = (arguments.out as NSString).appendingPathComponent("courses.csv")
    try Data(SyntheticCatalogue.csv(courses).utf8).write(to: URL(fileURLWithPath: coursesPath))
    _ = try CatalogueParser.parse(
        [CatalogueSource(name: coursesPath, contents: try String(contentsOfFile: coursesPath, encoding: .utf8))],
        skills: taxonomy.skills.map(\.id))
    // A plan is imported only with due dates from the import's day on: count from today when
    // that is later than the as-of date.
    let today = CalendarDay(daysSinceEpoch: Int64(Date().timeIntervalSince1970) / 86_400)
    let plan = SyntheticWorkforcePlan.make(
        taxonomy: taxonomy, people: people,
        notBefore: today.daysSinceEpoch > arguments.asOf.daysSinceEpoch ? today : arguments.asOf)
    try Data(SyntheticWorkforcePlan.csv(plan).utf8)
        .write(to: URL(fileURLWithPath: (arguments.out as NSString).appendingPathComponent("workforce-plan.csv")))
    if let directory = arguments.credentialsDirectory {
        let catalogue = try readCredentials(in: directory, taxonomy: taxonomy)
        let holdings = SyntheticHoldings.csv(people: people, catalogue: catalogue, seed: arguments.seed, asOf: arguments.asOf)
        try Data(holdings.utf8).write(to: URL(fileURLWithPath: (arguments.out as NSString).appendingPathComponent("credentials.csv")))
    }
    print("wrote \(organisation.personCount) people to \(arguments.out) in \(String(format: "%.3f", seconds(since: start))) s")
    if arguments.verify { try verify(directory: arguments.out, taxonomy: taxonomy) }
} catch let errors as InputErrors {
    FileHandle.standardError.write(Data("cadre-synth: \(errors)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("cadre-synth: \(error)\n".utf8))
    exit(error is Usage ? 64 : 1)
}
