import CadreEngine
import Foundation

/// `cadre-bench assess`: times the gap map over a synthetic organisation against the numpy
/// baseline (Benchmarks/numpy/gapmap.py) on the very same arrays, and checks they agree.
enum AssessBenchmark: Benchmark {
    static let name = "assess"
    static let summary = "gap map of a synthetic organisation: Cadre's engine vs numpy"
    static let help = """
        usage: cadre-bench assess [options]

          --people N               people (default 100000)
          --skills N               skills in the taxonomy (default 300)
          --role-levels N          role levels (default 40)
          --evidence-per-person N  evidence rows per person (default 30)
          --seed N                 generator seed (default 1)
          --runs N                 timed runs of Cadre's engine, best reported (default 5)
          --numpy-runs N           timed runs of the numpy baseline (default 3)
          --python PATH            python interpreter (default python3)
          --numpy-script PATH      the baseline (default Benchmarks/numpy/gapmap.py)
          --data PATH              keep the exchanged arrays at PATH (default: a temporary file)
          --skip-numpy             time Cadre only
          --tolerance X            relative difference allowed between the two (default 1e-9)

        Exit status: 0 both agree, 1 they differ, 2 the baseline could not run, 64 bad usage.

        """

    static let options: Set<String> = [
        "people", "skills", "role-levels", "evidence-per-person", "seed", "runs", "numpy-runs",
        "python", "numpy-script", "data", "skip-numpy", "tolerance",
    ]

    static func run(_ options: BenchOptions) throws -> Int32 {
        let unknown = options.unknown(besides: Self.options)
        guard unknown.isEmpty else { throw BenchUsageError(message: "unknown option --\(unknown[0])") }
        let people = try options.int("people", default: 100_000, atLeast: 1)
        let skills = try options.int("skills", default: 300, atLeast: 1)
        let roleLevels = try options.int("role-levels", default: 40, atLeast: 1)
        let evidencePerPerson = try options.int("evidence-per-person", default: 30)
        let seed = try options.int("seed", default: 1)
        let runs = try options.int("runs", default: 5, atLeast: 1)
        let numpyRuns = try options.int("numpy-runs", default: 3, atLeast: 1)
        let tolerance = Double(options.string("tolerance") ?? "1e-9") ?? 1e-9

        let policy = AssessmentPolicy.standard
        let asOf = SyntheticAssessment.asOf
        var start = monotonicNanoseconds()
        let input = try SyntheticAssessment(
            people: people, skills: skills, roleLevels: roleLevels, evidencePerPerson: evidencePerPerson,
            seed: UInt64(seed)).input
        print(String(format: "organisation  %d people, %d skills, %d role levels, %d teams, %d evidence rows (built in %.0f ms)",
                     people, skills, roleLevels, input.teamCount, input.evidenceCount, milliseconds(since: start)))

        var map = try GapMap(assessing: input, asOf: asOf, policy: policy)  // warm-up
        var best = Double.infinity
        for _ in 0..<runs {
            start = monotonicNanoseconds()
            map = try GapMap(assessing: input, asOf: asOf, policy: policy)
            best = min(best, milliseconds(since: start))
        }
        var bytes: [UInt8] = []
        var encodeMs = Double.infinity, decodeMs = Double.infinity
        for _ in 0..<3 {
            start = monotonicNanoseconds()
            bytes = map.encoded()
            encodeMs = min(encodeMs, milliseconds(since: start))
            start = monotonicNanoseconds()
            let decoded = try GapMap(decoding: bytes)
            decodeMs = min(decodeMs, milliseconds(since: start))
            guard decoded == map else {
                printError("the gap map did not survive encoding and decoding")
                return BenchExit.checkFailed
            }
        }
        print(String(format: "cadre         %9.1f ms  (best of %d; %d cells)", best, runs, map.cellEstimate.count))
        print(String(format: "encoding      %.1f MB, encoded in %.1f ms, decoded in %.1f ms (best of 3; round trip equal)",
                     Double(bytes.count) / 1e6, encodeMs, decodeMs))
        if options.flag("skip-numpy") { return BenchExit.success }

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cadre-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataURL = options.string("data").map { URL(fileURLWithPath: $0) } ?? directory.appendingPathComponent("input.bin")
        let resultURL = directory.appendingPathComponent("result.bin")
        try AssessBenchmarkData.write(input, policy: policy, asOf: asOf, to: dataURL)

        guard let script = numpyScript(options.string("numpy-script")) else {
            printError("cannot find Benchmarks/numpy/gapmap.py; pass --numpy-script PATH")
            return BenchExit.failure
        }
        guard let numpyMs = try runNumpy(
            python: options.string("python") ?? "python3", script: script, data: dataURL, result: resultURL,
            runs: numpyRuns)
        else { return BenchExit.failure }
        print(String(format: "numpy         %9.1f ms  (best of %d)", numpyMs, numpyRuns))
        print(String(format: "ratio         %9.3f    (cadre / numpy; %.1f× faster)", best / numpyMs, numpyMs / best))
        BenchSummary.line(
            benchmark: name, figure: "gap map, \(people) people", cadre: formatDuration(milliseconds: best),
            baseline: formatDuration(milliseconds: numpyMs) + " (numpy)", ratio: best / numpyMs)

        let result = try AssessBenchmarkData.readResult(from: resultURL)
        let agreement = AssessAgreement(map: map, numpy: result, tolerance: tolerance)
        for line in agreement.report { print(line) }
        return agreement.agrees ? BenchExit.success : BenchExit.checkFailed
    }

    static func milliseconds(since start: UInt64) -> Double {
        Double(monotonicNanoseconds() - start) / 1e6
    }

    /// The baseline beside this source file in the checkout, or relative to the working directory.
    static func numpyScript(_ given: String?) -> String? {
        if let given { return given }
        let beside = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("numpy/gapmap.py").path
        return ["Benchmarks/numpy/gapmap.py", beside].first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Runs the baseline; its last stdout line is JSON with `best_ms`. Its stderr passes through.
    static func runNumpy(python: String, script: String, data: URL, result: URL, runs: Int) throws -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, data.path, "--out", result.path, "--repeat", String(runs)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            printError("numpy baseline exited with status \(process.terminationStatus)")
            return nil
        }
        let lastLine = String(decoding: stdout, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        guard let json = try? JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any],
            let bestMs = json["best_ms"] as? Double
        else {
            printError("numpy baseline printed no timing: \(lastLine)")
            return nil
        }
        return bestMs
    }
}
