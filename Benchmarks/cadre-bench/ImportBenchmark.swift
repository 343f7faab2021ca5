import CadreEngine
import CadreWire
import Foundation

/// `cadre-bench import`: a synthetic organisation's people and evidence streamed through cadred
/// (`BeginImport`, `ImportChunk` with ~1 MiB chunks split at line breaks, `CommitImport`), timed
/// end to end from the client, against the same files parsed and validated by the engine in this
/// process and loaded by the sqlite3 shell's `.import`, both measured in the same run.
enum ImportBenchmark: Benchmark {
    static let name = "import"
    static let summary = "people and evidence import through cadred vs the engine in-process and sqlite3 .import"
    static let help = """
        usage: cadre-bench import --data DIR [options]

          --data DIR        a cadre-synth organisation: taxonomy.yaml, people.csv, evidence.csv
          --socket PATH     cadred's control socket (default $CADRE_SOCKET)
          --chunk-bytes N   bytes per ImportChunk, split at the last line break (default 1048576)
          --sqlite3 PATH    the sqlite3 shell for the SQLite baseline (default: sqlite3 on PATH)
          --skip-sqlite     no SQLite baseline

        Loads DIR/taxonomy.yaml first (a no-op when it is already the latest version), then imports
        people and evidence for real: run it on a daemon whose store can take the rows.
        Exit status: 0 imported and measured, 1 the daemon rejected a file, 2 a file or cadred could
        not be reached, 64 bad usage.

        """

    static let options: Set<String> = ["data", "socket", "chunk-bytes", "sqlite3", "skip-sqlite"]

    static func run(_ options: BenchOptions) throws -> Int32 {
        let unknown = options.unknown(besides: Self.options)
        guard unknown.isEmpty else { throw BenchUsageError(message: "unknown option --\(unknown[0])") }
        guard let data = options.string("data") else { throw BenchUsageError(message: "--data DIR is required") }
        let socket = try controlSocket(options)
        let chunkBytes = try options.int("chunk-bytes", default: 1 << 20, atLeast: 1024)
        let directory = URL(fileURLWithPath: data)
        let taxonomyPath = directory.appendingPathComponent("taxonomy.yaml").path
        let peoplePath = directory.appendingPathComponent("people.csv").path
        let evidencePath = directory.appendingPathComponent("evidence.csv").path

        let taxonomyText = try String(contentsOfFile: taxonomyPath, encoding: .utf8)
        let taxonomy = try TaxonomyParser.parse([TaxonomySource(name: taxonomyPath, contents: taxonomyText)])
        let sizes = try [peoplePath, evidencePath].map { path in
            (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }

        // Baselines first: the engine's pass also brings both files into the page cache, so no
        // route pays for the disk.
        let scales = AssessmentPolicy.standard.scales.values.sorted { $0.name < $1.name }
        let engine = try ImportBaselines.engine(
            taxonomy: taxonomy, people: peoplePath, evidence: evidencePath, chunkBytes: chunkBytes, scales: scales)
        var sqlite: (people: ImportBaselines.Timing, evidence: ImportBaselines.Timing)?
        if !options.flag("skip-sqlite") {
            if let sqlite3 = ImportBaselines.onPath(options.string("sqlite3") ?? "sqlite3") {
                sqlite = try ImportBaselines.sqlite(
                    sqlite3, people: peoplePath, evidence: evidencePath, in: FileManager.default.temporaryDirectory)
            } else {
                printError("no sqlite3 shell on PATH (apt-get install sqlite3); the SQLite baseline is skipped")
            }
        }

        let connection = try VarlinkConnection(socketPath: socket)
        let loaded = try connection.call(
            Workforce.Method.loadTaxonomy.qualifiedName,
            Workforce.LoadTaxonomyParameters(
                files: [Workforce.SourceFile(name: "taxonomy.yaml", contents: taxonomyText)], source: "cadre-bench import"),
            as: Workforce.TaxonomyReply.self)
        print("cadred        \(socket); taxonomy version \(loaded.taxonomy.version)\(loaded.taxonomy.unchanged ? " (unchanged)" : "")")
        let daemonPeople: DaemonImport, daemonEvidence: DaemonImport
        do {
            daemonPeople = try DaemonImport.run(kind: "people", path: peoplePath, chunkBytes: chunkBytes, over: connection)
            daemonEvidence = try DaemonImport.run(kind: "evidence", path: evidencePath, chunkBytes: chunkBytes, over: connection)
        } catch let error as VarlinkRemoteError {
            printError("cadred rejected the import: \(error)")
            return BenchExit.checkFailed
        }

        print(String(format: "files         people.csv %d rows, %.1f MB; evidence.csv %d rows, %.1f MB; chunks of %d bytes",
                     engine.people.rows, Double(sizes[0]) / 1e6, engine.evidence.rows, Double(sizes[1]) / 1e6, chunkBytes))
        print("route                      people rows/s   time        evidence rows/s   time")
        func row(_ label: String, _ people: ImportBaselines.Timing, _ evidence: ImportBaselines.Timing) {
            print(label.padding(toLength: 25, withPad: " ", startingAt: 0)
                + String(format: "%14.0f   ", people.rowsPerSecond)
                + formatDuration(milliseconds: people.milliseconds).padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(format: "  %15.0f   ", evidence.rowsPerSecond) + formatDuration(milliseconds: evidence.milliseconds))
        }
        row("cadred over varlink", daemonPeople.timing, daemonEvidence.timing)
        row("engine in-process", engine.people, engine.evidence)
        if let sqlite { row("sqlite3 .import", sqlite.people, sqlite.evidence) }
        for imported in [daemonPeople, daemonEvidence] { print(imported.split) }

        let evidenceRatio = daemonEvidence.timing.milliseconds / engine.evidence.milliseconds
        let peopleRatio = daemonPeople.timing.milliseconds / engine.people.milliseconds
        var ratios = String(format: "ratio (time)  cadred / engine: people %.2f, evidence %.2f", peopleRatio, evidenceRatio)
        if let sqlite {
            ratios += String(format: "; cadred / sqlite3: people %.2f, evidence %.2f",
                             daemonPeople.timing.milliseconds / sqlite.people.milliseconds,
                             daemonEvidence.timing.milliseconds / sqlite.evidence.milliseconds)
        }
        print(ratios)

        for (kind, daemon, baseline) in [("people", daemonPeople.timing, engine.people), ("evidence", daemonEvidence.timing, engine.evidence)] {
            BenchSummary.line(
                benchmark: name, figure: "\(kind) rows/s vs engine", cadre: String(format: "%.0f rows/s", daemon.rowsPerSecond),
                baseline: String(format: "%.0f rows/s", baseline.rowsPerSecond),
                ratio: baseline.rowsPerSecond > 0 ? daemon.rowsPerSecond / baseline.rowsPerSecond : nil)
        }
        if let sqlite {
            BenchSummary.line(
                benchmark: name, figure: "evidence rows/s vs sqlite3",
                cadre: String(format: "%.0f rows/s", daemonEvidence.timing.rowsPerSecond),
                baseline: String(format: "%.0f rows/s", sqlite.evidence.rowsPerSecond),
                ratio: daemonEvidence.timing.rowsPerSecond / sqlite.evidence.rowsPerSecond)
        }
        return BenchExit.success
    }
}

/// One file through `BeginImport`, `ImportChunk`…, `CommitImport`, with where the time went.
struct DaemonImport {
    var kind: String
    var timing: ImportBaselines.Timing
    var beginMilliseconds = 0.0
    /// Building each call's JSON in the client (the file's text escaped into a string).
    var encodeMilliseconds = 0.0
    /// From the first byte of each chunk call sent to its reply: cadred decoding, parsing,
    /// validating and staging the rows.
    var chunkMilliseconds = 0.0
    var chunks = 0
    /// The commit's transaction into the store.
    var commitMilliseconds = 0.0
    var summary: Workforce.ImportSummary?

    var split: String {
        kind.padding(toLength: 14, withPad: " ", startingAt: 0)
            + "begin \(formatDuration(milliseconds: beginMilliseconds)), client JSON encode \(formatDuration(milliseconds: encodeMilliseconds)), "
            + "\(chunks) chunk calls \(formatDuration(milliseconds: chunkMilliseconds)), commit \(formatDuration(milliseconds: commitMilliseconds)); "
            + "\(summary?.inserted ?? 0) inserted, data version \(summary?.dataVersion ?? 0)"
    }

    /// A call as it goes on the wire, built here rather than by the client so its encoding is timed apart.
    private struct Call<Parameters: Encodable>: Encodable {
        var method: String
        var parameters: Parameters
    }

    static func run(kind: String, path: String, chunkBytes: Int, over connection: VarlinkConnection) throws -> DaemonImport {
        var result = DaemonImport(kind: kind, timing: ImportBaselines.Timing(rows: 0, milliseconds: 0))
        let start = monotonicNanoseconds()
        let id = try connection.call(
            Workforce.Method.beginImport.qualifiedName,
            Workforce.BeginImportParameters(kind: kind, name: (path as NSString).lastPathComponent, format: "csv"),
            as: Workforce.ImportID.self
        ).importId
        result.beginMilliseconds = ImportBaselines.milliseconds(since: start)
        let method = Workforce.Method.importChunk.qualifiedName
        try LineChunks(path: path, size: chunkBytes).forEach { chunk in
            let encodeStart = monotonicNanoseconds()
            let parameters = Workforce.ImportChunkParameters(importId: id, data: String(decoding: chunk, as: UTF8.self))
            let bytes = try WireJSON.encode(Call(method: method, parameters: parameters)) + [0]
            let callStart = monotonicNanoseconds()
            result.encodeMilliseconds += Double(callStart - encodeStart) / 1e6
            try connection.send(bytes)
            guard let reply = try connection.receive(Workforce.ImportProgress.self, timeoutMilliseconds: -1) else {
                throw VarlinkClientError(.closed, socketPath: connection.socketPath, "no reply to ImportChunk")
            }
            _ = try reply.get()
            result.chunkMilliseconds += ImportBaselines.milliseconds(since: callStart)
            result.chunks += 1
        }
        let commitStart = monotonicNanoseconds()
        let summary = try connection.call(
            Workforce.Method.commitImport.qualifiedName, Workforce.ImportID(importId: id),
            as: Workforce.ImportSummaryReply.self
        ).summary
        result.commitMilliseconds = ImportBaselines.milliseconds(since: commitStart)
        result.summary = summary
        result.timing = ImportBaselines.Timing(rows: summary.rows, milliseconds: ImportBaselines.milliseconds(since: start))
        return result
    }
}
