/// One chosen internal transfer.
struct TransferChoice {
    var person: Int
    /// The person's own role level (taxonomy index).
    var from: Int
    var readiness: Double
    var nanos: Int64
    var plan: UpskillPlan
}

/// DESIGN.md's internal transfers: who is eligible for which planned role level, and the optimal
/// choice among them through `TransferNetwork`.
struct TransferSelection {
    /// Per planned level (in `levels` order): transfers into it, by person id.
    var into: [[TransferChoice]]
    /// Per planned level: how many of its people transfer out.
    var out: [Int]

    /// p is eligible for R when p is not at R, R is not a lower rung of p's own role, p's own role
    /// level is unplanned or has a surplus, R has a shortfall, readiness(p, R) ≥ transferReadiness,
    /// and p's learning plan toward R has no uncoverable target and is ready by R's due date.
    /// Readiness is computed first, so plans are asked for only where it passes.
    static func choose(
        input: SourcingInput, levels: [PlannedLevel], people: PeopleByRoleLevel, prepare: ([PlanRequest]) -> Void,
        learningPlan: (Int, Int) -> UpskillPlan
    ) -> TransferSelection {
        var selection = TransferSelection(into: Array(repeating: [], count: levels.count),
                                          out: Array(repeating: 0, count: levels.count))
        guard let candidates = TransferCandidates(
            input: input, levels: levels, people: people, prepare: prepare, learningPlan: learningPlan)
        else { return selection }
        let network = candidates.network
        let assigned = network.solve()
        for candidate in 0..<network.candidateCount where assigned[candidate] >= 0 {
            let target = Int(assigned[candidate])
            guard let arc = network.arcs(of: candidate).first(where: { Int(network.arcTarget[$0]) == target }) else { continue }
            let choice = candidates.details[arc]
            selection.into[candidates.targets[target]].append(choice)
            let source = candidates.plannedAt[choice.from]
            if source >= 0 { selection.out[source] += 1 }
        }
        for index in selection.into.indices {
            selection.into[index].sort { SourcingOrder.precedes(input.personIDs[$0.person], input.personIDs[$1.person]) }
        }
        return selection
    }
}

/// The transfer network of a sourcing input before it is solved: every eligible person with an
/// arc to each planned role level they may move to, and what each arc stands for.
struct TransferCandidates {
    var network: TransferNetwork
    /// Per arc of `network`, in arc order.
    var details: [TransferChoice]
    /// The network's targets as indices into the planned levels.
    var targets: [Int]
    /// Per role level, its index among the planned levels, or −1.
    var plannedAt: [Int]

    /// Nil when no planned level has a shortfall or no role level can give people. Readiness and
    /// the rules on role levels are checked for everyone first; the plans of the pairs that pass
    /// are prepared together, then asked for.
    init?(
        input: SourcingInput, levels: [PlannedLevel], people: PeopleByRoleLevel, prepare: ([PlanRequest]) -> Void,
        learningPlan: (Int, Int) -> UpskillPlan
    ) {
        let taxonomy = input.taxonomy
        let levelCount = taxonomy.roleLevelCount
        var plannedAt = Array(repeating: -1, count: levelCount)
        for (index, level) in levels.enumerated() { plannedAt[level.level] = index }

        let targets = levels.indices.filter { levels[$0].shortfall > 0 }
        var groupOf = Array(repeating: -1, count: levelCount)
        var groupCapacity: [Int] = []
        for level in 0..<levelCount where !people.at(level).isEmpty {
            let planned = plannedAt[level]
            guard planned < 0 || levels[planned].surplus > 0 else { continue }
            groupOf[level] = groupCapacity.count
            groupCapacity.append(planned < 0 ? Int.max : levels[planned].surplus)
        }
        guard !targets.isEmpty, !groupCapacity.isEmpty else { return nil }

        // Role numbers, so "same role" is an integer test in the inner loop.
        var roleNumber = Array(repeating: 0, count: levelCount)
        for level in 1..<max(1, levelCount) {
            let same = taxonomy.roleLevels[level].role == taxonomy.roleLevels[level - 1].role
            roleNumber[level] = roleNumber[level - 1] + (same ? 0 : 1)
        }

        // Pairs that pass every rule but the plan's, by person and then target.
        var pairs: [(person: Int, target: Int, readiness: Double)] = []
        var row = ReadinessRow(estimates: input.estimates, taxonomy: taxonomy, tolerance: input.policy.meetsTolerance)
        let targetLevels = targets.map { levels[$0].level }
        var readinessOf = Array(repeating: 0.0, count: targets.count)
        for person in input.personRoleLevel.indices {
            let own = Int(input.personRoleLevel[person])
            guard groupOf[own] >= 0 else { continue }
            row.load(person)
            row.readiness(for: targetLevels, into: &readinessOf)
            for (target, level) in targetLevels.enumerated() {
                if level == own { continue }
                if roleNumber[level] == roleNumber[own], taxonomy.roleLevels[level].rung < taxonomy.roleLevels[own].rung { continue }
                guard readinessOf[target] >= input.policy.transferReadiness else { continue }
                pairs.append((person, target, readinessOf[target]))
            }
        }
        prepare(pairs.map { PlanRequest(person: $0.person, roleLevel: targetLevels[$0.target]) })

        var network = TransferNetwork(groupCapacity: groupCapacity, seatCapacity: targets.map { levels[$0].shortfall })
        var details: [TransferChoice] = []
        var arcs: [(target: Int, cost: TransferCost)] = []
        var index = 0
        while index < pairs.count {
            let person = pairs[index].person
            let own = Int(input.personRoleLevel[person])
            arcs.removeAll(keepingCapacity: true)
            while index < pairs.count && pairs[index].person == person {
                let (target, readiness) = (pairs[index].target, pairs[index].readiness)
                index += 1
                let plan = learningPlan(person, targetLevels[target])
                guard plan.qualifies(by: levels[targets[target]].row.due) else { continue }
                let nanos = ReadinessRow.nanos(readiness)
                arcs.append((target, TransferCost(readinessNanos: nanos, planCost: plan.cost)))
                details.append(TransferChoice(person: person, from: own, readiness: readiness, nanos: nanos, plan: plan))
            }
            guard !arcs.isEmpty else { continue }
            network.addCandidate(group: groupOf[own], arcs: arcs)
        }
        self.network = network
        self.details = details
        self.targets = targets
        self.plannedAt = plannedAt
    }
}
