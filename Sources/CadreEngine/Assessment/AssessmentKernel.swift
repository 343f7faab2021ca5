/// The one place the estimate, the gaps and readiness of a person against a role level are
/// computed. The gap map, the person view and the explanation all come through here (or, for the
/// explanation, through `EvidenceWeights` in the same order), so they agree to the bit.
///
/// It reads the input through unsafe buffer pointers taken once per run, walks the person's
/// evidence and the role level's requirements together (both sorted by skill number), and writes
/// each requirement's estimate and confidence into caller-provided storage: no lookup, no
/// allocation, and a fixed order of summation.
struct AssessmentKernel {
    let evidenceSkill: UnsafeBufferPointer<Int32>
    let evidenceLevel: UnsafeBufferPointer<Double>
    let evidenceKind: UnsafeBufferPointer<UInt8>
    let evidenceObservedAt: UnsafeBufferPointer<Int64>
    let evidenceValidUntil: UnsafeBufferPointer<Int64>
    let requirementSkill: UnsafeBufferPointer<Int32>
    let requirementLevel: UnsafeBufferPointer<Double>
    let requirementImportance: UnsafeBufferPointer<Double>
    let weights: EvidenceWeights
    let tolerance: Double

    /// What one person's requirement cells add up to.
    struct Outcome {
        var readiness: Double
        var meets: Bool
        /// Σ importance · gap.
        var weightedGap: Double
    }

    /// `Σ w` and `Σ w·level` over the rows of `evidence` for `skill`, advancing `row` past them.
    /// Rows for smaller skill numbers are skipped without being weighed.
    @inline(__always)
    func accumulate(skill: Int32, row: inout Int, end: Int) -> (weight: Double, weightedLevel: Double) {
        while row < end && evidenceSkill[row] < skill { row += 1 }
        var weight = 0.0, weightedLevel = 0.0
        while row < end && evidenceSkill[row] == skill {
            let w = weights.weight(
                kindCode: evidenceKind[row], observedAt: evidenceObservedAt[row],
                validUntil: evidenceValidUntil[row])
            weight += w
            weightedLevel += w * evidenceLevel[row]
            row += 1
        }
        return (weight, weightedLevel)
    }

    /// Assesses the person whose evidence rows are `evidence` against the requirements
    /// `requirements`, writing cell `k`'s estimate and confidence to `estimate[first + k]` and
    /// `confidence[first + k]`.
    @inline(__always)
    func assess(
        evidence: Range<Int>, requirements: Range<Int>,
        estimate: UnsafeMutableBufferPointer<Double>, confidence: UnsafeMutableBufferPointer<Double>, first: Int
    ) -> Outcome {
        var row = evidence.lowerBound
        var weightedGap = 0.0, weightedRequired = 0.0
        var meets = true
        var cell = first
        for r in requirements {
            let (weight, weightedLevel) = accumulate(skill: requirementSkill[r], row: &row, end: evidence.upperBound)
            let value = weight > 0 ? weightedLevel / weight : 0
            estimate[cell] = value
            confidence[cell] = weight
            let level = requirementLevel[r], importance = requirementImportance[r]
            let gap = Readiness.gap(required: level, estimate: value)
            weightedGap += importance * gap
            weightedRequired += importance * level
            meets = meets && gap <= tolerance
            cell += 1
        }
        return Outcome(
            readiness: Readiness.readiness(weightedGap: weightedGap, weightedRequired: weightedRequired),
            meets: meets, weightedGap: weightedGap)
    }
}

/// DESIGN.md's gap and readiness formulas, shared by the kernel and by every view that
/// recomputes a gap from a stored estimate.
public enum Readiness {
    /// `max(0, L − estimate)`; an unassessed cell's estimate is 0, so its gap is the whole level.
    @inline(__always)
    public static func gap(required level: Double, estimate: Double) -> Double {
        let gap = level - estimate
        return gap > 0 ? gap : 0
    }

    /// `1 − Σ w·gap / Σ w·L`; a role level that requires nothing is met in full (readiness 1).
    @inline(__always)
    public static func readiness(weightedGap: Double, weightedRequired: Double) -> Double {
        weightedRequired > 0 ? 1 - weightedGap / weightedRequired : 1
    }
}

extension AssessmentInput {
    /// Runs `body` with a kernel over this input's columns; the pointers live only inside `body`.
    func withKernel<R>(weights: EvidenceWeights, tolerance: Double, _ body: (AssessmentKernel) throws -> R) rethrows -> R {
        try evidenceSkill.withUnsafeBufferPointer { skill in
            try evidenceLevel.withUnsafeBufferPointer { level in
                try evidenceKind.withUnsafeBufferPointer { kind in
                    try evidenceObservedAt.withUnsafeBufferPointer { observedAt in
                        try evidenceValidUntil.withUnsafeBufferPointer { validUntil in
                            try taxonomy.requirementSkill.withUnsafeBufferPointer { requiredSkill in
                                try taxonomy.requirementLevel.withUnsafeBufferPointer { requiredLevel in
                                    try taxonomy.requirementImportance.withUnsafeBufferPointer { importance in
                                        try body(AssessmentKernel(
                                            evidenceSkill: skill, evidenceLevel: level, evidenceKind: kind,
                                            evidenceObservedAt: observedAt, evidenceValidUntil: validUntil,
                                            requirementSkill: requiredSkill, requirementLevel: requiredLevel,
                                            requirementImportance: importance, weights: weights,
                                            tolerance: tolerance))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
