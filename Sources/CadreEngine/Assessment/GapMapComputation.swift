/// Computing the gap map: one pass over people (and so over evidence) through the kernel, then
/// the team roll-up. Every sum runs in a fixed order — person number, then requirement order —
/// so the same input and as-of time give the same bits.
extension GapMap {
    /// Assesses everyone against their own role level at `asOf`.
    ///
    /// - Throws: `InputErrors` when `policy` has problems (`AssessmentPolicy.problems()`).
    public init(assessing input: AssessmentInput, asOf: Int64, policy: AssessmentPolicy = .standard) throws {
        let problems = policy.problems()
        if !problems.isEmpty { throw InputErrors(problems) }
        let weights = EvidenceWeights(policy: policy, asOf: asOf)
        let taxonomy = input.taxonomy
        let people = input.personCount
        let tolerance = policy.meetsTolerance

        var cellOffsets = [Int32](repeating: 0, count: people + 1)
        for p in 0..<people {
            let r = Int(input.personRoleLevel[p])
            cellOffsets[p + 1] = cellOffsets[p] + taxonomy.requirementOffsets[r + 1] - taxonomy.requirementOffsets[r]
        }
        let cellCount = Int(cellOffsets[people])

        var readiness = [Double](repeating: 0, count: people)
        var meets = [Bool](repeating: false, count: people)
        var personGap = [Double](repeating: 0, count: people)
        var estimate = [Double](repeating: 0, count: cellCount)
        var confidence = [Double](repeating: 0, count: cellCount)
        // Role-level sums are kept per requirement (members share the list); org sums per skill.
        var roleSums = [Double](repeating: 0, count: taxonomy.requirementSkill.count)
        var orgSums = [Double](repeating: 0, count: taxonomy.skillCount)
        var roleHeadcount = [Int32](repeating: 0, count: taxonomy.roleLevelCount)
        var roleMeeting = [Int32](repeating: 0, count: taxonomy.roleLevelCount)
        var roleReadiness = [Double](repeating: 0, count: taxonomy.roleLevelCount)
        var orgReadiness = 0.0
        var orgMeeting: Int32 = 0

        input.withKernel(weights: weights, tolerance: tolerance) { kernel in
            estimate.withUnsafeMutableBufferPointer { estimate in
                confidence.withUnsafeMutableBufferPointer { confidence in
                    roleSums.withUnsafeMutableBufferPointer { roleSums in
                        orgSums.withUnsafeMutableBufferPointer { orgSums in
                            for p in 0..<people {
                                let roleLevel = Int(input.personRoleLevel[p])
                                let requirements = taxonomy.requirements(ofRoleLevel: roleLevel)
                                let first = Int(cellOffsets[p])
                                let outcome = kernel.assess(
                                    evidence: input.evidence(of: p), requirements: requirements,
                                    estimate: estimate, confidence: confidence, first: first)
                                readiness[p] = outcome.readiness
                                meets[p] = outcome.meets
                                personGap[p] = outcome.weightedGap
                                var cell = first
                                for r in requirements {
                                    let share = kernel.requirementImportance[r]
                                        * Readiness.gap(required: kernel.requirementLevel[r], estimate: estimate[cell])
                                    roleSums[r] += share
                                    orgSums[Int(kernel.requirementSkill[r])] += share
                                    cell += 1
                                }
                                roleHeadcount[roleLevel] += 1
                                roleReadiness[roleLevel] += outcome.readiness
                                orgReadiness += outcome.readiness
                                if outcome.meets {
                                    roleMeeting[roleLevel] += 1
                                    orgMeeting += 1
                                }
                            }
                        }
                    }
                }
            }
        }

        let roleGroups = GroupAggregates(
            headcount: roleHeadcount, meetingCount: roleMeeting,
            meanReadiness: zip(roleReadiness, roleHeadcount).map { $1 > 0 ? $0 / Double($1) : 0 },
            skillOffsets: taxonomy.requirementOffsets, skill: taxonomy.requirementSkill, weightedGap: roleSums)

        var required = [Bool](repeating: false, count: taxonomy.skillCount)
        for r in 0..<taxonomy.roleLevelCount where roleHeadcount[r] > 0 {
            for i in taxonomy.requirements(ofRoleLevel: r) { required[Int(taxonomy.requirementSkill[i])] = true }
        }
        let orgSkills = required.indices.filter { required[$0] }
        let org = GroupAggregates(
            headcount: [Int32(people)], meetingCount: [orgMeeting],
            meanReadiness: [people > 0 ? orgReadiness / Double(people) : 0],
            skillOffsets: [0, Int32(orgSkills.count)], skill: orgSkills.map { Int32($0) },
            weightedGap: orgSkills.map { orgSums[$0] })

        self.init(
            asOf: asOf, meetsTolerance: tolerance, taxonomy: taxonomy, personIDs: input.personIDs,
            teamIDs: input.teamIDs, personRoleLevel: input.personRoleLevel, personTeam: input.personTeam,
            readiness: readiness, meets: meets, weightedGap: personGap, cellOffsets: cellOffsets,
            cellEstimate: estimate, cellConfidence: confidence,
            teams: GroupAggregates.empty, roleLevels: roleGroups, org: org)
        self.teams = rollUpTeams(teamCount: input.teamCount)
    }

    /// Team aggregates from the per-person results: members in ascending person number, a
    /// scratch row of per-skill sums reused from team to team (only the touched skills are
    /// reset), so memory stays one row however many teams there are.
    func rollUpTeams(teamCount: Int) -> GroupAggregates {
        var memberOffsets = [Int](repeating: 0, count: teamCount + 1)
        for team in personTeam where team >= 0 { memberOffsets[Int(team) + 1] += 1 }
        for t in 0..<teamCount { memberOffsets[t + 1] += memberOffsets[t] }
        var members = [Int32](repeating: 0, count: memberOffsets[teamCount])
        var fill = memberOffsets
        for p in 0..<personCount where personTeam[p] >= 0 {
            let team = Int(personTeam[p])
            members[fill[team]] = Int32(p)
            fill[team] += 1
        }

        var headcount = [Int32](repeating: 0, count: teamCount)
        var meeting = [Int32](repeating: 0, count: teamCount)
        var mean = [Double](repeating: 0, count: teamCount)
        var skillOffsets: [Int32] = [0]
        skillOffsets.reserveCapacity(teamCount + 1)
        var skills: [Int32] = []
        var sums: [Double] = []
        // A team lists at most one entry per member cell: reserving that avoids regrowing.
        skills.reserveCapacity(cellEstimate.count)
        sums.reserveCapacity(cellEstimate.count)
        var scratch = [Double](repeating: 0, count: taxonomy.skillCount)
        // One bit per skill some member of the current team is required to have; walking the
        // set bits word by word yields them in ascending order without a sort.
        var touched = [UInt64](repeating: 0, count: (taxonomy.skillCount + 63) / 64)
        for t in 0..<teamCount {
            var readinessSum = 0.0
            for m in memberOffsets[t]..<memberOffsets[t + 1] {
                let p = Int(members[m])
                readinessSum += readiness[p]
                if meets[p] { meeting[t] += 1 }
                var cell = Int(cellOffsets[p])
                for r in taxonomy.requirements(ofRoleLevel: Int(personRoleLevel[p])) {
                    let skill = Int(taxonomy.requirementSkill[r])
                    touched[skill >> 6] |= 1 << UInt64(skill & 63)
                    scratch[skill] += taxonomy.requirementImportance[r]
                        * Readiness.gap(required: taxonomy.requirementLevel[r], estimate: cellEstimate[cell])
                    cell += 1
                }
            }
            let count = memberOffsets[t + 1] - memberOffsets[t]
            headcount[t] = Int32(count)
            mean[t] = count > 0 ? readinessSum / Double(count) : 0
            for word in touched.indices {
                var bits = touched[word]
                while bits != 0 {
                    let skill = word << 6 | bits.trailingZeroBitCount
                    skills.append(Int32(skill))
                    sums.append(scratch[skill])
                    scratch[skill] = 0
                    bits &= bits - 1
                }
                touched[word] = 0
            }
            skillOffsets.append(Int32(skills.count))
        }
        return GroupAggregates(
            headcount: headcount, meetingCount: meeting, meanReadiness: mean,
            skillOffsets: skillOffsets, skill: skills, weightedGap: sums)
    }
}

extension GroupAggregates {
    static let empty = GroupAggregates(
        headcount: [], meetingCount: [], meanReadiness: [], skillOffsets: [0], skill: [], weightedGap: [])
}
