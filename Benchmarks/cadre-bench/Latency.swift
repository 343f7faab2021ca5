import Foundation

/// Round-trip times summarised the way a latency target is stated: median and tail. Percentiles
/// are nearest-rank (the sample at rank ⌈p/100 · n⌉), the same rule Benchmarks/pingpong/pingpong.c
/// uses, so the two columns of a ratio are computed alike.
struct LatencySummary {
    var count: Int
    var p50: Double
    var p99: Double
    var mean: Double
    var minimum: Double
    var maximum: Double

    /// - Parameter samples: microseconds, in any order; at least one.
    init(microseconds samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        func rank(_ p: Double) -> Double {
            let index = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
            return sorted[min(max(index, 0), sorted.count - 1)]
        }
        p50 = rank(50)
        p99 = rank(99)
        mean = sorted.reduce(0, +) / Double(max(sorted.count, 1))
        minimum = sorted.first ?? 0
        maximum = sorted.last ?? 0
    }

    /// One aligned line: `label  p50 … µs  p99 … µs  mean … µs  (n)`.
    func line(_ label: String) -> String {
        label.padding(toLength: 22, withPad: " ", startingAt: 0)
            + String(format: "p50 %7.2f µs   p99 %7.2f µs   mean %7.2f µs   min %6.2f   max %8.1f   (n=%d)",
                     p50, p99, mean, minimum, maximum, count)
    }
}
