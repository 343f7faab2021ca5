import CadreEngine
import CadreWire
import Foundation

/// `cadre-bench report`: the HTML monitoring report of the newest run, made as an operator makes
/// it — `cadrectl report --html FILE`, a process of its own that calls GetSnapshot, GetTrend and
/// ListSkills, renders the page and writes it in place — against the same three calls made from
/// this process on one connection and decoded to the same types: the data the page shows, fetched
/// without rendering, writing or starting a process. `cadrectl ping` is timed too, as the floor any
/// cadrectl command pays (process start, connect, one call).
enum ReportBenchmark: Benchmark {
    static let name = "report"
    static let summary = "cadrectl report --html after a run vs the same calls' data in-process"
    static let help = """
        usage: cadre-bench report [options]

          --socket PATH        cadred's control socket (default $CADRE_SOCKET); it must hold a
                               finished run (run `cadre-bench run` first)
          --cadrectl PATH      the cadrectl to time (default: the one beside cadre-bench)
          --runs N             timed reports and baselines, best reported (default 5)
          --target-seconds X   the report should take less than this (default 1)

        Exit status: 0 measured, 1 cadrectl failed or wrote no page, 2 cadred could not be reached,
        64 bad usage.

        """

    static let options: Set<String> = ["socket", "cadrectl", "runs", "target-seconds"]

    static func run(_ options: BenchOptions) throws -> Int32 {
        let unknown = options.unknown(besides: Self.options)
        guard unknown.isEmpty else { throw BenchUsageError(message: "unknown option --\(unknown[0])") }
        let socket = try controlSocket(options)
        let runs = try options.int("runs", default: 5, atLeast: 1)
        let targetSeconds = Double(options.string("target-seconds") ?? "1") ?? 1
        let cadrectl = options.string("cadrectl") ?? Self.besideThisBinary("cadrectl")
        guard FileManager.default.isExecutableFile(atPath: cadrectl) else {
            printError("no cadrectl at \(cadrectl); pass --cadrectl PATH")
            return BenchExit.failure
        }

        // The baseline: what the page is made from, fetched and decoded here.
        let control = try VarlinkConnection(socketPath: socket)
        var fetchMs = Double.infinity
        var fetched: (snapshot: Workforce.SnapshotReply, trend: Workforce.TrendReply, skills: Workforce.SkillsReply)?
        for _ in 0..<runs {
            let start = monotonicNanoseconds()
            // The same call cadrectl makes for a page: the 30 teams it shows.
            let snapshot = try control.call(
                Workforce.Method.getSnapshot.qualifiedName, Workforce.GetSnapshotParameters(teams: 30), as: Workforce.SnapshotReply.self)
            let trend = try control.call(Workforce.Method.getTrend.qualifiedName, Workforce.GetTrendParameters(), as: Workforce.TrendReply.self)
            let skills = try control.call(
                Workforce.Method.listSkills.qualifiedName, Workforce.VersionParameters(), as: Workforce.SkillsReply.self)
            fetchMs = min(fetchMs, Double(monotonicNanoseconds() - start) / 1e6)
            fetched = (snapshot, trend, skills)
        }
        guard let fetched else { return BenchExit.failure }
        let snapshotBytes = try WireJSON.encode(fetched.snapshot).count
        print("data          run #\(fetched.snapshot.run): \(fetched.snapshot.metrics.count) metric points "
            + "(\(kilobytes(snapshotBytes)) as JSON), \(fetched.trend.points.count) trend points, "
            + "\(fetched.skills.skills.count) skill names; fetched in \(formatDuration(milliseconds: fetchMs)) (best of \(runs))")

        let folder = try PythonBaseline.exchangeDirectory(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html").path
        var reportMs = Double.infinity, pingMs = Double.infinity
        for _ in 0..<runs {
            var start = monotonicNanoseconds()
            let report = try runProgram(cadrectl, ["report", "--html", page, "--socket", socket])
            let elapsed = Double(monotonicNanoseconds() - start) / 1e6
            guard report.status == 0 else {
                printError("cadrectl report exited with status \(report.status)")
                return BenchExit.checkFailed
            }
            reportMs = min(reportMs, elapsed)
            start = monotonicNanoseconds()
            let ping = try runProgram(cadrectl, ["ping", "--socket", socket])
            if ping.status == 0 { pingMs = min(pingMs, Double(monotonicNanoseconds() - start) / 1e6) }
        }
        let pageBytes = (try? FileManager.default.attributesOfItem(atPath: page)[.size] as? Int) ?? 0
        guard pageBytes > 0 else {
            printError("cadrectl report wrote no page at \(page)")
            return BenchExit.checkFailed
        }
        print("report        cadrectl report --html: \(formatDuration(milliseconds: reportMs)) (best of \(runs)), "
            + "a page of \(kilobytes(pageBytes))")
        print("floor         cadrectl ping: \(pingMs.isFinite ? formatDuration(milliseconds: pingMs) : "failed") (process start, connect, one call)")
        let met = reportMs < targetSeconds * 1000
        BenchSummary.line(
            benchmark: name, figure: "cadrectl report --html, run #\(fetched.snapshot.run)", cadre: formatDuration(milliseconds: reportMs),
            baseline: formatDuration(milliseconds: fetchMs) + " (its 3 calls in-process)", ratio: reportMs / fetchMs,
            target: "< \(formatDuration(milliseconds: targetSeconds * 1000)) " + (met ? "met" : "MISSED"))
        if pingMs.isFinite {
            BenchSummary.line(
                benchmark: name, figure: "cadrectl ping (any command's floor)", cadre: formatDuration(milliseconds: pingMs),
                baseline: "—", ratio: nil)
        }
        return BenchExit.success
    }

    /// Sizes as `12.3 kB`.
    static func kilobytes(_ bytes: Int) -> String { String(format: "%.1f kB", Double(bytes) / 1000) }

    /// A program installed beside this one (the build's products folder).
    static func besideThisBinary(_ name: String) -> String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
