import Testing
@testable import CadreEngine

@Suite("Prometheus text exposition")
struct MonitoringPrometheusTests {
    @Test("families, labels, base units and withheld groups")
    func text() {
        let exposition = PrometheusExposition(
            runID: 3, asOf: 1_700_000_000,
            points: [
                MetricPoint(metric: "readiness", scope: "org", value: 0.75, headcount: 12),
                MetricPoint(metric: "readiness", scope: "team:a\"b", value: 0.5, headcount: 6),
                MetricPoint(metric: "readiness", scope: "team:small", value: nil, headcount: 2),
                MetricPoint(metric: "gap", scope: "role-level:ml-engineer@2", skill: "python", value: 9, headcount: 6),
                MetricPoint(metric: "plan-hours", scope: "org", value: 1.5, headcount: 12),
            ],
            finishedRuns: ["succeeded": 4, "failed": 1], alertsFiring: ["warning": 2])
        let text = exposition.text()
        #expect(text.contains("# TYPE cadre_readiness_ratio gauge\n"))
        #expect(text.contains("cadre_readiness_ratio{scope=\"org\"} 0.75\n"))
        #expect(text.contains("cadre_readiness_ratio{scope=\"team\",team=\"a\\\"b\"} 0.5\n"))
        #expect(!text.contains("small"), "a withheld figure is not written")
        #expect(text.contains("cadre_skill_gap_weighted{scope=\"role_level\",role_level=\"ml-engineer@2\",skill=\"python\"} 9\n"))
        #expect(text.contains("cadre_training_plan_duration_seconds{scope=\"org\"} 5400\n"), "hours are written as seconds")
        #expect(text.contains("# TYPE cadre_runs_finished_total counter\n"))
        #expect(text.contains("cadre_runs_finished_total{state=\"failed\"} 1\ncadre_runs_finished_total{state=\"succeeded\"} 4\n"))
        #expect(text.contains("cadre_alerts_firing{severity=\"warning\"} 2\n"))
        #expect(text.contains("cadre_snapshot_as_of_timestamp_seconds 1700000000\n"))
        #expect(!text.contains("cadre_people "), "a family without samples is left out")
    }
}
