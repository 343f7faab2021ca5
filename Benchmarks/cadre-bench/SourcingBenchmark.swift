import CadreEngine
import CadreWire
import Foundation

/// `cadre-bench sourcing`: the sourcing phase of the synthetic organisation with its workforce plan
/// (cadre-synth's workforce-plan.csv over every role level) through cadred's worker, the same phase
/// in this process, and its internal-transfer network against OR-Tools' min-cost flow
/// (Benchmarks/ortools/transfers.py): both optima and the solve times.
enum SourcingBenchmark: Benchmark {
    static let name = "sourcing"
    static let summary = "sourcing phase through its worker vs the engine in-process; transfers vs OR-Tools min-cost flow"
    static let help = """
        usage: cadre-bench sourcing --data DIR [options]

          --data DIR           cadre-synth output (taxonomy.yaml, people.csv, evidence.csv,
                               courses.csv, workforce-plan.csv) that cadred holds: people and
                               evidence imported, the catalogue loaded, the plan imported
                               (`cadrectl import plan DIR/workforce-plan.csv`)
          --channels PATH      the channels cadred was started with (default Config/channels.yaml)
          --socket PATH        cadred's control socket (default $CADRE_SOCKET)
          --as-of DATE         the runs' as-of date (default 2025-06-30, cadre-synth's)
          --runs N             runs through cadred (default 1; the least worker time is reported)
          --engine-runs N      timed in-process phases, best reported (default 1)
          --solves N           timed solves of the transfer network on each side (default 3)
          --python PATH        python interpreter (default python3)
          --script PATH        the baseline (default Benchmarks/ortools/transfers.py)
          --target-seconds X   the phase's worker time should stay at or under this (default 2)
          --skip-daemon        no runs through cadred
          --skip-ortools       no OR-Tools baseline
          --network-out PATH   also write the transfer network there (the baseline's input
                               format), to solve it again outside the bench

        Exit status: 0 measured and agreeing, 1 cadred and the engine, or Cadre and OR-Tools,
        disagree, 2 cadred or the baseline could not run, 64 bad usage.

        """

    static let options: Set<String> = [
        "data", "channels", "socket", "as-of", "runs", "engine-runs", "solves", "python", "script", "target-seconds",
        "skip-daemon", "skip-ortools", "network-out",
    ]

    static func run(_ options: BenchOptions) throws -> Int32 {
        let unknown = options.unknown(besides: Self.options)
        guard unknown.isEmpty else { throw BenchUsageError(message: "unknown option --\(unknown[0])") }
        guard let data = options.string("data") else { throw BenchUsageError(message: "--data DIR is required") }
        let asOfText = options.string("as-of") ?? "2025-06-30"
        let day = try OrganisationInputs.day(asOfText, option: "as-of")
        let runs = try options.int("runs", default: 1, atLeast: 1)
        let engineRuns = try options.int("engine-runs", default: 1, atLeast: 1)
        let solves = try options.int("solves", default: 3, atLeast: 1)
        let targetSeconds = Double(options.string("target-seconds") ?? "2") ?? 2
        var agrees = true

        var daemon: DaemonPhase?
        if !options.flag("skip-daemon") {
            let measured = try DaemonPhase.measure(name, socket: try controlSocket(options), asOf: asOfText, runs: runs)
            if case .bool(false)? = measured.best?.summary?["planLoaded"] {
                printError("cadred's sourcing phase had no workforce plan: import one first (cadrectl import plan \(data)/workforce-plan.csv)")
                return BenchExit.failure
            }
            daemon = measured
        }

        // In this process: the same inputs, the engine's planner with learning plans from the training engine.
        let directory = URL(fileURLWithPath: data)
        let organisation = try OrganisationInputs(data: directory, asOf: day)
        let coursesPath = directory.appendingPathComponent("courses.csv").path
        let catalogue = try CompiledCatalogue(
            try CatalogueParser.parse(
                [CatalogueSource(name: coursesPath, contents: try String(contentsOfFile: coursesPath, encoding: .utf8))],
                skills: organisation.files.taxonomy.skills.map(\.id)),
            taxonomy: organisation.taxonomy)
        guard let channelsPath = channelsFile(options.string("channels")) else {
            printError("cannot find Config/channels.yaml; pass --channels PATH")
            return BenchExit.failure
        }
        let channels = try ChannelCatalog.parse(file: channelsPath, contents: try String(contentsOfFile: channelsPath, encoding: .utf8))
        let planPath = directory.appendingPathComponent("workforce-plan.csv").path
        let rows = try WorkforcePlanImport.read(
            Array(try Data(contentsOf: URL(fileURLWithPath: planPath))), file: planPath,
            context: WorkforcePlanImportContext(taxonomy: organisation.taxonomy, asOf: day))
        let input = SourcingInput(
            taxonomy: organisation.taxonomy, estimates: organisation.estimates, personIDs: organisation.input.personIDs,
            personRoleLevel: organisation.input.personRoleLevel, asOf: day, workforcePlan: rows, channels: channels)
        let settings = PlanningSettings(tolerance: input.policy.meetsTolerance, asOf: day)
        var headcount = [Int](repeating: 0, count: organisation.taxonomy.roleLevelCount)
        for level in input.personRoleLevel { headcount[Int(level)] += 1 }
        let openSeats = rows.reduce(0) { total, row in
            total + max(0, row.headcount - (organisation.taxonomy.roleLevelIndex(row.roleLevel).map { headcount[$0] } ?? 0))
        }

        // Each run with a fresh planner (an empty memo) solving every plan it is asked for: the
        // planning the worker did before it took plans toward own role levels from training.
        var engineMs = Double.infinity
        var plan: SourcingPlan?
        var planner = LearningPlanner(taxonomy: organisation.taxonomy, catalogue: catalogue, settings: settings)
        for _ in 0..<engineRuns {
            planner = LearningPlanner(taxonomy: organisation.taxonomy, catalogue: catalogue, settings: settings)
            let start = monotonicNanoseconds()
            plan = try SourcingPlanner.plan(input) { person, roleLevel in
                Self.upskillPlan(&planner, person: person, roleLevel: roleLevel, estimates: organisation.estimates, settings: settings)
            }
            engineMs = min(engineMs, Double(monotonicNanoseconds() - start) / 1e6)
        }
        guard let plan else { return BenchExit.failure }
        let totals = plan.totals
        print("in-process    \(formatDuration(milliseconds: engineMs)) (best of \(engineRuns)): \(rows.count) planned role "
            + "levels, \(openSeats) open seats; target \(totals.target), capable \(totals.capable), upskill \(totals.upskill), "
            + "transfers \(totals.transfers), hires \(totals.hires) (\(totals.lateHires) late), unfilled \(totals.unfilled); "
            + "build \(totals.buildCost), buy \(totals.buyCost)")
        if let daemon, let best = daemon.best, let summary = best.summary {
            let same = summary["target"]?.intValue == totals.target && summary["capable"]?.intValue == totals.capable
                && summary["upskill"]?.intValue == totals.upskill && summary["transfers"]?.intValue == totals.transfers
                && summary["hires"]?.intValue == totals.hires
                && summary["buildCost"]?.intValue.map(Int64.init) == totals.buildCost
            agrees = agrees && same
            print("agree         \(same ? "yes" : "NO"): cadred's summary target \(summary["target"]?.intValue ?? -1), capable "
                + "\(summary["capable"]?.intValue ?? -1), upskill \(summary["upskill"]?.intValue ?? -1), transfers "
                + "\(summary["transfers"]?.intValue ?? -1), hires \(summary["hires"]?.intValue ?? -1), build "
                + "\(summary["buildCost"]?.intValue ?? -1)")
            let worker = best.workerMilliseconds ?? best.wallMilliseconds
            print("worker peak   sourcing worker \(daemon.peakText)")
            BenchSummary.line(
                benchmark: name, figure: "sourcing phase, worker (\(rows.count) role levels, \(openSeats) open seats)",
                cadre: formatDuration(milliseconds: worker), baseline: formatDuration(milliseconds: engineMs) + " (engine)",
                ratio: worker / engineMs, target: BenchSummary.atMost(worker / 1000, targetSeconds, unit: " s"))
            BenchSummary.line(benchmark: name, figure: "peak RSS", cadre: "worker sourcing \(daemon.peakText)", baseline: "—", ratio: nil)
        } else {
            BenchSummary.line(
                benchmark: name, figure: "sourcing phase in-process (\(rows.count) role levels)",
                cadre: formatDuration(milliseconds: engineMs), baseline: "—", ratio: nil)
        }

        // The transfer network alone, on both solvers (built with the plans already in the memo, untimed).
        guard let problem = try SourcingPlanner.transferProblem(input, learningPlan: { person, roleLevel in
            Self.upskillPlan(&planner, person: person, roleLevel: roleLevel, estimates: organisation.estimates, settings: settings)
        }) else {
            printError("the plan leaves nothing to transfer: no planned role level has a shortfall and a source with people")
            return BenchExit.checkFailed
        }
        var solveMs = Double.infinity
        var solution = problem.solve()
        for _ in 0..<solves {
            let start = monotonicNanoseconds()
            solution = problem.solve()
            solveMs = min(solveMs, Double(monotonicNanoseconds() - start) / 1e6)
        }
        print("network       \(problem.groupCapacity.count) groups, \(problem.seatCapacity.count) targets "
            + "(\(problem.seatCapacity.reduce(0, +)) seats), \(problem.candidateCount) candidates, \(problem.arcCount) arcs; "
            + "cadre \(formatDuration(milliseconds: solveMs)) (best of \(solves)): \(solution.transfers) transfers, "
            + "Σ readiness·1e9 \(solution.readinessNanos), plan cost \(solution.planCost)")
        if let path = options.string("network-out") { try Self.export(problem).write(to: URL(fileURLWithPath: path)) }
        if options.flag("skip-ortools") { return agrees ? BenchExit.success : BenchExit.checkFailed }

        let exchange = try PythonBaseline.exchangeDirectory(name)
        defer { try? FileManager.default.removeItem(at: exchange) }
        let networkURL = exchange.appendingPathComponent("network.bin")
        try Self.export(problem).write(to: networkURL)
        guard let script = PythonBaseline.script("ortools/transfers.py", given: options.string("script")) else {
            printError("cannot find Benchmarks/ortools/transfers.py; pass --script PATH")
            return BenchExit.failure
        }
        guard let baseline = try PythonBaseline.run(
            python: options.string("python") ?? "python3", script: script, [networkURL.path, "--repeat", String(solves)]),
            let orMs = baseline["solve_ms"] as? Double, let transfers = baseline["transfers"] as? Int,
            let nanos = (baseline["readiness_nanos"] as? NSNumber)?.int64Value, let money = (baseline["plan_cost"] as? NSNumber)?.int64Value
        else { return BenchExit.failure }
        let certified = baseline["certified"] as? Bool ?? false
        let equal = transfers == solution.transfers && nanos == solution.readinessNanos && money == solution.planCost
        agrees = agrees && equal && certified
        print("or-tools      \(formatDuration(milliseconds: orMs)) (best of \(solves); \(baseline["solver"] as? String ?? "OR-Tools")): "
            + "\(transfers) transfers, Σ readiness·1e9 \(nanos), plan cost \(money); "
            + (certified ? "its plan cost is the least among readiness-optimal flows (checked by a second solve)"
                : "its plan cost is NOT certified least (cost weight too small to fit int64)"))
        print("agree         \(equal ? "yes" : "NO"): both optima (transfers, Σ readiness·1e9, plan cost)")
        BenchSummary.line(
            benchmark: name, figure: "transfer optimum (transfers; Σ readiness·1e9; plan cost)",
            cadre: "\(solution.transfers); \(solution.readinessNanos); \(solution.planCost)",
            baseline: "\(transfers); \(nanos); \(money) (OR-Tools)", ratio: nil, target: "equal " + (equal ? "met" : "MISSED"))
        let ratio = solveMs / orMs
        BenchSummary.line(
            benchmark: name, figure: "transfer solve (\(problem.candidateCount) candidates, \(problem.arcCount) arcs)",
            cadre: formatDuration(milliseconds: solveMs), baseline: formatDuration(milliseconds: orMs) + " (OR-Tools)",
            ratio: ratio, target: BenchSummary.atMost(ratio, 1))
        return agrees ? BenchExit.success : BenchExit.checkFailed
    }

    /// A person's plan toward a role level as the sourcing worker asks for it.
    static func upskillPlan(
        _ planner: inout LearningPlanner, person: Int, roleLevel: Int, estimates: SkillEstimates, settings: PlanningSettings
    ) -> UpskillPlan {
        // Solve first: it may append the core, so `planner.cores` must be read after it.
        let index = planner.solve(person: person, estimates: estimates, toward: roleLevel)
        let core = planner.cores[index]
        return UpskillPlan(
            cost: core.cost, hours: Int(core.hours), readyBy: settings.readyBy(weeks: settings.weeks(forHours: Int(core.hours))),
            hasUncoverable: !core.uncoverable.isEmpty)
    }

    /// The network for Benchmarks/ortools/transfers.py ("CATRAN01", little-endian): i64 groups G,
    /// targets T, candidates C, arcs A; i64 groupCapacity[G] (−1: no limit), seatCapacity[T];
    /// i32 candidateGroup[C], arcOffsets[C+1], arcTarget[A]; i64 readinessNanos[A], planCost[A].
    static func export(_ problem: TransferProblem) -> Data {
        var file = BinaryExport(magic: "CATRAN01")
        for count in [problem.groupCapacity.count, problem.seatCapacity.count, problem.candidateCount, problem.arcCount] {
            file.append(Int64(count))
        }
        file.append(contentsOf: problem.groupCapacity.map { $0 == Int.max ? Int64(-1) : Int64($0) })
        file.append(contentsOf: problem.seatCapacity.map(Int64.init))
        file.append(contentsOf: problem.candidateGroup)
        file.append(contentsOf: problem.arcOffsets)
        file.append(contentsOf: problem.arcTarget)
        file.append(contentsOf: problem.arcReadinessNanos)
        file.append(contentsOf: problem.arcPlanCost)
        return file.data
    }

    static func channelsFile(_ given: String?) -> String? {
        if let given { return given }
        let beside = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/channels.yaml").path
        return ["Config/channels.yaml", beside].first { FileManager.default.fileExists(atPath: $0) }
    }
}
