import Testing
@testable import CadreEngine

/// Snapshot figures against the fixtures' hand-worked numbers (AssessmentAggregateTests,
/// TrainingBatchTests): a snapshot must say what the run said.
@Suite("Monitoring snapshots")
struct MonitoringSnapshotTests {
    typealias F = AssessmentFixture
    let ana = 1 - 1.25 / 19, ben = 1 - 4.5 / 19, cai = 1 - 13.0 / 35, dee = 1 - 4.5 / 22

    func snapshot() throws -> RunSnapshot {
        let training = TrainingPhase.run(try TrainingBatchTests.input(budget: nil))
        return try SnapshotBuilder.snapshot(
            runID: 7, asOf: F.asOf, payloads: ["assessment": try F.gapMap().encoded(), "training": training.encoded()])
    }

    func value(_ snapshot: RunSnapshot, _ metric: String, _ scope: String = "org", skill: String? = nil) -> Double? {
        snapshot.value(of: MetricKey(metric: metric, scope: scope, skill: skill))
    }

    @Test("organisation, team and role-level readiness, share meeting and headcount")
    func groups() throws {
        let s = try snapshot()
        #expect(s.runID == 7 && s.asOf == F.asOf && s.version == SnapshotBuilder.version)
        #expect(value(s, "readiness") == (ana + ben + cai + dee) / 4)
        #expect(value(s, "share-meeting") == 0.25)
        #expect(value(s, "headcount") == 4)
        #expect(value(s, "readiness", "team:alpha") == (ana + ben) / 2)
        #expect(value(s, "share-meeting", "team:alpha") == 0.5)
        #expect(value(s, "share-meeting", "team:beta") == 0)
        #expect(value(s, "readiness", "role-level:ml-engineer@1") == (ana + ben) / 2)
        #expect(value(s, "readiness", "role-level:data-scientist@1") == dee)
        #expect(s.points.first { $0.key == MetricKey(metric: "readiness", scope: "role-level:ml-engineer@2") }?.headcount == 1)
    }

    @Test("top gaps of the organisation, largest first, and every team's cell at each of them")
    func gaps() throws {
        let s = try snapshot()
        let org = s.points.filter { $0.metric == "gap" && $0.scope == "org" }
        // Σ w·gap: deep-learning 9, statistics 2 + 4 + 2.5, mlops 1.25 + 2.5, data-engineering 2.
        #expect(org.map(\.skill) == ["deep-learning", "statistics", "mlops", "data-engineering"])
        #expect(org.map(\.value) == [9, 8.5, 3.75, 2])
        let alpha = s.points.filter { $0.metric == "gap" && $0.scope == "team:alpha" }
        #expect(alpha.map(\.skill) == org.map(\.skill))
        #expect(alpha.map(\.value) == [0, 2, 3.75, 0])
        let beta = s.points.filter { $0.metric == "gap" && $0.scope == "team:beta" }
        #expect(beta.map(\.value) == [9, 6.5, 0, 2])
        #expect(beta.allSatisfy { $0.headcount == 2 })
    }

    @Test("plan cost, hours, people with plans and uncoverable skills from the training result")
    func training() throws {
        let s = try snapshot()
        #expect(value(s, "plan-cost") == 1200)
        #expect(value(s, "plan-hours") == 24)
        #expect(value(s, "people-with-plans") == 4)
        #expect(value(s, "people-blocked") == 0)
        #expect(value(s, "uncoverable-skills") == 0)
        #expect(value(s, "plan-cost", "team:t0") == 700)
        #expect(value(s, "people-with-plans", "team:t1") == 1)
    }

    @Test("a run without a training payload has assessment figures only; a broken payload is located")
    func missingAndBroken() throws {
        let bare = try SnapshotBuilder.snapshot(runID: 1, asOf: F.asOf, payloads: ["assessment": try F.gapMap().encoded(), "training": []])
        #expect(!bare.points.isEmpty)
        #expect(bare.points.allSatisfy { SnapshotBuilder.contributors[0].definitions.map(\.name).contains($0.metric) })
        #expect(throws: SnapshotError.self) {
            try SnapshotBuilder.snapshot(runID: 3, asOf: 0, payloads: ["assessment": [1, 2, 3]])
        }
        do {
            _ = try SnapshotBuilder.snapshot(runID: 3, asOf: 0, payloads: ["assessment": [1, 2, 3]])
        } catch {
            #expect(error.runID == 3 && error.phase == "assessment")
        }
    }

    @Test("a reader sees a small group's headcount, not its figure")
    func smallGroups() throws {
        let point = MetricPoint(metric: "readiness", scope: "team:alpha", value: 0.5, headcount: 4)
        #expect(point.visible(threshold: 5, seesEverything: false).value == nil)
        #expect(point.visible(threshold: 5, seesEverything: false).headcount == 4)
        #expect(point.visible(threshold: 4, seesEverything: false).value == 0.5)
        #expect(point.visible(threshold: 5, seesEverything: true).value == 0.5)
    }

    @Test("every metric has one definition and a Prometheus name by the conventions")
    func definitions() {
        let names = SnapshotBuilder.definitions.map(\.name)
        #expect(Set(names).count == names.count)
        for definition in SnapshotBuilder.definitions {
            #expect(definition.prometheusName.hasPrefix("cadre_"))
            #expect(!definition.prometheusName.hasSuffix("_total"), "snapshot figures are gauges")
        }
    }
}
