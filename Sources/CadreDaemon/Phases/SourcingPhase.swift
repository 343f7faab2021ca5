import CadreEngine
import CadreStore
import CadreWire

/// Phase 3: the dual-track plan for the workforce plan in force at the run's data version — per
/// planned role level who is capable, who is upskilled in time (their learning plans), the best
/// internal transfers, and hires by channel — with the channels pinned in the run's policy. It
/// plans with learning plans toward any role level from the training engine, over the same pinned
/// inputs as the training phase, so it runs after it: a plan toward a person's own role level is
/// the one training persisted for them (`TrainingPlans`), and only plans toward other role levels
/// (transfer candidates) are solved here. Without a workforce plan it succeeds empty.
public actor SourcingPhase: Phase {
    public static let name = "sourcing"
    public static let dependencies = [AssessmentPhase.name, TrainingPhase.name]

    public init() {}

    public func run(_ job: PhaseJob, context: PhaseContext) async throws -> PhaseOutput {
        context.progress(0, of: 3, "reading the workforce plan at data version \(job.dataVersion)")
        guard let document = try context.store.document(.workforcePlan, atDataVersion: job.dataVersion) else {
            return PhaseOutput(summary: .object(["planLoaded": .bool(false)]), payload: [])
        }
        let rows = try WireJSON.decode([WorkforcePlanRow].self, from: document.content)
        let clock = ContinuousClock()
        let started = clock.now
        let catalogue = try context.store.document(.courseCatalogue, atDataVersion: job.dataVersion)
        let courses = try Self.catalogue(catalogue)
        // Training's result decodes while the planning inputs are read; it is checked against them after.
        let store = context.store
        let (inputs, stored) = try Concurrently.run(
            { try PlanningInputs.load(job, reader: store, catalogue: courses) },
            { try TrainingPlans.stored(for: job, reader: store, catalogue: catalogue) })
        let training = stored.flatMap { TrainingPlans.matching($0, inputs) }
        let read = (clock.now - started).milliseconds
        let policies = inputs.policies.sourcing
        context.progress(
            1, of: 3,
            "\(rows.count) planned role levels, \(policies.channels.count) channels; estimates from \(inputs.estimatesSource.rawValue), "
                + (training == nil ? "every learning plan solved here" : "plans toward own role levels from training"))
        let settings = inputs.settings
        let people = inputs.people
        // Only people employed on D are at a role level: someone who left (or is not yet hired)
        // fills no seat, upskills for none and transfers to none (DESIGN.md's employment rule).
        let kept = try Employment.employed(
            on: settings.asOf, people: people.ids, hiredAt: inputs.hiredAt, reader: context.store, dataVersion: job.dataVersion)
        // Everyone employed (the usual case): the same estimates, not a copy.
        let estimates = kept.count == people.count ? inputs.estimates : SkillEstimates(
            skillCount: inputs.estimates.skillCount,
            perPerson: kept.map { p in inputs.estimates.entries(of: p).map { (Int(inputs.estimates.skills[$0]), inputs.estimates.estimates[$0]) } })
        var fromTraining = 0, solved = 0
        // Plans the planner will ask for and training did not make, solved a batch at a time on
        // every core (`ParallelPlanning`), keyed by the planner's request (its person numbers).
        var prepared: [PlanRequest: PlanCore] = [:]
        func trainingHasPlan(_ person: Int, _ roleLevel: Int) -> Bool {
            training != nil && roleLevel == Int(people.roleLevel[person])
        }
        func solve(_ requests: [PlanRequest]) {
            let asked = requests.filter { !trainingHasPlan(kept[Int($0.person)], Int($0.roleLevel)) }
            guard !asked.isEmpty else { return }
            let (cores, requestCore) = ParallelPlanning.solve(
                asked.map { PlanRequest(person: kept[Int($0.person)], roleLevel: Int($0.roleLevel)) },
                estimates: inputs.estimates, people: people, taxonomy: inputs.taxonomy, catalogue: inputs.catalogue,
                settings: settings, threads: PlanningThreads.count)
            for (request, core) in zip(asked, requestCore) { prepared[request] = cores[Int(core)] }
        }
        let plan = try SourcingPlanner.plan(
            SourcingInput(
                taxonomy: inputs.taxonomy, estimates: estimates, personIDs: kept.map { people.ids[$0] },
                personRoleLevel: kept.map { people.roleLevel[$0] }, asOf: settings.asOf, workforcePlan: rows,
                channels: policies.channels,
                policy: SourcingPolicy(meetsTolerance: settings.tolerance, transferReadiness: policies.transferReadiness)),
            prepare: { solve($0) }
        ) { index, roleLevel in
            let person = kept[index]
            let core: PlanCore
            if let training, trainingHasPlan(person, roleLevel) {
                // The plan training solved for this person toward their own role level: the same
                // estimates, completions, catalogue and settings give the same plan.
                core = training.core(of: person)
                fromTraining += 1
            } else {
                // Announced before it is asked (the planner's contract); solved now if it was not.
                let request = PlanRequest(person: index, roleLevel: roleLevel)
                if prepared[request] == nil { solve([request]) }
                core = prepared[request]!
                solved += 1
            }
            return UpskillPlan(
                cost: core.cost, hours: Int(core.hours), readyBy: settings.readyBy(weeks: settings.weeks(forHours: Int(core.hours))),
                hasUncoverable: !core.uncoverable.isEmpty)
        }
        context.progress(2, of: 3, "\(plan.totals.hires) hires, \(plan.totals.transfers) transfers, \(plan.totals.upskill) upskilled")
        var summary = SourcingSummary(plan)
        summary.estimates = inputs.estimatesSource.rawValue
        summary.plansFromTraining = fromTraining
        summary.plansSolved = solved
        summary.readMilliseconds = read
        summary.computeMilliseconds = (clock.now - started).milliseconds - read
        context.progress(3, of: 3, "build \(summary.buildCost), buy \(summary.buyCost)")
        return PhaseOutput(summary: try WireJSON.value(summary), payload: try plan.encoded())
    }

    /// The course catalogue in force, or an empty one: without courses every gap is uncoverable,
    /// so nobody is upskillable, and transfers need readiness without gaps.
    static func catalogue(_ document: StoredDocument?) throws -> CourseCatalogue {
        guard let document else { return try CourseCatalogue(courses: [], skills: []) }
        return try WireJSON.decode(CourseCatalogue.self, from: document.content)
    }
}

/// Headline figures of a sourcing phase.
struct SourcingSummary: Codable, Sendable {
    var planLoaded = true
    var target: Int
    var capable: Int
    var upskill: Int
    var transfers: Int
    var hires: Int
    var lateHires: Int
    var unfilled: Int
    var buildCost: Int64
    var buyCost: Int64
    var fullStaffing: String?
    /// Where the estimates at T came from (`PlanningInputs.EstimatesSource`).
    var estimates: String?
    /// Learning plans asked for: taken from the training phase (toward people's own role levels)
    /// and solved here (toward other role levels, or every one when training's don't apply).
    var plansFromTraining = 0
    var plansSolved = 0
    /// Reading the inputs (training's plans included), and planning.
    var readMilliseconds = 0.0
    var computeMilliseconds = 0.0

    init(_ plan: SourcingPlan) {
        let totals = plan.totals
        target = totals.target
        capable = totals.capable
        upskill = totals.upskill
        transfers = totals.transfers
        hires = totals.hires
        lateHires = totals.lateHires
        unfilled = totals.unfilled
        buildCost = totals.buildCost
        buyCost = totals.buyCost
        fullStaffing = totals.fullStaffing?.description
    }
}

/// Who is employed on a day: hired on or before it and not departed by it (`hired ≤ t < departed`,
/// DESIGN.md), from the people's hire dates and the departures among the HR events in force.
enum Employment {
    /// The indices of `people` employed on `day`, ascending; `hiredAt` gives each one's hire date
    /// (seconds since the epoch), as the people at the data version name it.
    static func employed(
        on day: CalendarDay, people: [String], hiredAt: [Int64?], reader: StoreReader, dataVersion: Int64
    ) throws -> [Int] {
        var departed: [String: CalendarDay] = [:]
        for batch in try reader.batches(.hrEvents, atDataVersion: dataVersion) {
            for event in try WireJSON.decode([HREvent].self, from: batch.content) {
                guard case .departure = event.detail else { continue }
                departed[event.person] = min(departed[event.person] ?? event.date, event.date)
            }
        }
        return people.indices.filter { p in
            if let start = hiredAt[p].map({ CalendarDay(daysSinceEpoch: $0 / 86_400) }), start > day { return false }
            if let end = departed[people[p]], end <= day { return false }
            return true
        }
    }
}
