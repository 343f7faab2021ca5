import Testing
@testable import CadreEngine

/// The phase over several people: memo, roll-ups, budget, binary form.
@Suite struct TrainingBatchTests {
    /// r@1 requires a at 3 (importance 2) and b at 2 (importance 1).
    /// ca: a:3 for 300 (internal), cb: b:2 for 100 (vendor), cab: a:3 + b:2 for 500 (academic).
    static let world = TrainingWorld(skills: ["a", "b"], requirements: [("a", 3, 2), ("b", 2, 1)], courses: [
        course("ca", cost: 300, hours: 600, teaches: [("a", 3)], kind: .internal),
        course("cb", cost: 100, hours: 200, teaches: [("b", 2)], kind: .vendor),
        course("cab", cost: 500, hours: 500, teaches: [("a", 3), ("b", 2)], kind: .academic),
    ])

    /// p1: gaps a 3, b 2 → ca + cb, 400, closes 2·3 + 1·2 = 8.
    /// p2: a 2 (gap 1), b met → ca, 300, closes 2·1 = 2.
    /// p3: b only (gap 2) → cb, 100, closes 2.
    /// p4: meets everything → no plan.
    /// p5: same as p1 (shares p1's solve).
    static func input(budget: Int64?) throws -> TrainingInput {
        let taxonomy = world.taxonomy
        let catalogue = try world.catalogue()
        let estimates = world.estimates([[:], ["a": 2, "b": 2], ["a": 3], ["a": 3, "b": 2], [:]])
        let people = try TrainingPeople(
            ids: ["p1", "p2", "p3", "p4", "p5"], team: [0, 0, 1, 1, -1], teamIDs: ["t0", "t1"],
            roleLevel: [0, 0, 0, 0, 0], courseCount: catalogue.courseCount, roleLevelCount: 1)
        return TrainingInput(taxonomy: taxonomy, catalogue: catalogue, estimates: estimates, people: people,
                             settings: world.settings, budget: budget)
    }

    @Test func plansRollUpByTeamKindAndOrganisation() throws {
        let result = TrainingPhase.run(try Self.input(budget: nil))
        #expect(result.plan(person: 0).steps.map(\.course) == ["ca", "cb"])
        #expect(result.plan(person: 1).steps.map(\.course) == ["ca"])
        #expect(result.plan(person: 2).steps.map(\.course) == ["cb"])
        #expect(result.plan(person: 3).steps.isEmpty)
        #expect(result.personCore[4] == result.personCore[0])
        #expect(result.distinctProblems == 4)
        #expect(result.closedWeightedGap == [8, 2, 2, 0, 8])
        let org = result.organisation
        #expect(org.people == 5)
        #expect(org.peopleWithPlans == 4)
        #expect(org.cost == 400 + 300 + 100 + 400)
        #expect(org.hours == 800 + 600 + 200 + 800)
        #expect(org.cost(of: .internal) == 900)
        #expect(org.cost(of: .vendor) == 300)
        #expect(org.cost(of: .academic) == 0)
        let teams = result.byTeam
        #expect(teams[0].people == 2 && teams[0].cost == 700)
        #expect(teams[1].people == 2 && teams[1].cost == 100 && teams[1].peopleWithPlans == 1)
        #expect(result.byRoleLevel[0].cost == 1200)
        #expect(result.funded == nil)
    }

    @Test func budgetFundsFirstFitByValuePerCost() throws {
        // Value per cost: p1 8/400 = 0.02, p5 the same (tie → id), p2 2/300 ≈ 0.0067, p3 2/100 = 0.02.
        // Order: p1, p3, p5 (0.02 each, by id), then p2. Budget 750: p1 (400, left 350),
        // p3 (100, left 250), p5 skipped (400 > 250), p2 skipped (300 > 250).
        let result = TrainingPhase.run(try Self.input(budget: 750))
        #expect(result.funded == [true, false, true, false, false])
        // Budget 850: p1 (left 450), p3 (left 350), p5 skipped, p2 funded (300 ≤ 350): a later,
        // smaller plan is funded after a skipped one.
        let later = TrainingPhase.run(try Self.input(budget: 850))
        #expect(later.funded == [true, true, true, false, false])
        #expect(later.organisation.costFunded == 800)
        #expect(later.organisation.peopleFunded == 3)
    }

    @Test func budgetOrderPutsFreePlansFirstAndComparesRatiosExactly() {
        let order = TrainingBudget.order(
            ids: ["b", "a", "c", "d"], cost: [100, 0, 300, 0], value: [1, 0.5, 3, 2], hasPlan: [true, true, true, true])
        // a and d are free (by id); b 1/100 and c 3/300 tie exactly → by id.
        #expect(order == [1, 3, 0, 2])
        #expect(ExactProduct.compare(0.1, 3, 0.3, 1) == 1) // 0.1·3 > 0.3 exactly (0.1 is above 1/10)
        #expect(ExactProduct.compare(0.5, 4, 2, 1) == 0)
        #expect(ExactProduct.compare(0, 4, 2, 1) == -1)
    }

    @Test func resultBytesRoundTripAndAreDeterministic() throws {
        let result = TrainingPhase.run(try Self.input(budget: 850))
        let bytes = result.encoded()
        let decoded = try TrainingResult(decoding: bytes)
        #expect(decoded == result)
        #expect(decoded.encoded() == bytes)
        #expect(TrainingPhase.run(try Self.input(budget: 850)).encoded() == bytes)
        #expect(throws: TrainingResultDecodingError.self) { try TrainingResult(decoding: Array(bytes.dropLast())) }
        var wrong = bytes
        wrong[0] = 0
        #expect(throws: TrainingResultDecodingError.self) { try TrainingResult(decoding: wrong) }
    }

    @Test func uncoverableSkillsAreRankedByPeopleBlocked() throws {
        let world = TrainingWorld(skills: ["a", "b", "c"], requirements: [("a", 5, 1), ("b", 5, 1), ("c", 2, 1)], courses: [
            course("ca", cost: 10, teaches: [("a", 4)]),
            course("cc", cost: 10, teaches: [("c", 2)]),
        ])
        let catalogue = try world.catalogue()
        // b blocks all three; a blocks two (the third is at 4.75, within τ of 5).
        let estimates = world.estimates([[:], ["a": 4.75], ["c": 3]])
        let people = try TrainingPeople(ids: ["x", "y", "z"], team: [-1, -1, -1], teamIDs: [], roleLevel: [0, 0, 0],
                                        courseCount: catalogue.courseCount, roleLevelCount: 1)
        let result = TrainingPhase.run(TrainingInput(
            taxonomy: world.taxonomy, catalogue: catalogue, estimates: estimates, people: people, settings: world.settings))
        #expect(result.uncoverableSkills == [UncoverableSkill(skill: "b", people: 3), UncoverableSkill(skill: "a", people: 2)])
        #expect(result.organisation.peopleBlocked == 3)
        #expect(result.plan(person: 0).uncoverable.map(\.estimate) == [0, 0])
    }

    @Test func completionsOnOrBeforeDAreExcludedLaterOnesAreNot() throws {
        let catalogue = try Self.world.catalogue()
        let ca = Int32(catalogue.courseIndex("ca")!)
        let asOf = Self.world.asOf
        let after = CalendarDay(daysSinceEpoch: asOf.daysSinceEpoch + 1)
        let people = try TrainingPeople(
            ids: ["p", "q"], team: [-1, -1], teamIDs: [], roleLevel: [0, 0],
            completions: [[(ca, asOf)], [(ca, after)]], courseCount: catalogue.courseCount, roleLevelCount: 1)
        let result = TrainingPhase.run(TrainingInput(
            taxonomy: Self.world.taxonomy, catalogue: catalogue, estimates: Self.world.estimates([["b": 2], ["b": 2]]),
            people: people, settings: Self.world.settings))
        #expect(result.plan(person: 0).steps.map(\.course) == ["cab"]) // ca completed on D
        #expect(result.plan(person: 1).steps.map(\.course) == ["ca"]) // completed after D: offered
    }

    /// 20,000 synthetic people over a 2,000-course catalogue of 300 skills: the memo collapses
    /// them to few distinct problems, the same on one thread or three. (Not timed; the benchmark measures speed in release.)
    @Test func twentyThousandPeopleShareFewProblemsOnAnyNumberOfThreads() throws {
        var random = SplitMix64(seed: 42)
        let skills = (0..<300).map { "s\(1000 + $0)" }
        var requirementsPerLevel: [[(Int32, Double, Double)]] = []
        for _ in 0..<40 {
            var chosen = Set<Int>()
            while chosen.count < 6 { chosen.insert(random.below(300)) }
            requirementsPerLevel.append(chosen.sorted().map { (Int32($0), Double(2 + random.below(3)), Double(1 + random.below(5))) })
        }
        var offsets: [Int32] = [0]
        for level in requirementsPerLevel { offsets.append(offsets.last! + Int32(level.count)) }
        let taxonomy = try CompiledTaxonomy(
            skillIDs: skills, roleLevels: (0..<40).map { RoleLevelRef(role: "role\(100 + $0 / 4)", rung: 1 + $0 % 4) },
            requirementOffsets: offsets, requirementSkill: requirementsPerLevel.flatMap { $0.map(\.0) },
            requirementLevel: requirementsPerLevel.flatMap { $0.map(\.1) },
            requirementImportance: requirementsPerLevel.flatMap { $0.map(\.2) })
        var courses: [Course] = []
        for index in 0..<2000 {
            let skill = index % 300
            let level = 1 + (index / 300) % 5
            let requires: [(String, Int)] = level > 1 ? [(skills[skill], level - 1)] : []
            courses.append(course("k\(10_000 + index)", cost: Int64(100 * (1 + random.below(20))), hours: 100 * (1 + random.below(30)),
                                  teaches: [(skills[skill], level)], requires: requires,
                                  kind: [.internal, .vendor, .academic][index % 3]))
        }
        let catalogue = try CompiledCatalogue(CourseCatalogue(courses: courses, skills: skills), taxonomy: taxonomy)
        let people = 20_000
        var perPerson: [[(skill: Int, estimate: Double)]] = []
        var roleLevel: [Int32] = []
        // Ten skill profiles per role level (whole levels), each person one of them plus noise
        // below 0.2 — which crosses no threshold (L − τ sits at whole − 0.25), so people of one
        // profile face one problem although no two have the same estimates.
        var profiles: [[[Int]]] = []
        for r in 0..<40 {
            let count = taxonomy.requirements(ofRoleLevel: r).count
            profiles.append((0..<10).map { _ in (0..<count).map { _ in random.below(5) } })
        }
        for p in 0..<people {
            let r = p % 40
            roleLevel.append(Int32(r))
            let profile = profiles[r][random.below(10)]
            var entries: [(skill: Int, estimate: Double)] = []
            for (i, k) in taxonomy.requirements(ofRoleLevel: r).enumerated() where profile[i] > 0 {
                entries.append((Int(taxonomy.requirementSkill[k]), Double(profile[i]) + random.unit() * 0.2))
            }
            perPerson.append(entries)
        }
        let trainingPeople = try TrainingPeople(
            ids: (0..<people).map { "P\(100_000 + $0)" }, team: Array(repeating: -1, count: people), teamIDs: [],
            roleLevel: roleLevel, courseCount: catalogue.courseCount, roleLevelCount: 40)
        let input = TrainingInput(
            taxonomy: taxonomy, catalogue: catalogue, estimates: SkillEstimates(skillCount: 300, perPerson: perPerson),
            people: trainingPeople, settings: PlanningSettings(asOf: CalendarDay(year: 2025, month: 3, day: 31)!))
        let result = TrainingPhase.run(input)
        // Planning on threads gives the same bytes: cores solved on any thread, numbered as one
        // planner going through people in order would number them.
        #expect(TrainingPhase.run(input, threads: 3).encoded() == result.encoded())
        #expect(result.personCount == people)
        #expect(result.distinctProblems <= 400)
        #expect(result.distinctProblems > 40)
        #expect(result.boundedPlans == 0)
        #expect(result.organisation.peopleWithPlans > people / 2)
    }
}
