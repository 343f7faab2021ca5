import Foundation
import Testing
@testable import CadreEngine

/// Readiness through flat arrays at the size of a large organisation, and the plan's stored form.
@Suite struct SourcingScaleTests {
    /// 100,000 people with 30 assessed skills each over the synthetic taxonomy's 300 skills and
    /// 40 role levels.
    static func largeOrganisation(people: Int) throws -> (CompiledTaxonomy, SkillEstimates, [Int32]) {
        let taxonomy = try CompiledTaxonomy(SyntheticTaxonomy.make(seed: 7))
        var random = SplitMix64(seed: 11)
        var perPerson: [[(skill: Int, estimate: Double)]] = []
        var levels: [Int32] = []
        perPerson.reserveCapacity(people)
        // seenBy[skill] == person + 1 when the person already has the skill.
        var seenBy = Array(repeating: 0, count: taxonomy.skillCount)
        for person in 0..<people {
            let level = random.below(taxonomy.roleLevelCount)
            levels.append(Int32(level))
            var entries: [(skill: Int, estimate: Double)] = []
            // Mostly the person's own requirements, so readiness spreads over the whole range.
            for k in taxonomy.requirements(ofRoleLevel: level) where random.chance(0.9) {
                let skill = Int(taxonomy.requirementSkill[k])
                if seenBy[skill] != person + 1 {
                    seenBy[skill] = person + 1
                    entries.append((skill, Double(random.below(11)) / 2))
                }
            }
            while entries.count < 30 {
                let skill = random.below(taxonomy.skillCount)
                if seenBy[skill] != person + 1 {
                    seenBy[skill] = person + 1
                    entries.append((skill, Double(random.below(11)) / 2))
                }
            }
            perPerson.append(entries)
        }
        return (taxonomy, SkillEstimates(skillCount: taxonomy.skillCount, perPerson: perPerson), levels)
    }

    @Test func readinessOfEveryPersonForEveryRoleLevelThroughFlatArrays() throws {
        let (taxonomy, estimates, _) = try Self.largeOrganisation(people: 100_000)
        #expect(taxonomy.roleLevelCount == 40)
        var row = ReadinessRow(estimates: estimates, taxonomy: taxonomy, tolerance: 0.25)
        let levels = Array(0..<taxonomy.roleLevelCount)
        var readiness = Array(repeating: 0.0, count: levels.count)
        var computed = 0, ready = 0, mismatches = 0
        for person in 0..<estimates.personCount {
            row.load(person)
            row.readiness(for: levels, into: &readiness)
            computed += levels.count
            for value in readiness where value >= 0.8 { ready += 1 }
            // Every 97th person is checked against the sparse walk, to the bit.
            if person % 97 == 0 {
                for level in levels {
                    let sparse = estimates.readiness(person: person, roleLevel: level, taxonomy: taxonomy, tolerance: 0.25)
                    if sparse.readiness.bitPattern != readiness[level].bitPattern
                        || sparse.meets != row.readiness(roleLevel: level).meets { mismatches += 1 }
                }
            }
        }
        #expect(computed == 4_000_000)
        #expect(mismatches == 0)
        #expect(ready > 0 && ready < computed)
    }

    /// An organisation of 20,000 with every other role level planned for a tenth more people than
    /// it has (few meet a level with random estimates, so seats open everywhere and the unplanned
    /// levels supply transfers), through the whole phase; checks the books balance.
    @Test func aLargePlanBalances() throws {
        let (taxonomy, estimates, levels) = try Self.largeOrganisation(people: 20_000)
        var counts = Array(repeating: 0, count: taxonomy.roleLevelCount)
        for level in levels { counts[Int(level)] += 1 }
        let due = SourcingFixture.day("2026-12-31")
        let rows = taxonomy.roleLevels.enumerated().filter { $0.offset % 2 == 0 }.map { index, ref in
            WorkforcePlanRow(roleLevel: ref, headcount: counts[index] * 11 / 10, due: due)
        }
        let input = SourcingInput(
            taxonomy: taxonomy, estimates: estimates, personIDs: (0..<levels.count).map { "P\($0)" },
            personRoleLevel: levels, asOf: SourcingFixture.day("2026-01-01"), workforcePlan: rows,
            channels: [Channel(id: "any", kind: .direct, rungs: [1, 2, 3, 4], costPerHire: 100, timeToFillDays: 60, capacityPerQuarter: 50)],
            policy: SourcingPolicy(transferReadiness: 0.5))
        let plan = try SourcingPlanner.plan(input) { person, level in
            UpskillPlan(cost: Int64((person * 7 + level) % 13) * 100, hours: 2000, readyBy: SourcingFixture.day("2026-06-01"),
                        hasUncoverable: (person + level) % 3 == 0)
        }
        for level in plan.roleLevels {
            #expect(level.transfers.count + level.hires.count + level.unfilled == level.shortfall)
            #expect(level.capable.count + level.upskill.count + level.transfers.count + level.hires.count + level.unfilled
                    >= level.target)
        }
        #expect(plan.totals.transfers > 0)
        #expect(plan.totals.hires > 0)
        #expect(plan.hiresByQuarter.reduce(0) { $0 + $1.hires } == plan.totals.hires)
    }

    @Test func theStoredFormIsTheSameBytesOnEveryRunAndRoundTrips() throws {
        let org = try SourcingPlannerTests.organisation()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let first = try encoder.encode(org.run())
        let second = try encoder.encode(org.run())
        #expect(first == second)
        #expect(try JSONDecoder().decode(SourcingPlan.self, from: first) == org.run())
    }
}
