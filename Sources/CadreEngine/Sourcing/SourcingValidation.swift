/// The checks `SourcingPlanner` makes before planning, so that a value built in code (or decoded
/// from a store) cannot index out of range, overflow a sum or loop for ever.
extension SourcingInput {
    /// Every problem at once; empty when the input can be planned.
    func problems() -> [InputError] {
        var errors: [InputError] = []
        func problem(_ field: String, _ message: String, hint: String = "") {
            errors.append(InputError(.sourcingMalformedInput, file: "<sourcing>", field: field, message: message, hint: hint))
        }
        if personIDs.count != personRoleLevel.count || estimates.personCount != personIDs.count {
            problem("people", "\(personIDs.count) ids, \(personRoleLevel.count) role levels and \(estimates.personCount) people with estimates disagree")
        }
        if estimates.skillCount != taxonomy.skillCount {
            problem("estimates", "estimates cover \(estimates.skillCount) skills, the taxonomy has \(taxonomy.skillCount)")
        }
        if let bad = personRoleLevel.firstIndex(where: { $0 < 0 || Int($0) >= taxonomy.roleLevelCount }) {
            problem("personRoleLevel[\(bad)]", "role level number \(personRoleLevel[bad]) is out of range")
        }
        if !policy.meetsTolerance.isFinite || policy.meetsTolerance < 0 {
            problem("policy.meetsTolerance", "\(policy.meetsTolerance) is not a tolerance ≥ 0")
        }
        if !policy.transferReadiness.isFinite || !(0...1).contains(policy.transferReadiness) {
            problem("policy.transferReadiness", "\(policy.transferReadiness) is outside 0–1")
        }
        var planned = Set<RoleLevelRef>()
        var total = 0
        for (index, row) in workforcePlan.enumerated() {
            let field = "workforcePlan[\(index)]"
            if taxonomy.roleLevelIndex(row.roleLevel) == nil {
                problem(field, "\(row.roleLevel) is not a role level of the taxonomy")
            }
            if !planned.insert(row.roleLevel).inserted {
                problem(field, "\(row.roleLevel) is planned twice", hint: "a plan holds one row per role level")
            }
            if !(0...SourcingLimits.maximumHeadcount).contains(row.headcount) {
                problem(field, "headcount \(row.headcount) is outside 0–\(SourcingLimits.maximumHeadcount)")
            } else {
                total += row.headcount
            }
        }
        if total > SourcingLimits.maximumTotalHeadcount {
            problem("workforcePlan", "the plan asks for \(total) people, more than \(SourcingLimits.maximumTotalHeadcount)")
        }
        var channelIDs = Set<String>()
        for (index, channel) in channels.enumerated() {
            let field = "channels[\(index)]"
            if !channelIDs.insert(channel.id).inserted { problem(field, "channel `\(channel.id)` is defined twice") }
            if !(0...SourcingLimits.maximumCost).contains(channel.costPerHire) {
                problem(field, "cost per hire \(channel.costPerHire) is outside 0–\(SourcingLimits.maximumCost)")
            }
            if !(0...SourcingLimits.maximumTimeToFillDays).contains(channel.timeToFillDays) {
                problem(field, "time to fill \(channel.timeToFillDays) days is outside 0–\(SourcingLimits.maximumTimeToFillDays)")
            }
            if let capacity = channel.capacityPerQuarter, capacity < 0 { problem(field, "capacity \(capacity) is negative") }
            if channel.rungs.contains(where: { $0 < 1 }) { problem(field, "a rung is below 1") }
        }
        return errors
    }
}

extension UpskillPlan {
    /// A plan the sums can take: money and hours that are not negative and not absurd.
    func problem(person: String, roleLevel: RoleLevelRef) -> InputError? {
        guard !(0...SourcingLimits.maximumCost).contains(cost) || !(0...SourcingLimits.maximumPlanHours).contains(hours) else {
            return nil
        }
        return InputError(
            .sourcingMalformedInput, file: "<learning plans>", field: "\(person) → \(roleLevel)",
            message: "the learning plan's cost \(cost) or hours \(hours) is out of range",
            hint: "cost 0–\(SourcingLimits.maximumCost) minor units, hours 0–\(SourcingLimits.maximumPlanHours) hundredths")
    }
}

extension SourcingLimits {
    /// Ten million hours, in hundredths.
    public static let maximumPlanHours = 1_000_000_000
}
