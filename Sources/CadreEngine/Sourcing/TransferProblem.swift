/// The internal-transfer choice of a sourcing input as the flow network the planner solves
/// (`TransferNetwork`), open to a reader outside the engine: so a benchmark can hand the very same
/// network to another min-cost-flow solver and compare the optimum and the time.
///
/// Nodes: a source; one node per group (a role level people may leave: unplanned, or planned
/// with a surplus; capacity `groupCapacity`, `Int.max` for no limit); one per candidate
/// (capacity 1); one per target (a planned role level with a shortfall; capacity
/// `seatCapacity`); a sink. Candidate c's arcs go to `arcTarget[arcs(of: c)]`; DESIGN.md's
/// objective is most transfers, then the greatest `Σ arcReadinessNanos`, then the least
/// `Σ arcPlanCost`.
public struct TransferProblem: Sendable {
    let network: TransferNetwork
    /// Each candidate's person number (as in `SourcingInput.personIDs`).
    public let candidatePerson: [Int]
    public let arcReadinessNanos: [Int64]
    public let arcPlanCost: [Int64]

    public var groupCapacity: [Int] { network.groupCapacity }
    public var seatCapacity: [Int] { network.seatCapacity }
    public var candidateGroup: [Int32] { network.candidateGroup }
    public var arcOffsets: [Int32] { network.arcOffsets }
    public var arcTarget: [Int32] { network.arcTarget }
    public var candidateCount: Int { network.candidateCount }
    public var arcCount: Int { network.arcTarget.count }

    public func arcs(of candidate: Int) -> Range<Int> { network.arcs(of: candidate) }

    /// The optimum as the planner finds it.
    public struct Solution: Sendable {
        /// Per candidate, the target it is placed at, or −1.
        public var assigned: [Int32]
        public var transfers: Int
        public var readinessNanos: Int64
        public var planCost: Int64
    }

    /// Solves the network with the planner's own solver.
    public func solve() -> Solution {
        let assigned = network.solve()
        var solution = Solution(assigned: assigned, transfers: 0, readinessNanos: 0, planCost: 0)
        for candidate in 0..<network.candidateCount where assigned[candidate] >= 0 {
            guard let arc = arcs(of: candidate).first(where: { network.arcTarget[$0] == assigned[candidate] }) else { continue }
            solution.transfers += 1
            solution.readinessNanos += arcReadinessNanos[arc]
            solution.planCost += arcPlanCost[arc]
        }
        return solution
    }
}

extension SourcingPlanner {
    /// The transfer network `plan` would solve for `input`, built by the same steps (capable,
    /// upskilled, shortfalls and surpluses, eligibility); nil when there is nothing to transfer.
    ///
    /// - Throws: as `plan`.
    public static func transferProblem(
        _ input: SourcingInput, prepare: (_ requests: [PlanRequest]) -> Void = { _ in },
        learningPlan: (_ person: Int, _ roleLevel: Int) -> UpskillPlan
    ) throws(InputErrors) -> TransferProblem? {
        let problems = input.problems()
        if !problems.isEmpty { throw InputErrors(problems) }
        let people = PeopleByRoleLevel(input.personRoleLevel, roleLevelCount: input.taxonomy.roleLevelCount)
        let levels = split(input, people: people, prepare: prepare, learningPlan: learningPlan)
        guard let candidates = TransferCandidates(
            input: input, levels: levels, people: people, prepare: prepare, learningPlan: learningPlan)
        else { return nil }
        var person: [Int] = []
        for candidate in 0..<candidates.network.candidateCount {
            person.append(candidates.details[candidates.network.arcs(of: candidate).lowerBound].person)
        }
        return TransferProblem(
            network: candidates.network, candidatePerson: person,
            arcReadinessNanos: candidates.details.map(\.nanos), arcPlanCost: candidates.details.map(\.plan.cost))
    }
}
