import Foundation
import Testing
@testable import CadreEngine

/// The sourcing result's bytes: written by `JSONText`, they must be exactly what `JSONEncoder`
/// writes of the same plan (sorted keys, slashes unescaped), so stored results and reruns keep
/// their bytes and any JSON reader decodes them to the same plan.
@Suite struct SourcingPlanEncodingTests {
    @Test func randomOrganisationsEncodeAsFoundationDoes() throws {
        let taxonomy = try SourcingFixture.standardTaxonomy()
        var random = SplitMix64(seed: 9)
        var transfers = 0
        for _ in 0..<60 {
            var org = SourcingFixture.random(&random, taxonomy: taxonomy)
            for index in org.plan.indices where random.chance(0.5) { org.plan[index].note = "note \(org.plan[index].roleLevel)" }
            org.channels = [Channel(id: "direct", kind: .direct, rungs: [1], costPerHire: 500, timeToFillDays: 30, capacityPerQuarter: 1)]
            let plan = try org.run()
            transfers += plan.totals.transfers
            #expect(try plan.encoded() == plan.encodedByFoundation())
            #expect(try SourcingPlan(decoding: plan.encoded()) == plan)
        }
        #expect(transfers > 5)
    }

    /// Strings JSON must escape, non-ASCII text, a slash, and doubles of every shape readiness and
    /// the policy can take.
    @Test func escapesAndNumbersMatchFoundation() throws {
        let day = CalendarDay(year: 2026, month: 2, day: 28)!
        let person = PlannedPerson(person: "a\"b\\c/d\ne\tf\u{01}g\u{1F}h é 名", cost: -5, hours: 0, readyBy: day)
        var level = RoleLevelSourcing(
            roleLevel: RoleLevelRef(role: "ml/eng \"x\"", rung: 2), target: 3, due: day, note: "q\r\u{0C}\u{08}",
            headcount: 1, capable: ["x", "\u{7F}"], upskill: [person], spare: [person], notUpskillable: 0, shortfall: 2,
            surplus: 0, transfers: [], transfersOut: 0, hires: [Hire(channel: "c", cost: Int64.max, fillDate: day, lateDays: 3)],
            unfilled: 1, staffedBy: nil)
        for readiness in [1.0, 0.8, 0.1 + 0.7, 0.999999999, 0.123456789012345678, 1e-7, Double.leastNonzeroMagnitude, 123456789.5, 1e20] {
            level.transfers.append(Transfer(
                person: "t", from: RoleLevelRef(role: "bi", rung: 1), readiness: readiness,
                readinessNanos: Int64(exactly: (readiness * 1e9).rounded()) ?? 0, planCost: Int64.min, planHours: 7, readyBy: day))
        }
        let plan = SourcingPlan(
            asOf: day, policy: SourcingPolicy(meetsTolerance: 0.25, transferReadiness: 1), roleLevels: [level, level],
            totals: SourcingTotals(
                target: 1, capable: 2, upskill: 3, transfers: 4, hires: 5, lateHires: 6, unfilled: 7, upskillCost: 8,
                transferCost: 9, buildCost: 10, buyCost: 11, fullStaffing: nil),
            hiresByQuarter: [ChannelQuarterHires(channel: "c", quarter: CalendarQuarter(year: 2026, quarter: 1), hires: 1, cost: 2)])
        let ours = try plan.encoded(), theirs = try plan.encodedByFoundation()
        #expect(ours == theirs, "\(String(decoding: ours, as: UTF8.self))\n\(String(decoding: theirs, as: UTF8.self))")
    }
}
