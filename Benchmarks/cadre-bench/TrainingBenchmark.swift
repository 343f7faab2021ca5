import CadreEngine
import CadreWire
import Foundation

/// `cadre-bench training`: the training phase of the synthetic organisation (cadre-synth's
/// courses.csv over its taxonomy) through cadred's worker, the same phase in this process, and a
/// sample of the plans against HiGHS solving the same integer programmes
/// (Benchmarks/highs/learning_plans.py): equal optimal cost, share proven optimal, time per plan.
enum TrainingBenchmark: Benchmark {
    static let name = "training"
    static let summary = "training phase through its worker vs the engine in-process; sampled plans vs HiGHS"
    static let help = """
        usage: cadre-bench training --data DIR [options]

          --data DIR           cadre-synth output (taxonomy.yaml, people.csv, evidence.csv,
                               courses.csv) that cadred holds: people and evidence imported
                               (`cadre-bench import`), the catalogue loaded (`cadrectl catalogue
                               load DIR/courses.csv`)
          --socket PATH        cadred's control socket (default $CADRE_SOCKET)
          --as-of DATE         the runs' as-of date (default 2025-06-30, cadre-synth's)
          --runs N             runs through cadred (default 1; the least worker time is reported)
          --engine-runs N      timed in-process phases, best reported (default 1)
          --sample N           people whose plans are checked against HiGHS (default 1000)
          --sample-runs N      timed passes over the sample, each with a fresh planner, best
                               reported (default 5)
          --python PATH        python interpreter (default python3)
          --script PATH        the baseline (default Benchmarks/highs/learning_plans.py)
          --export PATH        keep the exported problems at PATH (default: a temporary file)
          --target-seconds X   the phase's worker time should stay at or under this (default 2)
          --skip-daemon        no runs through cadred
          --skip-highs         no HiGHS baseline

        Exit status: 0 measured and agreeing, 1 cadred and the engine disagree or a plan is not
        HiGHS's optimum, 2 cadred or the baseline could not run, 64 bad usage.

        """

    static let options: Set<String> = [
        "data", "socket", "as-of", "runs", "engine-runs", "sample", "sample-runs", "python", "script", "export", "target-seconds",
        "skip-daemon", "skip-highs",
    ]

    static func run(_ options: BenchOptions) throws -> Int32 {
        let unknown = options.unknown(besides: Self.options)
        guard unknown.isEmpty else { throw BenchUsageError(message: "unknown option --\(unknown[0])") }
        guard let data = options.string("data") else { throw BenchUsageError(message: "--data DIR is required") }
        let asOfText = options.string("as-of") ?? "2025-06-30"
        let day = try OrganisationInputs.day(asOfText, option: "as-of")
        let runs = try options.int("runs", default: 1, atLeast: 1)
        let engineRuns = try options.int("engine-runs", default: 1, atLeast: 1)
        let sampleSize = try options.int("sample", default: 1000, atLeast: 1)
        let sampleRuns = try options.int("sample-runs", default: 5, atLeast: 1)
        let targetSeconds = Double(options.string("target-seconds") ?? "2") ?? 2
        var agrees = true

        // Through cadred: the phase's worker time from the runs' phase summaries.
        var daemon: DaemonPhase?
        if !options.flag("skip-daemon") {
            let measured = try DaemonPhase.measure(name, socket: try controlSocket(options), asOf: asOfText, runs: runs)
            guard case .bool(true)? = measured.best?.summary?["catalogueLoaded"] else {
                printError("cadred's training phase had no course catalogue: load one first (cadrectl catalogue load \(data)/courses.csv)")
                return BenchExit.failure
            }
            daemon = measured
        }

        // In this process: the same inputs, the engine's TrainingPhase.run.
        let directory = URL(fileURLWithPath: data)
        let organisation = try OrganisationInputs(data: directory, asOf: day)
        let coursesPath = directory.appendingPathComponent("courses.csv").path
        let catalogue = try CatalogueParser.parse(
            [CatalogueSource(name: coursesPath, contents: try String(contentsOfFile: coursesPath, encoding: .utf8))],
            skills: organisation.files.taxonomy.skills.map(\.id))
        let compiled = try CompiledCatalogue(catalogue, taxonomy: organisation.taxonomy)
        let input = organisation.input
        let people = try TrainingPeople(
            ids: input.personIDs, team: input.personTeam, teamIDs: input.teamIDs, roleLevel: input.personRoleLevel,
            courseCount: compiled.courseCount, roleLevelCount: organisation.taxonomy.roleLevelCount)
        let settings = PlanningSettings(tolerance: AssessmentPolicy.standard.meetsTolerance, asOf: day)
        let trainingInput = TrainingInput(
            taxonomy: organisation.taxonomy, catalogue: compiled, estimates: organisation.estimates, people: people,
            settings: settings)
        // No warm-up: each run plans everyone afresh (a new memo), as the worker does once per run.
        var engineMs = Double.infinity
        var planned: TrainingResult?
        for _ in 0..<engineRuns {
            let start = monotonicNanoseconds()
            planned = TrainingPhase.run(trainingInput, threads: max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)))
            engineMs = min(engineMs, Double(monotonicNanoseconds() - start) / 1e6)
        }
        guard let result = planned else { return BenchExit.failure }
        let org = result.organisation
        let bounded = result.boundedPlans
        print("in-process    \(formatDuration(milliseconds: engineMs)) (best of \(engineRuns)): "
            + "\(result.personCount) people, \(compiled.courseCount) courses, \(org.peopleWithPlans) with plans, "
            + "\(org.peopleBlocked) blocked, \(result.distinctProblems) distinct problems, \(bounded) bounded; cost \(org.cost), "
            + "\(org.hours / 100) h (inputs parsed and estimated untimed in \(Int(organisation.loadMilliseconds)) ms)")
        let provenShare = 1 - Double(bounded) / Double(max(1, result.personCount))

        if let daemon, let best = daemon.best, let summary = best.summary {
            let same = summary["people"]?.intValue == result.personCount
                && summary["peopleWithPlans"]?.intValue == org.peopleWithPlans
                && summary["cost"]?.intValue.map(Int64.init) == org.cost
                && summary["boundedPlans"]?.intValue == bounded
            agrees = agrees && same
            print("agree         \(same ? "yes" : "NO"): cadred's summary people \(summary["people"]?.intValue ?? -1), with plans "
                + "\(summary["peopleWithPlans"]?.intValue ?? -1), cost \(summary["cost"]?.intValue ?? -1), bounded "
                + "\(summary["boundedPlans"]?.intValue ?? -1); in-process \(result.personCount), \(org.peopleWithPlans), \(org.cost), \(bounded)")
            let worker = best.workerMilliseconds ?? best.wallMilliseconds
            print("worker peak   training worker \(daemon.peakText)")
            BenchSummary.line(
                benchmark: name, figure: "training phase, worker (\(result.personCount) people, \(compiled.courseCount) courses)",
                cadre: formatDuration(milliseconds: worker), baseline: formatDuration(milliseconds: engineMs) + " (engine)",
                ratio: worker / engineMs, target: BenchSummary.atMost(worker / 1000, targetSeconds, unit: " s"))
            BenchSummary.line(
                benchmark: name, figure: "training phase, wall in the run", cadre: formatDuration(milliseconds: best.wallMilliseconds),
                baseline: "—", ratio: nil)
            BenchSummary.line(benchmark: name, figure: "peak RSS", cadre: "worker training \(daemon.peakText)", baseline: "—", ratio: nil)
        } else {
            BenchSummary.line(
                benchmark: name, figure: "training phase in-process (\(result.personCount) people)",
                cadre: formatDuration(milliseconds: engineMs), baseline: "—", ratio: nil)
        }
        BenchSummary.line(
            benchmark: name, figure: "plans proven optimal (all \(result.personCount))",
            cadre: String(format: "%.3f %% (%d bounded)", 100 * provenShare, bounded), baseline: "—", ratio: nil,
            target: "≥ 99.9 % " + (provenShare >= 0.999 ? "met" : "MISSED"))
        if options.flag("skip-highs") { return agrees ? BenchExit.success : BenchExit.checkFailed }

        // A sample against HiGHS: a fresh planner (its memo filled only by the sample), timed;
        // the least of `sampleRuns` such runs, each with a fresh planner, as for the engine.
        let count = min(sampleSize, result.personCount)
        let sample = (0..<count).map { $0 * result.personCount / count }
        var planner = LearningPlanner(taxonomy: organisation.taxonomy, catalogue: compiled, settings: settings)
        var coreOf: [Int] = []
        var sampleMs = Double.infinity
        for _ in 0..<sampleRuns {
            planner = LearningPlanner(taxonomy: organisation.taxonomy, catalogue: compiled, settings: settings)
            coreOf = []
            let start = monotonicNanoseconds()
            for p in sample {
                coreOf.append(planner.solve(person: p, estimates: organisation.estimates, toward: Int(input.personRoleLevel[p])))
            }
            sampleMs = min(sampleMs, Double(monotonicNanoseconds() - start) / 1e6)
        }
        var export = TrainingExport(catalogue: compiled, tolerance: settings.tolerance)
        for (index, p) in sample.enumerated() {
            export.add(person: p, id: input.personIDs[p], roleLevel: Int(input.personRoleLevel[p]), taxonomy: organisation.taxonomy,
                       estimates: organisation.estimates, core: planner.cores[coreOf[index]])
        }
        let exchange = try PythonBaseline.exchangeDirectory(name)
        defer { try? FileManager.default.removeItem(at: exchange) }
        let exportURL = options.string("export").map { URL(fileURLWithPath: $0) } ?? exchange.appendingPathComponent("problems.json")
        try JSONEncoder().encode(export).write(to: exportURL)
        guard let script = PythonBaseline.script("highs/learning_plans.py", given: options.string("script")) else {
            printError("cannot find Benchmarks/highs/learning_plans.py; pass --script PATH")
            return BenchExit.failure
        }
        guard let baseline = try PythonBaseline.run(python: options.string("python") ?? "python3", script: script, [exportURL.path]),
              let solveMs = baseline["solve_ms"] as? Double, let rows = baseline["people"] as? [[String: Any]], rows.count == count
        else { return BenchExit.failure }

        var equal = 0, feasible = 0, sampleBounded = 0
        var mismatches: [String] = []
        for (index, row) in rows.enumerated() {
            let core = planner.cores[coreOf[index]]
            if core.status == .bounded { sampleBounded += 1 }
            if row["cadre_feasible"] as? Bool == true { feasible += 1 }
            if let cost = row["cost"] as? Int, Int64(cost) == core.cost {
                equal += 1
            } else if mismatches.count < 5 {
                mismatches.append("\(input.personIDs[sample[index]]): cadre \(core.cost) (\(core.status.rawValue)), HiGHS \(row["cost"].map { "\($0)" } ?? "none") (\(row["status"] ?? "?"))")
            }
        }
        let cadrePerPlan = sampleMs / Double(count), highsPerPlan = solveMs / Double(count)
        let buildMs = baseline["build_ms"] as? Double ?? 0
        print(String(format: "sample        %d people: cadre %.1f ms (%.1f µs a plan, best of %d fresh planners: %d distinct problems); ",
                     count, sampleMs, cadrePerPlan * 1000, sampleRuns, planner.cores.count)
            + (baseline["solver"] as? String ?? "HiGHS")
            + String(format: " %.0f ms solving (%.2f ms a plan; models built in %.0f ms untimed)", solveMs, highsPerPlan, buildMs))
        print("agree         \(equal)/\(count) plans cost HiGHS's optimum to the minor unit; \(feasible)/\(count) of Cadre's plans "
            + "checked feasible by the baseline; \(sampleBounded) bounded in the sample")
        for line in mismatches { print("  differs     " + line) }
        agrees = agrees && equal == count && feasible == count
        let equalShare = Double(equal) / Double(count)
        BenchSummary.line(
            benchmark: name, figure: "plans at HiGHS's optimum (\(count) sampled)",
            cadre: String(format: "%.1f %% (%d/%d; %d feasible)", 100 * equalShare, equal, count, feasible), baseline: "HiGHS",
            ratio: nil, target: "100 % " + (equal == count ? "met" : "MISSED"))
        let ratio = cadrePerPlan / highsPerPlan
        BenchSummary.line(
            benchmark: name, figure: "time per plan (\(count) sampled)", cadre: String(format: "%.1f µs", cadrePerPlan * 1000),
            baseline: String(format: "%.2f ms (HiGHS)", highsPerPlan), ratio: ratio,
            target: "≤ 0.01 " + (ratio <= 0.01 ? "met" : "MISSED"))
        return agrees ? BenchExit.success : BenchExit.checkFailed
    }
}
