/// One person at a time, on demand: against any role level (how ready is this person for
/// another role — the question behind an internal transfer), and the "why" of one estimate.
/// Both go through the same kernel and weights as the gap map, so a person's own-role view here
/// equals `GapMap.person(_:)` to the bit.
extension AssessmentInput {
    /// `person` (a person number) measured against role level number `roleLevel`.
    ///
    /// - Throws: `InputErrors` when either number is out of range or `policy` has problems.
    public func assess(
        person: Int, against roleLevel: Int, asOf: Int64, policy: AssessmentPolicy = .standard
    ) throws -> PersonAssessment {
        try checkPerson(person)
        guard roleLevel >= 0, roleLevel < taxonomy.roleLevelCount else {
            throw InputErrors([InputError(
                .assessmentUnknownRoleLevel, file: "<assessment input>", field: "roleLevel",
                message: "role level number \(roleLevel) is out of range")])
        }
        let problems = policy.problems()
        if !problems.isEmpty { throw InputErrors(problems) }
        let requirements = taxonomy.requirements(ofRoleLevel: roleLevel)
        var estimate = [Double](repeating: 0, count: requirements.count)
        var confidence = [Double](repeating: 0, count: requirements.count)
        let outcome = withKernel(
            weights: EvidenceWeights(policy: policy, asOf: asOf), tolerance: policy.meetsTolerance
        ) { kernel in
            estimate.withUnsafeMutableBufferPointer { estimate in
                confidence.withUnsafeMutableBufferPointer { confidence in
                    kernel.assess(
                        evidence: evidence(of: person), requirements: requirements,
                        estimate: estimate, confidence: confidence, first: 0)
                }
            }
        }
        let cells = requirements.enumerated().map { k, r in
            RequirementCell(
                skill: Int(taxonomy.requirementSkill[r]), requiredLevel: taxonomy.requirementLevel[r],
                importance: taxonomy.requirementImportance[r], estimate: estimate[k], confidence: confidence[k])
        }
        return PersonAssessment(
            person: person, roleLevel: roleLevel, readiness: outcome.readiness, meets: outcome.meets,
            weightedGap: outcome.weightedGap, requirements: cells)
    }

    /// The person with id `personID` against the role level `roleLevel` (`data-scientist@3`).
    ///
    /// - Throws: `InputErrors` naming the unknown person or role level.
    public func assess(
        personID: String, against roleLevel: RoleLevelRef, asOf: Int64, policy: AssessmentPolicy = .standard
    ) throws -> PersonAssessment {
        guard let index = taxonomy.roleLevelIndex(roleLevel) else {
            throw InputErrors([InputError(
                .assessmentUnknownRoleLevel, file: "<request>", field: "roleLevel",
                message: "no role level '\(roleLevel)' in the taxonomy",
                hint: "name a role level as ROLE@RUNG, e.g. ml-engineer@2")])
        }
        return try assess(person: try personIndex(personID), against: index, asOf: asOf, policy: policy)
    }

    /// The person number of `id`.
    ///
    /// - Throws: `InputErrors` (`assessment.unknown-person`) when no person has that id.
    public func personIndex(_ id: String) throws -> Int {
        guard let index = personIDs.firstIndex(of: id) else {
            throw InputErrors([InputError(
                .assessmentUnknownPerson, file: "<request>", field: "person",
                message: "no person '\(id)' in this assessment", hint: "check the person's id on the roster")])
        }
        return index
    }

    func checkPerson(_ person: Int) throws {
        guard person >= 0, person < personCount else {
            throw InputErrors([InputError(
                .assessmentUnknownPerson, file: "<assessment input>", field: "person",
                message: "person number \(person) is out of range")])
        }
    }
}
