#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The weight of one evidence row at the as-of time T, per DESIGN.md:
/// `w = weight(kind) · 0.5^((T − t) / halfLife(kind))`, with `(T − t)` in days (seconds / 86400).
///
/// The policy is read once into two eight-lane vectors indexed by `SourceKind.code`, so the inner
/// loop does no dictionary lookup. Evidence observed after T, or whose `validUntil` is before T,
/// weighs exactly 0: it is as if it were not there.
public struct EvidenceWeights: Sendable {
    public let asOf: Int64
    /// Indexed by `SourceKind.code`.
    let weight: SIMD8<Double>
    /// Indexed by `SourceKind.code`; 0 means the kind does not decay.
    let halfLifeDays: SIMD8<Double>

    public init(policy: AssessmentPolicy, asOf: Int64) {
        var weight = SIMD8<Double>(repeating: 0)
        var halfLife = SIMD8<Double>(repeating: 0)
        for kind in SourceKind.allCases {
            let source = policy.policy(for: kind)
            weight[Int(kind.code)] = source.weight
            halfLife[Int(kind.code)] = source.halfLifeDays ?? 0
        }
        self.asOf = asOf
        self.weight = weight
        self.halfLifeDays = halfLife
    }

    /// Whether a row observed at `observedAt` and valid until `validUntil` counts at all.
    @inline(__always)
    public func counts(observedAt: Int64, validUntil: Int64) -> Bool {
        observedAt <= asOf && asOf <= validUntil
    }

    /// `(T − t)` in days. Subtracts in `Double` so that no pair of times can overflow; for any
    /// time within ±2⁵³ seconds of the epoch the difference is exact.
    @inline(__always)
    public func ageDays(observedAt: Int64) -> Double {
        (Double(asOf) - Double(observedAt)) / 86400
    }

    /// `0.5^(age / halfLife)`, or 1 for a kind without a half-life.
    @inline(__always)
    public func decay(kindCode: UInt8, observedAt: Int64) -> Double {
        let halfLife = halfLifeDays[Int(kindCode)]
        if halfLife == 0 { return 1 }
        return exp2(-(ageDays(observedAt: observedAt) / halfLife))
    }

    /// The row's weight at T: 0 when it does not count, else `weight(kind) · decay`.
    @inline(__always)
    public func weight(kindCode: UInt8, observedAt: Int64, validUntil: Int64) -> Double {
        guard counts(observedAt: observedAt, validUntil: validUntil) else { return 0 }
        return weight[Int(kindCode)] * decay(kindCode: kindCode, observedAt: observedAt)
    }
}
