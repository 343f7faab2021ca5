import CadreEngine
import CadreWire
import Foundation

/// `cadre-bench run`: a whole run through cadred's worker processes — `StartRun` to `run-finished`,
/// followed on a subscription — with each phase's wall time split into worker compute (and its
/// steps, from the progress events), messaging and persisting, the peak memory of cadred and of
/// each worker, and the same assessment done in this process on the same files as the baseline.
enum RunBenchmark: Benchmark {
    static let name = "run"
    static let summary = "StartRun → run-finished through the workers vs the engine in-process"
    static let help = """
        usage: cadre-bench run --data DIR [options]

          --data DIR           the organisation cadred holds (cadre-synth output, imported with
                               `cadre-bench import`), for the in-process baseline
          --socket PATH        cadred's control socket (default $CADRE_SOCKET)
          --as-of DATE         the runs' as-of date (default 2025-06-30, cadre-synth's)
          --runs N             runs through cadred, one after the other (default 2)
          --baseline-runs N    timed in-process assessments, best reported (default 2)
          --target-seconds X   the run's wall time should stay at or under this (default 3)
          --skip-baseline      no in-process baseline (and no --data needed)

        cadred must run on this machine (its memory is read from /proc). Exit status: 0 measured,
        1 a run failed or the two assessments disagree, 2 cadred could not be reached, 64 bad usage.

        """

    static let options: Set<String> = ["data", "socket", "as-of", "runs", "baseline-runs", "target-seconds", "skip-baseline"]

    static func run(_ options: BenchOptions) throws -> Int32 {
        let unknown = options.unknown(besides: Self.options)
        guard unknown.isEmpty else { throw BenchUsageError(message: "unknown option --\(unknown[0])") }
        let socket = try controlSocket(options)
        let asOf = options.string("as-of") ?? "2025-06-30"
        let runs = try options.int("runs", default: 2, atLeast: 1)
        let baselineRuns = try options.int("baseline-runs", default: 2, atLeast: 1)
        let targetSeconds = Double(options.string("target-seconds") ?? "3") ?? 3
        let skipBaseline = options.flag("skip-baseline")
        guard skipBaseline || options.string("data") != nil else {
            throw BenchUsageError(message: "--data DIR is required for the baseline (or --skip-baseline)")
        }

        let control = try VarlinkConnection(socketPath: socket)
        let status = try control.call(Workforce.Method.getStatus.qualifiedName, Workforce.Empty(), as: Workforce.Status.self)
        let pids = [("cadred", status.pid)] + status.workers.map { ("worker \($0.phase)", $0.pid) }
        let reset = pids.allSatisfy { ProcessMemory.resetPeak(pid: $0.1) }
        print("cadred        pid \(status.pid), data version \(status.dataVersion), workers "
            + status.workers.map { "\($0.phase) \($0.pid)" }.joined(separator: ", ")
            + (reset ? "; peak memory reset before the runs" : "; peak memory NOT reset (it includes earlier work)"))

        var timelines: [RunTimeline] = []
        for index in 0..<runs {
            let timeline = try RunTimeline.follow(
                socket: socket, asOf: asOf, trigger: "cadre-bench run \(index + 1)", timeoutSeconds: 300)
            timelines.append(timeline)
            guard timeline.succeeded else {
                printError("run #\(timeline.run.id) failed: \(timeline.run.error ?? timeline.finished?.event.message ?? "no reason given")")
                return BenchExit.checkFailed
            }
            RunReport.print(timeline, index: index + 1)
        }
        let memory = pids.map { ($0.0, ProcessMemory(pid: $0.1)) }
        for (label, figures) in memory {
            print(label.padding(toLength: 22, withPad: " ", startingAt: 0) + (figures?.description ?? "not readable (not on this machine?)"))
        }

        let walls = timelines.map(\.wallMilliseconds)
        let best = walls.min() ?? 0
        print("runs          " + walls.map { formatDuration(milliseconds: $0) }.joined(separator: ", ")
            + "; best \(formatDuration(milliseconds: best)); target ≤ \(formatDuration(milliseconds: targetSeconds * 1000)): "
            + (best <= targetSeconds * 1000 ? "met" : "MISSED"))
        let peakText = memory.compactMap { label, figures in figures.map { "\(label) \(Int(Double($0.peakKilobytes) / 1024)) MB" } }
            .joined(separator: ", ")

        guard !skipBaseline, let data = options.string("data") else {
            BenchSummary.line(
                benchmark: name, figure: "StartRun → run-finished", cadre: formatDuration(milliseconds: best), baseline: "—",
                ratio: nil, target: BenchSummary.atMost(best / 1000, targetSeconds, unit: " s"))
            return BenchExit.success
        }
        let baseline = try RunBaseline(data: URL(fileURLWithPath: data))
        guard let asOfSeconds = Timestamp.parse(timelines[0].run.asOf) else {
            printError("run #\(timelines[0].run.id) has an as-of time that does not parse: \(timelines[0].run.asOf)")
            return BenchExit.failure
        }
        let timing = try baseline.assess(asOf: asOfSeconds, policy: .standard, runs: baselineRuns)
        print(String(format: "in-process    build inputs %.0f ms, gap map %.0f ms, encode %.0f ms: %.0f ms (best of %d; "
                + "%d people, %d evidence rows parsed untimed in %.0f ms; %.1f MB encoded)",
                     timing.buildMilliseconds, timing.gapMapMilliseconds, timing.encodeMilliseconds, timing.totalMilliseconds,
                     baselineRuns, baseline.people.count, baseline.evidence.count, baseline.parseMilliseconds,
                     Double(timing.encodedBytes) / 1e6))
        let ratio = best / timing.totalMilliseconds
        print(String(format: "ratio         %.2f (best run through cadred / in-process engine)", ratio))

        let agreement = RunReport.agreement(timelines[0], baseline: timing.map)
        print(agreement.line)
        BenchSummary.line(
            benchmark: name, figure: "StartRun → run-finished", cadre: formatDuration(milliseconds: best),
            baseline: formatDuration(milliseconds: timing.totalMilliseconds) + " (engine)", ratio: ratio,
            target: BenchSummary.atMost(best / 1000, targetSeconds, unit: " s"))
        if let shares = RunReport.shares(timelines.min { $0.wallMilliseconds < $1.wallMilliseconds } ?? timelines[0], brief: true) {
            BenchSummary.line(
                benchmark: name, figure: "share of the run's wall time", cadre: shares, baseline: "—", ratio: nil)
        }
        BenchSummary.line(benchmark: name, figure: "peak RSS", cadre: peakText, baseline: "—", ratio: nil)
        return agreement.agrees ? BenchExit.success : BenchExit.checkFailed
    }
}
