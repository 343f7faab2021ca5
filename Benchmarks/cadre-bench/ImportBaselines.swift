import CadreEngine
import Foundation

/// What an import costs without the daemon, measured on the same files in the same run.
enum ImportBaselines {
    /// Time and row count of one file's import by one route.
    struct Timing {
        var rows: Int
        var milliseconds: Double
        var rowsPerSecond: Double { Double(rows) / (milliseconds / 1000) }
    }

    /// The engine's streaming importers in this process, fed the same newline-split chunks the
    /// daemon receives, rows counted and dropped: reading, CSV parsing and validation against the
    /// taxonomy, scales, source kinds and the people file — everything the daemon does per row
    /// except staging and storing it.
    static func engine(
        taxonomy: Taxonomy, people peoplePath: String, evidence evidencePath: String, chunkBytes: Int,
        scales: [Scale]
    ) throws -> (people: Timing, evidence: Timing) {
        let options = ImportOptions(format: .csv)
        var ids: [String] = []
        var start = monotonicNanoseconds()
        var people = PeopleImport(file: peoplePath, context: PeopleImportContext(taxonomy: taxonomy), options: options)
        try LineChunks(path: peoplePath, size: chunkBytes).forEach { chunk in
            try people.feed(chunk) { ids.append($0.externalID) }
        }
        try people.finish { ids.append($0.externalID) }
        let peopleTiming = Timing(rows: people.rowCount, milliseconds: milliseconds(since: start))

        start = monotonicNanoseconds()
        var evidence = EvidenceImport(
            file: evidencePath, context: EvidenceImportContext(taxonomy: taxonomy, people: ids.sorted(), scales: scales),
            options: options)
        var rows = 0
        try LineChunks(path: evidencePath, size: chunkBytes).forEach { chunk in
            try evidence.feed(chunk) { _ in rows += 1 }
        }
        try evidence.finish { _ in rows += 1 }
        return (peopleTiming, Timing(rows: rows, milliseconds: milliseconds(since: start)))
    }

    /// SQLite's own CSV reader (`sqlite3 -csv DB ".import FILE TABLE"`) into a fresh database:
    /// one transaction, text columns named by the header, no validation, no index — the floor for
    /// getting the rows onto disk in SQLite at all. Rows exclude the header.
    static func sqlite(
        _ sqlite3: String, people peoplePath: String, evidence evidencePath: String, in directory: URL
    ) throws -> (people: Timing, evidence: Timing)? {
        let database = directory.appendingPathComponent("sqlite-baseline.db").path
        try? FileManager.default.removeItem(atPath: database)
        defer { try? FileManager.default.removeItem(atPath: database) }
        var timings: [Timing] = []
        for (path, table) in [(peoplePath, "people"), (evidencePath, "evidence")] {
            let start = monotonicNanoseconds()
            let result = try runProgram(sqlite3, ["-csv", database, ".import '\(path)' \(table)"])
            let elapsed = milliseconds(since: start)
            guard result.status == 0 else {
                printError("sqlite3 .import of \(path) exited with status \(result.status)")
                return nil
            }
            let count = try runProgram(sqlite3, [database, "SELECT count(*) FROM \(table);"])
            guard let rows = Int(count.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                printError("sqlite3 could not count the rows of \(table): \(count.output)")
                return nil
            }
            timings.append(Timing(rows: rows, milliseconds: elapsed))
        }
        return (timings[0], timings[1])
    }

    /// An executable named `name` on `PATH`, or nil.
    static func onPath(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func milliseconds(since start: UInt64) -> Double {
        Double(monotonicNanoseconds() - start) / 1e6
    }
}
