import CadreEngine
import Foundation

/// `cadre-bench retention`: the retention phase's model fitted on the synthetic organisation's own
/// HR history (cadre-synth's hr-events.csv), in this process — the fitting snapshot over everyone
/// employed a year before the as-of date and the ridge-penalised Newton fit, then the whole
/// phase's computation — against a plain numpy Newton fit of the same rows
/// (Benchmarks/numpy/retention_fit.py): both coefficient vectors and the times.
enum RetentionBenchmark: Benchmark {
    static let name = "retention"
    static let summary = "retention fit on the organisation's HR history in-process vs numpy"
    static let help = """
        usage: cadre-bench retention --data DIR [options]

          --data DIR           cadre-synth output (taxonomy.yaml, people.csv, evidence.csv,
                               hr-events.csv)
          --as-of DATE         the as-of date (default 2025-06-30, cadre-synth's)
          --runs N             timed fits and phase computations, best reported (default 5)
          --python PATH        python interpreter (default python3)
          --script PATH        the baseline (default Benchmarks/numpy/retention_fit.py)
          --target-seconds X   the fit (snapshot and Newton) should stay under this (default 1)
          --tolerance X        largest coefficient difference accepted (default 1e-6)
          --skip-numpy         no numpy baseline

        Exit status: 0 measured and agreeing, 1 the coefficients differ, 2 the baseline could not
        run, 64 bad usage.

        """

    static let options: Set<String> = ["data", "as-of", "runs", "python", "script", "target-seconds", "tolerance", "skip-numpy"]

    static func run(_ options: BenchOptions) throws -> Int32 {
        let unknown = options.unknown(besides: Self.options)
        guard unknown.isEmpty else { throw BenchUsageError(message: "unknown option --\(unknown[0])") }
        guard let data = options.string("data") else { throw BenchUsageError(message: "--data DIR is required") }
        let day = try OrganisationInputs.day(options.string("as-of") ?? "2025-06-30", option: "as-of")
        let runs = try options.int("runs", default: 5, atLeast: 1)
        let targetSeconds = Double(options.string("target-seconds") ?? "1") ?? 1
        let tolerance = Double(options.string("tolerance") ?? "1e-6") ?? 1e-6

        // Inputs as the retention worker builds them, untimed: people in the estimates' order,
        // the HR events, the ladder, estimates at T and at the ends of D − 365 and D − 730.
        let directory = URL(fileURLWithPath: data)
        let organisation = try OrganisationInputs(data: directory, asOf: day)
        let start = monotonicNanoseconds()
        var byID: [String: ImportedPerson] = [:]
        for person in organisation.files.importedPeople { byID[person.externalID] = person }
        let people = organisation.input.personIDs.compactMap { byID[$0] }
        let eventsPath = directory.appendingPathComponent("hr-events.csv").path
        var reader = HREventImport(
            file: eventsPath, context: HREventImportContext(taxonomy: organisation.files.taxonomy, people: people, asOf: day),
            options: ImportOptions(format: .csv))
        var events: [HREvent] = []
        try LineChunks(path: eventsPath, size: 1 << 20).forEach { try reader.feed($0) { events.append($0) } }
        try reader.finish { events.append($0) }
        let taxonomy = organisation.taxonomy
        let ladder = try RetentionLadder(
            taxonomy: taxonomy,
            expectedMonths: taxonomy.roleLevels.map { organisation.files.taxonomy.role($0.role)?.level($0.rung)?.expectedMonths })
        let history = try RetentionHistory(people: people, events: events, ladder: ladder)
        let year: Int64 = 365 * 86_400
        let oneYear = try organisation.estimates(at: organisation.asOf - year)
        let twoYears = try organisation.estimates(at: organisation.asOf - 2 * year)
        let loadMs = organisation.loadMilliseconds + Double(monotonicNanoseconds() - start) / 1e6
        var policy = RetentionPolicy.standard
        policy.meetsTolerance = AssessmentPolicy.standard.meetsTolerance
        let columns = RetentionSignal.allCases.count

        var snapshotMs = Double.infinity, newtonMs = Double.infinity, phaseMs = Double.infinity
        var rows = history.fittingRows(asOf: day, estimates: oneYear, policy: policy)
        var fit = RetentionFit.fit(features: rows.features, columns: columns, labels: rows.labels, ridge: policy.ridge,
                                   maximumIterations: policy.maximumIterations)
        var result = try RetentionResult(history: history, asOf: day, estimates: organisation.estimates,
                                         estimatesOneYearEarlier: oneYear, estimatesTwoYearsEarlier: twoYears, policy: policy)
        for _ in 0..<runs {
            var clock = monotonicNanoseconds()
            rows = history.fittingRows(asOf: day, estimates: oneYear, policy: policy)
            snapshotMs = min(snapshotMs, Double(monotonicNanoseconds() - clock) / 1e6)
            clock = monotonicNanoseconds()
            fit = RetentionFit.fit(features: rows.features, columns: columns, labels: rows.labels, ridge: policy.ridge,
                                   maximumIterations: policy.maximumIterations)
            newtonMs = min(newtonMs, Double(monotonicNanoseconds() - clock) / 1e6)
            clock = monotonicNanoseconds()
            result = try RetentionResult(history: history, asOf: day, estimates: organisation.estimates,
                                         estimatesOneYearEarlier: oneYear, estimatesTwoYearsEarlier: twoYears, policy: policy)
            phaseMs = min(phaseMs, Double(monotonicNanoseconds() - clock) / 1e6)
        }
        let leavers = rows.labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        let model = result.model
        print(String(format: "history       %d people, %d HR events (read, with the estimates at T, T − 365 d, T − 730 d, untimed in %.0f ms)",
                     history.personCount, events.count, loadMs))
        let auc = model.fitting.auc.map { String(format: "%.4f", $0) } ?? "—"
        let outOfTimeAUC = model.outOfTime.auc.map { String(format: "%.4f", $0) } ?? "—"
        print("snapshot      \(rows.labels.count) people employed on \(CalendarDay(daysSinceEpoch: day.daysSinceEpoch - 365)), "
            + "\(leavers) voluntary leavers in the year after; built in \(formatDuration(milliseconds: snapshotMs))")
        print("fit           Newton \(formatDuration(milliseconds: newtonMs)) (\(fit.iterations) steps, "
            + "\(fit.converged ? "converged" : "NOT converged")), best of \(runs); model \(model.source.rawValue); "
            + "AUC \(auc), out of time \(outOfTimeAUC)")
        let names = ["intercept"] + RetentionSignal.allCases.map(\.name)
        print("coefficients  " + zip(names, fit.coefficients).map { "\($0.0) " + String(format: "%.4f", $0.1) }.joined(separator: ", "))
        print("planted       " + zip(names, SyntheticHistory.plantedCoefficients).map { "\($0.0) " + String(format: "%.2f", $0.1) }
            .joined(separator: ", ") + " (annual risk the history was drawn from)")
        print("phase         \(formatDuration(milliseconds: phaseMs)) in-process (signals and risk for \(result.people.count) "
            + "people, the fit, both AUCs, segments; best of \(runs))")
        let fitMs = snapshotMs + newtonMs
        BenchSummary.line(
            benchmark: name, figure: "fit on \(rows.labels.count) people (snapshot + Newton)", cadre: formatDuration(milliseconds: fitMs),
            baseline: "—", ratio: nil, target: "< \(formatDuration(milliseconds: targetSeconds * 1000)) " + (fitMs < targetSeconds * 1000 ? "met" : "MISSED"))
        BenchSummary.line(
            benchmark: name, figure: "AUC in sample / out of time",
            cadre: auc + " / " + outOfTimeAUC, baseline: "—", ratio: nil)
        BenchSummary.line(
            benchmark: name, figure: "whole retention phase in-process (\(history.personCount) people)",
            cadre: formatDuration(milliseconds: phaseMs), baseline: "—", ratio: nil)
        if options.flag("skip-numpy") { return BenchExit.success }

        let exchange = try PythonBaseline.exchangeDirectory(name)
        defer { try? FileManager.default.removeItem(at: exchange) }
        let snapshotURL = exchange.appendingPathComponent("snapshot.bin")
        try Self.export(rows, columns: columns, policy: policy).write(to: snapshotURL)
        guard let script = PythonBaseline.script("numpy/retention_fit.py", given: options.string("script")) else {
            printError("cannot find Benchmarks/numpy/retention_fit.py; pass --script PATH")
            return BenchExit.failure
        }
        guard let baseline = try PythonBaseline.run(
            python: options.string("python") ?? "python3", script: script, [snapshotURL.path, "--repeat", String(runs)]),
            let numpyMs = baseline["best_ms"] as? Double, let coefficients = baseline["coefficients"] as? [Double],
            coefficients.count == fit.coefficients.count
        else { return BenchExit.failure }
        let difference = zip(coefficients, fit.coefficients).map { abs($0 - $1) }.max() ?? .infinity
        let agrees = difference < tolerance
        print("numpy         Newton \(formatDuration(milliseconds: numpyMs)) (\(baseline["iterations"] as? Int ?? -1) steps), "
            + "best of \(runs); largest coefficient difference " + String(format: "%.2e", difference)
            + (agrees ? " < " : " NOT < ") + String(format: "%.0e", tolerance))
        BenchSummary.line(
            benchmark: name, figure: "Newton fit, same rows", cadre: formatDuration(milliseconds: newtonMs),
            baseline: formatDuration(milliseconds: numpyMs) + " (numpy)", ratio: newtonMs / numpyMs)
        BenchSummary.line(
            benchmark: name, figure: "largest coefficient difference", cadre: String(format: "%.1e", difference),
            baseline: "numpy", ratio: nil, target: String(format: "< %.0e ", tolerance) + (agrees ? "met" : "MISSED"))
        return agrees ? BenchExit.success : BenchExit.checkFailed
    }

    /// The snapshot for Benchmarks/numpy/retention_fit.py ("CARETN01", little-endian): i64 rows,
    /// columns; f64 ridge; i64 maximum iterations; f64 features[rows · columns]; u8 labels[rows].
    static func export(_ rows: (features: [Double], labels: [Bool]), columns: Int, policy: RetentionPolicy) -> Data {
        var file = BinaryExport(magic: "CARETN01")
        file.append(Int64(rows.labels.count))
        file.append(Int64(columns))
        file.append(policy.ridge)
        file.append(Int64(policy.maximumIterations))
        file.append(contentsOf: rows.features)
        file.append(contentsOf: rows.labels.map { UInt8($0 ? 1 : 0) })
        return file.data
    }
}
