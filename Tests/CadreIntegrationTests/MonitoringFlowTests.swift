#if canImport(Glibc)
import Glibc
#endif
import CadreEngine
import CadreWire
import Foundation
import Testing

/// Monitoring through the real daemon and cadrectl: a backfilled monthly series of the sample
/// organisation, its trend, an alert in the status, the Prometheus text checked by Python's
/// prometheus_client parser and the HTML report rendered by headless Chromium.
@Suite("Monitoring end to end", .serialized)
struct MonitoringFlowTests {
    static func configuration(textFile: String) -> String {
        """
        prometheusTextFile: \(textFile)
        alertRules:
          - {name: readiness-floor, metric: readiness, when: below, threshold: 0.99}
          - {name: never, metric: readiness, when: above, threshold: 2, severity: critical}
        """
    }

    @Test("a monthly history, its trend and alert, the Prometheus text and the HTML report")
    func history() throws {
        let folder = try TemporaryFolder()
        let textFile = folder.path + "/cadre.prom"
        let daemon = try DaemonUnderTest(configuration: Self.configuration(textFile: textFile))
        let ctl = { (arguments: [String]) throws -> Ctl.Outcome in
            try Ctl.run(arguments, socket: daemon.socketPath, in: Checkout.root.path)
        }
        #expect(try ctl(["taxonomy", "load", "Config/taxonomy"]).exit == 0)
        #expect(try ctl(["import", "people", "Config/sample-org/people.csv"]).exit == 0)
        #expect(try ctl(["import", "evidence", "Config/sample-org/evidence.csv"]).exit == 0)
        #expect(try ctl(["catalogue", "load", "Config/catalogue"]).exit == 0)
        #expect(try ctl(["trend"]).stdout.contains("no snapshots yet"))

        // Jan 31 + months, clamped to each month's end: Jan 31, Feb 28, Mar 31.
        let series = try ctl(["run", "--wait", "--every", "month", "--since", "2025-01-31", "--as-of", "2025-03-31"])
        #expect(series.exit == 0, "\(series.stderr)")
        #expect(series.stdout.contains("run #1 queued, as of 2025-01-31\nrun #2 queued, as of 2025-02-28\nrun #3 queued, as of 2025-03-31\n"))
        #expect(series.stdout.contains("run #3 succeeded"))

        let trendOutcome = try ctl(["trend", "--json"])
        #expect(trendOutcome.exit == 0, "\(trendOutcome.stderr)")
        let trend = try WireJSON.decode(Workforce.TrendReply.self, from: Array(trendOutcome.stdout.utf8))
        #expect(trend.metric == "readiness" && trend.scope == "org")
        #expect(trend.points.map(\.run) == [1, 2, 3])
        #expect(trend.points.map(\.asOf) == ["2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z"])
        let values = trend.points.compactMap(\.value)
        #expect(values.count == 3)
        #expect(trend.changeSincePrevious == values[2] - values[1])
        #expect(trend.changeOver90Days == nil, "the series spans 59 days")
        // The snapshot says what the run said.
        let gaps = try daemon.gaps(Workforce.GetGapsParameters(run: 3))
        #expect(values[2] == gaps.summary.meanReadiness)
        #expect(trend.points[2].headcount == gaps.summary.headcount)
        let since = try WireJSON.decode(
            Workforce.TrendReply.self, from: Array(try ctl(["trend", "--since", "2025-02-28", "--json"]).stdout.utf8))
        #expect(since.points.map(\.run) == [2, 3], "as of Feb 28 is on or after --since 2025-02-28; Jan 31 is not")
        let text = try ctl(["trend", "plan-cost"])
        #expect(text.exit == 0 && text.stdout.contains("plan-cost · organisation · 3 runs"))
        #expect(text.stdout.contains("change since the previous run:"))
        #expect(try ctl(["trend", "gap"]).exit == 2, "gap needs --skill")

        // The run's record says succeeded a moment before its alerts and file are done.
        #expect(try eventually { try daemon.status().alerts.contains { $0.hasPrefix("warning readiness-floor: readiness{org}") && $0.hasSuffix("(run #3)") } })
        #expect(!(try daemon.status().alerts.contains { $0.contains("never") }))

        // Prometheus: cadred's own file after every run, and cadrectl's; both parse.
        #expect(eventually { ((try? String(contentsOfFile: textFile, encoding: .utf8)) ?? "").contains("cadre_snapshot_run_id 3\n") })
        let written = try String(contentsOfFile: textFile, encoding: .utf8)
        #expect(written.contains("cadre_snapshot_run_id 3\n"))
        #expect(written.contains("cadre_runs_finished_total{state=\"succeeded\"} 3\n"))
        #expect(written.contains("cadre_alerts_firing{severity=\"warning\"} 1\n"))
        try PrometheusCheck.validate(file: textFile)
        let exported = folder.path + "/ctl.prom"
        #expect(try ctl(["report", "--prometheus", exported, "--run", "2"]).exit == 0)
        try PrometheusCheck.validate(file: exported)
        #expect(try String(contentsOfFile: exported, encoding: .utf8).contains("cadre_snapshot_run_id 2\n"))

        // HTML: self-contained, and Chromium renders one heat-map cell per team × top skill.
        let page = folder.path + "/report.html"
        let report = try ctl(["report", "--html", page])
        #expect(report.exit == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("@import"))
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "https?://", options: .regularExpression) == nil)
        let snapshot = try daemon.connect().call(.getSnapshot, Workforce.GetSnapshotParameters(), as: Workforce.SnapshotReply.self)
        let teams = Set(snapshot.metrics.filter { $0.metric == "headcount" && $0.scope.hasPrefix("team:") }.map(\.scope)).count
        let skills = snapshot.metrics.filter { $0.metric == "gap" && $0.scope == "org" }.count
        #expect(teams == 13 && skills == 10)
        try ChromiumCheck.render(page, expectedCells: teams * skills, screenshot: folder.path + "/report.png")

        // Limited to 3 teams: the organisation's and role levels' points whole, the 3 teams with
        // the largest gaps as the report picks them, and how many teams there are.
        let limited = try daemon.connect().call(.getSnapshot, Workforce.GetSnapshotParameters(teams: 3), as: Workforce.SnapshotReply.self)
        let kept = Set(limited.metrics.compactMap { point -> String? in
            guard case ("team", let id)? = MetricScope.parse(point.scope) else { return nil }
            return id
        })
        #expect(kept == Set(TeamSelection.largestGaps(in: snapshot.metrics, limit: 3)) && kept.count == 3)
        #expect(limited.teamCount == 13)
        #expect(limited.metrics.filter { !$0.scope.hasPrefix("team:") } == snapshot.metrics.filter { !$0.scope.hasPrefix("team:") })
        let none = try daemon.connect().call(Workforce.Method.getSnapshot.qualifiedName, ["teams": .number(0)])
        #expect(none.error == "io.cadre.Workforce.InvalidParameter")
    }
}

extension MonitoringFlowTests {
    @Test("alert rules come with SIGHUP: a new rule judges the next run; a broken one is located and the rules in force kept")
    func reloadedRules() throws {
        let daemon = try DaemonUnderTest()
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", AssessmentFlowTests.people)
        try daemon.importFile(kind: "evidence", name: "evidence.csv", AssessmentFlowTests.evidence)
        func run() throws -> Int64 {
            let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
            #expect(try waitForRun(run.id, on: daemon).state == "succeeded")
            return run.id
        }
        let first = try run()
        #expect(try daemon.status().alerts.isEmpty)

        let file = daemon.configuration + "/cadred.yaml"
        try "alertRules:\n  - {name: floor, metric: readiness, when: below, threshold: 0.99}\n"
            .write(toFile: file, atomically: false, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(eventually { daemon.log.contains("configuration reloaded") })
        #expect(try daemon.status().alerts.isEmpty, "a reload judges no run by itself (run #\(first))")
        let second = try run()
        #expect(try eventually { try daemon.status().alerts.contains { $0.hasPrefix("warning floor: readiness{org}") && $0.hasSuffix("(run #\(second))") } })

        try "alertRules:\n  - {name: floor, metric: readiness, when: under, threshold: 0.99}\n"
            .write(toFile: file, atomically: false, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(eventually { daemon.log.contains("configuration reload failed") })
        #expect(daemon.log.contains("cadred.yaml:2:44: [config.bad-value] alertRules[0].when: 'under' is not one of below, at-most, above, at-least"))
        let third = try run()
        #expect(try eventually { try daemon.status().alerts.contains { $0.hasSuffix("(run #\(third))") } }, "the rule in force still judges")
    }
}

extension MonitoringFlowTests {
    @Test("a reader sees a small group's headcount in trends and reports, never its figures; an operator sees them")
    func smallGroups() throws {
        try #require(Checkout.isRoot, "needs root to run cadrectl as nobody")
        // nobody's primary group (nogroup) is made the readers group, so nothing on the host changes.
        let daemon = try DaemonUnderTest(configuration: "readersGroup: nogroup\noperatorsGroup: cadre-ops-test\n")
        chmod(daemon.socketPath, 0o666)
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", AssessmentFlowTests.people)
        try daemon.importFile(kind: "evidence", name: "evidence.csv", AssessmentFlowTests.evidence)
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(run.id, on: daemon).state == "succeeded")
        #expect(eventually { (try? daemon.connect().call(.getSnapshot, Workforce.GetSnapshotParameters(), as: Workforce.SnapshotReply.self)) != nil })

        let asNobody = ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
        let folder = try TemporaryFolder()
        chmod(folder.path, 0o777)
        // Team core has 2 people, under smallTeamThreshold (5); so has the whole organisation.
        let reader = try Ctl.run(["trend", "--team", "core", "--json"], socket: daemon.socketPath, in: folder.path, prefix: asNobody)
        #expect(reader.exit == 0, "\(reader.stderr)")
        let withheld = try WireJSON.decode(Workforce.TrendReply.self, from: Array(reader.stdout.utf8))
        #expect(withheld.points.count == 1 && withheld.points[0].value == nil && withheld.points[0].headcount == 2)
        let text = try Ctl.run(["trend", "--team", "core"], socket: daemon.socketPath, in: folder.path, prefix: asNobody)
        #expect(text.stdout.contains("withheld"))
        let operatorView = try Ctl.run(["trend", "--team", "core", "--json"], socket: daemon.socketPath, in: folder.path)
        let seen = try WireJSON.decode(Workforce.TrendReply.self, from: Array(operatorView.stdout.utf8))
        #expect(seen.points.first?.value != nil)

        let readerFile = folder.path + "/reader.prom"
        let report = try Ctl.run(["report", "--prometheus", readerFile], socket: daemon.socketPath, in: folder.path, prefix: asNobody)
        #expect(report.exit == 0, "\(report.stderr)")
        let readerText = try String(contentsOfFile: readerFile, encoding: .utf8)
        #expect(readerText.contains("cadre_snapshot_run_id \(run.id)\n"))
        #expect(!readerText.contains("cadre_readiness_ratio"), "no group is large enough for a reader")
        try PrometheusCheck.validate(file: readerFile)
        let operatorFile = folder.path + "/operator.prom"
        #expect(try Ctl.run(["report", "--prometheus", operatorFile], socket: daemon.socketPath, in: folder.path).exit == 0)
        #expect(try String(contentsOfFile: operatorFile, encoding: .utf8).contains("cadre_readiness_ratio{scope=\"team\",team=\"core\"}"))
    }
}

/// Python's prometheus_client reads the file; names follow Prometheus's conventions.
enum PrometheusCheck {
    static let script = """
        import sys
        from prometheus_client.parser import text_string_to_metric_families
        text = open(sys.argv[1]).read()
        families = list(text_string_to_metric_families(text))
        assert families, "no metric families"
        for family in families:
            assert family.name.startswith("cadre_"), family.name
            for sample in family.samples:
                counter_sample = family.type == "counter" and sample.name.endswith("_total")
                assert family.type == "counter" or not sample.name.endswith("_total"), sample.name
                assert family.type != "counter" or counter_sample or sample.name.endswith("_created"), sample.name
                assert not sample.name.endswith(("_hours", "_minutes", "_milliseconds", "_percent")), sample.name
        print(len(families))
        """

    static func validate(file: String) throws {
        let outcome = try Subprocess.run(["/usr/bin/env", "python3", "-c", script, file])
        try #require(outcome.status == 0, "prometheus_client rejected \(file):\n\(outcome.output)")
        #expect(Int(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 4, "the run, its as-of time, runs finished and alerts at least")
    }
}

/// Headless Chromium loads the page: no console error, the heat map's cells in the DOM, and a
/// screenshot (docs/images/monitoring-report.png is one).
enum ChromiumCheck {
    static let binary = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func render(_ page: String, expectedCells: Int, screenshot: String) throws {
        let chromium = try #require(binary, "chromium is missing: scripts/deps test installs it")
        let common = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--enable-logging=stderr", "--v=0", "--user-data-dir=" + (page as NSString).deletingLastPathComponent + "/chromium",
        ]
        let dom = try Subprocess.run(common + ["--dump-dom", "file://" + page], separateErrors: true)
        try #require(dom.status == 0, "chromium failed:\n\(dom.errors)")
        let cells = dom.output.components(separatedBy: "<rect class=\"cell\"").count - 1
        #expect(cells == expectedCells)
        let consoleErrors = dom.errors.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(consoleErrors.isEmpty, "console: \(consoleErrors)")
        let shot = try Subprocess.run(common + ["--screenshot=" + screenshot, "--window-size=1100,1900", "file://" + page], separateErrors: true)
        try #require(shot.status == 0, "chromium screenshot failed:\n\(shot.errors)")
        let size = (try FileManager.default.attributesOfItem(atPath: screenshot)[.size] as? Int) ?? 0
        #expect(size > 10_000, "a screenshot of the report")
        if let keep = ProcessInfo.processInfo.environment["CADRE_REPORT_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: screenshot, toPath: keep)
        }
    }
}

enum Subprocess {
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs a command to its end; stdout (and stderr unless separated) as text.
    static func run(_ command: [String], separateErrors: Bool = false) throws -> Outcome {
        let folder = try TemporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let out = folder.path + "/out", err = folder.path + "/err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardOutput = outHandle
        process.standardError = separateErrors ? try FileHandle(forWritingTo: URL(fileURLWithPath: err)) : outHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
