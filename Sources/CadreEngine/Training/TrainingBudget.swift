/// DESIGN.md's budget rule: plans ordered by the weighted gap they close per unit of cost,
/// descending (cost 0 first), ties by person id; funded in that order while the remaining budget
/// covers a plan — a plan that does not fit is skipped and later, cheaper ones may still be
/// funded. Only plans with at least one course take part.
public enum TrainingBudget {
    /// Per person: funded or not. `value[p]` is Σ w·gap of the targets p's plan closes.
    public static func fund(
        budget: Int64, people: TrainingPeople, cores: [PlanCore], personCore: [Int32], value: [Double]
    ) -> [Bool] {
        let order = self.order(
            ids: people.ids, cost: personCore.map { cores[Int($0)].cost }, value: value,
            hasPlan: personCore.map { !cores[Int($0)].courses.isEmpty })
        var funded = [Bool](repeating: false, count: people.count)
        var remaining = budget
        for p in order {
            let cost = cores[Int(personCore[p])].cost
            if cost <= remaining {
                funded[p] = true
                remaining -= cost
            }
        }
        return funded
    }

    /// People with a plan in funding order.
    public static func order(ids: [String], cost: [Int64], value: [Double], hasPlan: [Bool]) -> [Int] {
        ids.indices.filter { hasPlan[$0] }.sorted { a, b in
            let freeA = cost[a] == 0, freeB = cost[b] == 0
            if freeA != freeB { return freeA }
            if !freeA {
                // value_a / cost_a vs value_b / cost_b, as value_a·cost_b vs value_b·cost_a exactly.
                let comparison = ExactProduct.compare(value[a], cost[b], value[b], cost[a])
                if comparison != 0 { return comparison > 0 }
            }
            return ids[a].utf8.lexicographicallyPrecedes(ids[b].utf8)
        }
    }
}

/// Exact comparison of `x·m` with `y·n` for finite non-negative doubles x, y and non-negative
/// integers m, n: each double is an integer significand times a power of two, so each product
/// is a 117-bit integer times a power of two, compared without rounding.
enum ExactProduct {
    /// −1, 0 or 1 as `x·m` is less than, equal to or greater than `y·n`.
    static func compare(_ x: Double, _ m: Int64, _ y: Double, _ n: Int64) -> Int {
        let a = product(x, m), b = product(y, n)
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (a?, b?):
            let lengthA = bitLength(a.high, a.low) + a.exponent, lengthB = bitLength(b.high, b.low) + b.exponent
            if lengthA != lengthB { return lengthA < lengthB ? -1 : 1 }
            // Same magnitude: align the one with the larger exponent down to the other's.
            var (ah, al) = (a.high, a.low), (bh, bl) = (b.high, b.low)
            if a.exponent > b.exponent { (ah, al) = shiftLeft(ah, al, a.exponent - b.exponent) }
            if b.exponent > a.exponent { (bh, bl) = shiftLeft(bh, bl, b.exponent - a.exponent) }
            if (ah, al) == (bh, bl) { return 0 }
            return (ah, al) < (bh, bl) ? -1 : 1
        }
    }

    /// The product as (high, low) · 2^exponent; nil when it is zero.
    private static func product(_ x: Double, _ m: Int64) -> (high: UInt64, low: UInt64, exponent: Int)? {
        guard x > 0, m > 0, x.isFinite else { return nil }
        let significand: UInt64, exponent: Int
        if x.exponentBitPattern == 0 {
            significand = x.significandBitPattern
            exponent = -1074
        } else {
            significand = x.significandBitPattern | (1 << 52)
            exponent = Int(x.exponentBitPattern) - 1075
        }
        let (high, low) = significand.multipliedFullWidth(by: UInt64(m))
        return (high, low, exponent)
    }

    private static func bitLength(_ high: UInt64, _ low: UInt64) -> Int {
        high != 0 ? 128 - high.leadingZeroBitCount : 64 - low.leadingZeroBitCount
    }

    /// Only called with a shift that keeps the value within 128 bits (equal bit lengths after).
    private static func shiftLeft(_ high: UInt64, _ low: UInt64, _ by: Int) -> (UInt64, UInt64) {
        if by == 0 { return (high, low) }
        if by >= 64 { return (low << UInt64(by - 64), 0) }
        return ((high << UInt64(by)) | (low >> UInt64(64 - by)), low << UInt64(by))
    }
}
