extension SourcingPlanner {
    /// Turns the planned levels, the chosen transfers and the hires into the published plan.
    static func assemble(
        input: SourcingInput, levels: [PlannedLevel], transfers: TransferSelection, hires: [[Hire?]]
    ) -> SourcingPlan {
        let ids = input.personIDs
        let roleLevels = input.taxonomy.roleLevels
        func planned(_ entry: (person: Int, plan: UpskillPlan)) -> PlannedPerson {
            PlannedPerson(person: ids[entry.person], cost: entry.plan.cost, hours: entry.plan.hours, readyBy: entry.plan.readyBy)
        }
        var totals = SourcingTotals(
            target: 0, capable: 0, upskill: 0, transfers: 0, hires: 0, lateHires: 0, unfilled: 0,
            upskillCost: 0, transferCost: 0, buildCost: 0, buyCost: 0, fullStaffing: input.asOf)
        var byQuarter: [QuarterKey: (hires: Int, cost: Int64)] = [:]
        var result: [RoleLevelSourcing] = []
        for (index, level) in levels.enumerated() {
            let placed = hires[index].compactMap { $0 }
            let unfilled = hires[index].count - placed.count
            let moves = transfers.into[index].map { choice in
                Transfer(person: ids[choice.person], from: roleLevels[choice.from], readiness: choice.readiness,
                         readinessNanos: choice.nanos, planCost: choice.plan.cost, planHours: choice.plan.hours,
                         readyBy: choice.plan.readyBy)
            }
            var staffedBy: CalendarDay? = input.asOf
            if unfilled > 0 {
                staffedBy = nil
            } else {
                let dates = level.upskill.map(\.plan.readyBy) + moves.map(\.readyBy) + placed.map(\.fillDate)
                staffedBy = dates.reduce(input.asOf, max)
            }
            let entry = RoleLevelSourcing(
                roleLevel: level.row.roleLevel, target: level.row.headcount, due: level.row.due, note: level.row.note,
                headcount: level.headcount, capable: level.capable.map { ids[$0] }.sorted(by: SourcingOrder.precedes),
                upskill: level.upskill.map(planned), spare: level.spare.map(planned),
                notUpskillable: level.notUpskillable, shortfall: level.shortfall, surplus: level.surplus,
                transfers: moves, transfersOut: transfers.out[index], hires: placed, unfilled: unfilled,
                staffedBy: staffedBy)
            result.append(entry)

            totals.target += entry.target
            totals.capable += entry.capable.count
            totals.upskill += entry.upskill.count
            totals.transfers += moves.count
            totals.hires += placed.count
            totals.lateHires += placed.count { $0.lateDays > 0 }
            totals.unfilled += unfilled
            totals.upskillCost += entry.upskill.reduce(0) { $0 + $1.cost }
            totals.transferCost += moves.reduce(0) { $0 + $1.planCost }
            totals.buyCost += placed.reduce(0) { $0 + $1.cost }
            if let staffed = staffedBy, let full = totals.fullStaffing {
                totals.fullStaffing = max(full, staffed)
            } else {
                totals.fullStaffing = nil
            }
            for hire in placed {
                let key = QuarterKey(channel: hire.channel, quarter: CalendarQuarter(containing: hire.fillDate))
                let sum = byQuarter[key] ?? (0, 0)
                byQuarter[key] = (sum.hires + 1, sum.cost + hire.cost)
            }
        }
        totals.buildCost = totals.upskillCost + totals.transferCost
        let hiresByQuarter = byQuarter.map { key, sum in
            ChannelQuarterHires(channel: key.channel, quarter: key.quarter, hires: sum.hires, cost: sum.cost)
        }.sorted { a, b in
            a.channel != b.channel ? SourcingOrder.precedes(a.channel, b.channel) : a.quarter < b.quarter
        }
        return SourcingPlan(asOf: input.asOf, policy: input.policy, roleLevels: result, totals: totals,
                            hiresByQuarter: hiresByQuarter)
    }

    private struct QuarterKey: Hashable {
        var channel: String
        var quarter: CalendarQuarter
    }
}
