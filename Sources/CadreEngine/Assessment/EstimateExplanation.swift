/// Why an estimate is what it is: every evidence row the person has for the skill, what it
/// weighs at the as-of time, and why a row does not count — so "you are a 2.7 in MLOps" can be
/// traced to a manager rating from last spring and a lapsed certificate.
public struct EstimateExplanation: Hashable, Sendable {
    public var person: Int
    public var skill: Int
    public var asOf: Int64
    /// Σ w·level / Σ w, or 0 when unassessed.
    public var estimate: Double
    /// Σ w.
    public var confidence: Double
    /// In the order the engine sums them (the input's row order).
    public var evidence: [EvidenceContribution]

    public var isUnassessed: Bool { !(confidence > 0) }
}

/// One evidence row's part in an estimate.
public struct EvidenceContribution: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable, Codable {
        case counted
        /// Observed after the as-of time: it did not exist yet.
        case observedAfterAsOf = "observed-after-as-of"
        /// Its `validUntil` is before the as-of time (a lapsed credential).
        case expired
    }

    /// Row number in the `AssessmentInput`.
    public var row: Int
    /// Position of the record it came from in the builder's input, when known.
    public var record: Int?
    public var kind: SourceKind
    /// On the 0–5 scale.
    public var level: Double
    public var observedAt: Int64
    /// nil when it never expires.
    public var validUntil: Int64?
    /// `(T − t)` in days; negative for evidence observed after T.
    public var ageDays: Double
    /// `0.5^(age / halfLife)`, 1 for a kind that does not decay; 0 when the row does not count.
    public var decay: Double
    /// `weight(kind) · decay`; 0 when the row does not count.
    public var weight: Double
    public var status: Status
}

extension AssessmentInput {
    /// The evidence behind `person`'s estimate for `skill` (both numbers) at `asOf`.
    ///
    /// - Throws: `InputErrors` when a number is out of range or `policy` has problems.
    public func explain(
        person: Int, skill: Int, asOf: Int64, policy: AssessmentPolicy = .standard
    ) throws -> EstimateExplanation {
        try checkPerson(person)
        guard skill >= 0, skill < taxonomy.skillCount else {
            throw InputErrors([InputError(
                .assessmentUnknownSkill, file: "<assessment input>", field: "skill",
                message: "skill number \(skill) is out of range")])
        }
        let problems = policy.problems()
        if !problems.isEmpty { throw InputErrors(problems) }
        let weights = EvidenceWeights(policy: policy, asOf: asOf)
        var rows: [EvidenceContribution] = []
        // Same order and operations as `AssessmentKernel.accumulate`, so the sums agree to the bit.
        var weightSum = 0.0, weightedLevel = 0.0
        for row in evidence(of: person) where Int(evidenceSkill[row]) == skill {
            let kindCode = evidenceKind[row], observedAt = evidenceObservedAt[row]
            let validUntil = evidenceValidUntil[row]
            let w = weights.weight(kindCode: kindCode, observedAt: observedAt, validUntil: validUntil)
            weightSum += w
            weightedLevel += w * evidenceLevel[row]
            let status: EvidenceContribution.Status =
                observedAt > asOf ? .observedAfterAsOf : (asOf > validUntil ? .expired : .counted)
            rows.append(EvidenceContribution(
                row: row, record: evidenceRecord.isEmpty ? nil : Int(evidenceRecord[row]),
                kind: SourceKind(code: kindCode) ?? .selfRating, level: evidenceLevel[row],
                observedAt: observedAt, validUntil: validUntil == Self.neverExpires ? nil : validUntil,
                ageDays: weights.ageDays(observedAt: observedAt),
                decay: status == .counted ? weights.decay(kindCode: kindCode, observedAt: observedAt) : 0,
                weight: w, status: status))
        }
        return EstimateExplanation(
            person: person, skill: skill, asOf: asOf,
            estimate: weightSum > 0 ? weightedLevel / weightSum : 0, confidence: weightSum, evidence: rows)
    }
}
