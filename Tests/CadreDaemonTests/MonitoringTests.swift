@testable import CadreDaemon
import CadreEngine
import CadreStore
import Foundation
import Testing

@Suite("Monitoring in the daemon, without processes")
struct MonitoringTests {
    typealias F = MonitoringFixture

    @Test("alert rules are read from cadred.yaml with their defaults")
    func rules() throws {
        let configuration = try DaemonConfiguration.parse("""
            prometheusTextFile: /var/lib/prometheus/node-exporter/cadre.prom
            alertRules:
              - name: floor
                metric: readiness
                when: below
                threshold: 0.6
              - name: falling
                metric: share-meeting
                scope: team:core
                compare: change
                when: at-most
                threshold: -0.1
                severity: critical
              - name: python-gap
                metric: gap
                skill: python
                when: above
                threshold: 10
            """, file: "cadred.yaml")
        #expect(configuration.prometheusTextFile == "/var/lib/prometheus/node-exporter/cadre.prom")
        #expect(configuration.alertRules == [
            AlertRule(name: "floor", metric: "readiness", comparison: .below, threshold: 0.6),
            AlertRule(
                name: "falling", metric: "share-meeting", scope: "team:core", subject: .change, comparison: .atMost,
                threshold: -0.1, severity: .critical),
            AlertRule(name: "python-gap", metric: "gap", skill: "python", comparison: .above, threshold: 10),
        ])
    }

    @Test("the shipped Config/cadred.yaml parses, with its example rules")
    func shippedConfiguration() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/cadred.yaml").path
        let configuration = try DaemonConfiguration.load(path: path)
        #expect(configuration.alertRules.map(\.name) == ["readiness-floor", "readiness-falling"])
        #expect(configuration.prometheusTextFile == nil)
    }

    @Test("a broken rule is located by line and field")
    func brokenRules() {
        let text = """
            alertRules:
              - name: a
                metric: readiness
                when: lower
                threshold: 0.6
              - name: a
                metric: happiness
                when: below
              - name: c
                metric: gap
                when: below
                threshold: 1
                colour: red
            """
        #expect {
            _ = try DaemonConfiguration.parse(text, file: "cadred.yaml")
        } throws: { error in
            let errors = (error as? InputErrors)?.errors ?? []
            let located = Set(errors.map { "\($0.line):\($0.field):\($0.code.rawValue)" })
            return located == [
                "4:alertRules[0].when:config.bad-value", "6:alertRules[1].name:config.duplicate",
                "7:alertRules[1].metric:config.bad-value", "6:alertRules[1].threshold:config.missing",
                "13:alertRules[2].colour:config.unknown-key", "9:alertRules[2].skill:config.bad-value",
            ]
        }
    }

    @Test("the backfill makes a snapshot for every succeeded run that has none, equal to its gap map")
    func backfill() async throws {
        let fixture = try F()
        let first = try await fixture.run(day: 10, python: 2)
        _ = try await fixture.run(day: 11, python: nil)
        let third = try await fixture.run(day: 12, python: 3)
        let recorder = SnapshotRecorder(store: fixture.store)
        #expect(await recorder.backfill(logger: .init(label: "test")) == 2)
        #expect(await recorder.backfill(logger: .init(label: "test")) == 0, "nothing left to do")
        let snapshot = try #require(try await fixture.store.snapshot(runID: first))
        let map = try F.gapMap(python: 2, asOf: 10 * F.day)
        #expect(snapshot.value(of: MetricKey(metric: "readiness", scope: "org")) == map.org.meanReadiness[0])
        #expect(snapshot.value(of: MetricKey(metric: "readiness", scope: "org")) == 0.5)
        #expect(snapshot.value(of: MetricKey(metric: "gap", scope: "team:core", skill: "python")) == 12)
        let series = try await fixture.store.series(MetricKey(metric: "readiness", scope: "org"))
        #expect(series.map(\.runID) == [first, third])
        #expect(series.map(\.value) == [0.5, 0.75])
    }

    @Test("a rule fires on a run, a later run clears it, and the status line and Prometheus file follow")
    func firingAndClearing() async throws {
        let fixture = try F()
        var configuration = DaemonConfiguration()
        configuration.prometheusTextFile = fixture.folder + "/cadre.prom"
        configuration.alertRules = [
            AlertRule(name: "floor", metric: "readiness", comparison: .below, threshold: 0.6),
            AlertRule(name: "falling", metric: "readiness", subject: .change, comparison: .atMost, threshold: -0.25, severity: .error),
        ]
        let supervisor = fixture.supervisor(configuration)

        let first = try await fixture.run(day: 10, python: 2)
        await supervisor.runFinished(first, state: .succeeded)
        #expect(await supervisor.monitoringAlerts.firing.map(\.rule.name) == ["floor"])
        #expect(await supervisor.statusLine().contains("alerts: warning floor: readiness{org} 0.5 is below 0.6 (run #\(first))"))
        let prom = try String(contentsOfFile: fixture.folder + "/cadre.prom", encoding: .utf8)
        #expect(prom.contains("cadre_readiness_ratio{scope=\"org\"} 0.5\n"))
        #expect(prom.contains("cadre_alerts_firing{severity=\"warning\"} 1\n"))

        let second = try await fixture.run(day: 20, python: 3)
        await supervisor.runFinished(second, state: .succeeded)
        #expect(await supervisor.monitoringAlerts.firing.isEmpty, "0.75 is not below 0.6: cleared")
        #expect(await !supervisor.statusLine().contains("alerts"))

        // Back to 0.5: below the floor again, and a fall of exactly 0.25 trips at-most −0.25.
        let third = try await fixture.run(day: 30, python: 2)
        await supervisor.runFinished(third, state: .succeeded)
        #expect(await supervisor.monitoringAlerts.firing.map(\.rule.name) == ["floor", "falling"])
        #expect(await supervisor.monitoringAlerts.firing.last?.compared == -0.25)

        // A run back-dated into history is snapshotted, but judges nothing.
        let history = try await fixture.run(day: 5, python: 4)
        await supervisor.runFinished(history, state: .succeeded)
        #expect(await supervisor.monitoringAlerts.firing.map(\.rule.name) == ["floor", "falling"])
        #expect(try await fixture.store.snapshot(runID: history) != nil)
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.folder)
        #expect(!files.contains { $0.hasSuffix(".tmp") }, "the temporary file was renamed: \(files)")
    }

    @Test("a failed scheduled run is an alert until a later run succeeds; other failed runs are not")
    func failedScheduledRun() async throws {
        let fixture = try F()
        let supervisor = fixture.supervisor(DaemonConfiguration())
        let manual = try await fixture.run(day: 1, python: nil)
        await supervisor.runFinished(manual, state: .failed)
        #expect(await supervisor.monitoringAlerts.lines.isEmpty)
        let scheduled = try await fixture.run(day: 2, python: nil, trigger: "timer")
        await supervisor.runFinished(scheduled, state: .failed)
        #expect(await supervisor.monitoringAlerts.lines == ["scheduled run #\(scheduled) failed: boom"])
        #expect(await supervisor.statusLine().contains("scheduled run #\(scheduled) failed: boom"))
        let later = try await fixture.run(day: 3, python: 3)
        await supervisor.runFinished(later, state: .succeeded)
        #expect(await supervisor.monitoringAlerts.lines.isEmpty)
    }
}
