import Testing
@testable import CadreEngine

/// The dual-track plan on organisations small enough to work out by hand.
@Suite struct SourcingPlannerTests {
    /// mle@1 wants 4 by 2026-06-30, analyst@1 wants 1. At mle@1: M1 meets (b 2); M5 and M2 can be
    /// upskilled in time (both cost 500, M5 fewer hours); M3's plan is ready too late and M4's has
    /// an uncoverable target. So capable 1, u 2, shortfall 1. At analyst@1 all of A1–A3 meet:
    /// surplus 2, A4's plan is spare. A1 (b 1.8: readiness 1 − 0.2/2 = 0.9) and A2 (b 1.7: 0.85)
    /// may transfer; the seat goes to the more ready A1 although A2's plan is cheaper.
    static func organisation() throws -> SourcingFixture {
        var org = SourcingFixture(taxonomy: try SourcingFixture.standardTaxonomy())
        org.person("M1", at: "mle@1", ["b": 2])
        org.person("M2", at: "mle@1", ["b": 1])
        org.person("M3", at: "mle@1", ["b": 1])
        org.person("M4", at: "mle@1", ["b": 0.5])
        org.person("M5", at: "mle@1", ["b": 1.5])
        org.person("A1", at: "analyst@1", ["a": 2, "b": 1.8])
        org.person("A2", at: "analyst@1", ["a": 2.5, "b": 1.7])
        org.person("A3", at: "analyst@1", ["a": 3])
        org.person("A4", at: "analyst@1", ["a": 1])
        org.learning("M2", "mle@1", cost: 500, hours: 6000, readyBy: "2026-03-01")
        org.learning("M3", "mle@1", cost: 300, readyBy: "2026-08-01")
        org.learning("M4", "mle@1", cost: 100, readyBy: "2026-02-01", uncoverable: true)
        org.learning("M5", "mle@1", cost: 500, hours: 4000, readyBy: "2026-02-01")
        org.learning("A4", "analyst@1", cost: 100, hours: 800, readyBy: "2026-02-01")
        org.learning("A1", "mle@1", cost: 200, hours: 1500, readyBy: "2026-04-01")
        org.learning("A2", "mle@1", cost: 100, hours: 500, readyBy: "2026-02-15")
        org.want("mle@1", 4, due: "2026-06-30", note: "new fraud models")
        org.want("analyst@1", 1, due: "2026-06-30")
        org.channels = [Channel(id: "direct", kind: .direct, rungs: [1], costPerHire: 1000, timeToFillDays: 30)]
        return org
    }

    @Test func capableUpskillableShortfallAndSurplus() throws {
        var asked: [String] = []
        let plan = try Self.organisation().run(asked: &asked)
        let mle = try #require(plan.level("mle@1"))
        #expect(mle.headcount == 5)
        #expect(mle.capable == ["M1"])
        #expect(mle.upskill == [
            PlannedPerson(person: "M5", cost: 500, hours: 4000, readyBy: SourcingFixture.day("2026-02-01")),
            PlannedPerson(person: "M2", cost: 500, hours: 6000, readyBy: SourcingFixture.day("2026-03-01")),
        ])
        #expect(mle.spare.isEmpty)
        #expect(mle.notUpskillable == 2)
        #expect(mle.shortfall == 1)
        #expect(mle.surplus == 0)
        #expect(mle.note == "new fraud models")

        let analyst = try #require(plan.level("analyst@1"))
        #expect(analyst.capable == ["A1", "A2", "A3"])
        #expect(analyst.upskill.isEmpty)
        #expect(analyst.spare.map(\.person) == ["A4"])
        #expect(analyst.shortfall == 0)
        #expect(analyst.surplus == 2)
        #expect(analyst.transfersOut == 1)

        // Plans asked for: the four at mle@1 who don't meet it, A4, and the two candidates; never
        // A3 (readiness 0 for mle@1) nor anyone toward analyst@1, which has no shortfall.
        #expect(asked.sorted() == ["A1→mle@1", "A2→mle@1", "A4→analyst@1", "M2→mle@1", "M3→mle@1", "M4→mle@1", "M5→mle@1"])
    }

    @Test func theMoreReadyTransfereeWinsOverTheCheaperOne() throws {
        let org = try Self.organisation()
        let plan = try org.run()
        let mle = try #require(plan.level("mle@1"))
        let transfer = try #require(mle.transfers.first)
        #expect(mle.transfers.count == 1)
        #expect(transfer.person == "A1")
        #expect(transfer.from == RoleLevelRef(role: "analyst", rung: 1))
        #expect(transfer.readinessNanos == 900_000_000)
        #expect(transfer.readiness == org.input.estimates.readiness(person: 5, roleLevel: 2, taxonomy: org.taxonomy, tolerance: 0.25).readiness)
        #expect(transfer.planCost == 200)
        #expect(transfer.planHours == 1500)
        #expect(mle.hires.isEmpty)
        #expect(mle.unfilled == 0)
        #expect(mle.staffedBy == SourcingFixture.day("2026-04-01"))

        #expect(plan.totals == SourcingTotals(
            target: 5, capable: 4, upskill: 2, transfers: 1, hires: 0, lateHires: 0, unfilled: 0,
            upskillCost: 1000, transferCost: 200, buildCost: 1200, buyCost: 0,
            fullStaffing: SourcingFixture.day("2026-04-01")))
        #expect(plan.hiresByQuarter.isEmpty)
    }

    /// analyst@1 wanting 3 leaves it no surplus: nobody may leave it, so the seat is hired.
    @Test func transferBlockedByTheSourcesMissingSurplus() throws {
        var org = try Self.organisation()
        org.plan[1].headcount = 3
        let plan = try org.run()
        let mle = try #require(plan.level("mle@1"))
        #expect(plan.level("analyst@1")?.surplus == 0)
        #expect(mle.transfers.isEmpty)
        #expect(mle.hires == [Hire(channel: "direct", cost: 1000, fillDate: SourcingFixture.day("2026-02-14"), lateDays: 0)])
        #expect(plan.totals.buyCost == 1000)
        #expect(plan.totals.buildCost == 1000)
        #expect(plan.totals.fullStaffing == SourcingFixture.day("2026-03-01"))
        #expect(plan.hiresByQuarter == [ChannelQuarterHires(channel: "direct", quarter: CalendarQuarter(year: 2026, quarter: 1), hires: 1, cost: 1000)])
    }

    /// Without an analyst@1 row the source is unplanned, so its people may transfer without limit.
    @Test func anUnplannedSourceHasNoLimit() throws {
        var org = try Self.organisation()
        org.plan.removeLast()
        org.plan[0].headcount = 5
        let plan = try org.run()
        let mle = try #require(plan.level("mle@1"))
        #expect(mle.shortfall == 2)
        #expect(mle.transfers.map(\.person) == ["A1", "A2"])
        #expect(plan.roleLevels.count == 1)
    }

    /// A person at mle@2 is more than ready for mle@1, but mle@1 is a lower rung of their own
    /// role; a person at ops@1 as ready is eligible.
    @Test func aLowerRungOfOnesOwnRoleIsNotATransfer() throws {
        var org = SourcingFixture(taxonomy: try SourcingFixture.standardTaxonomy())
        org.person("S1", at: "mle@2", ["b": 3, "c": 2])
        org.person("O1", at: "ops@1", ["b": 1.9, "c": 1])
        org.learning("S1", "mle@1", cost: 0, readyBy: "2026-01-15")
        org.learning("O1", "mle@1", cost: 50, readyBy: "2026-02-01")
        org.want("mle@1", 2, due: "2026-06-30")
        var asked: [String] = []
        let plan = try org.run(asked: &asked)
        #expect(plan.level("mle@1")?.transfers.map(\.person) == ["O1"])
        #expect(plan.level("mle@1")?.unfilled == 1)
        #expect(plan.level("mle@1")?.staffedBy == nil)
        #expect(plan.totals.fullStaffing == nil)
        #expect(asked == ["O1→mle@1"])
    }

    /// P is the most ready person for mle@1 (0.95) and also ready for analyst@2 (1 − 0.2/3);
    /// Q is ready for mle@1 only (0.85). Taking P for mle@1 first would fill one seat; the optimum
    /// sends P to analyst@2 and Q to mle@1.
    @Test func theOptimumFillsMoreSeatsThanTheGreedyChoice() throws {
        var org = SourcingFixture(taxonomy: try SourcingFixture.standardTaxonomy())
        org.person("P", at: "ops@1", ["a": 2.8, "b": 1.9, "c": 1])
        org.person("Q", at: "ops@1", ["b": 1.7, "c": 1])
        org.learning("P", "mle@1", cost: 10, readyBy: "2026-02-01")
        org.learning("P", "analyst@2", cost: 10, readyBy: "2026-02-01")
        org.learning("Q", "mle@1", cost: 10, readyBy: "2026-02-01")
        org.want("mle@1", 1, due: "2026-06-30")
        org.want("analyst@2", 1, due: "2026-06-30")
        let plan = try org.run()
        #expect(plan.level("mle@1")?.transfers.map(\.person) == ["Q"])
        #expect(plan.level("analyst@2")?.transfers.map(\.person) == ["P"])
        #expect(plan.totals.transfers == 2)
        #expect(plan.totals.unfilled == 2 - 2)
    }

    @Test func rerunsGiveTheSamePlan() throws {
        let org = try Self.organisation()
        #expect(try org.run() == org.run())
    }

    @Test func malformedInputIsRejectedWithLocatedErrors() throws {
        var org = try Self.organisation()
        org.want("mle@1", 1, due: "2026-06-30")
        org.want("nobody@7", 1, due: "2026-06-30")
        org.channels.append(Channel(id: "direct", kind: .direct, rungs: [0], costPerHire: -1, timeToFillDays: 10))
        org.policy.transferReadiness = 1.5
        #expect {
            _ = try org.run()
        } throws: { error in
            guard let errors = error as? InputErrors else { return false }
            let fields = errors.errors.map(\.field)
            return errors.errors.allSatisfy { $0.code == .sourcingMalformedInput }
                && fields == ["policy.transferReadiness", "workforcePlan[2]", "workforcePlan[3]",
                              "channels[1]", "channels[1]", "channels[1]"]
        }
    }

    @Test func aLearningPlanWithANegativeCostIsRejected() throws {
        let org = try Self.organisation()
        #expect(throws: InputErrors.self) {
            _ = try SourcingPlanner.plan(org.input) { _, _ in
                UpskillPlan(cost: -5, hours: 0, readyBy: SourcingFixture.day("2026-02-01"), hasUncoverable: false)
            }
        }
    }
}
