/// The cost of placing transferees, compared lexicographically: first the negated sum of
/// readiness in units of 10⁻⁹ (so more readiness is cheaper), then the sum of plan costs. Two exact
/// integers instead of one floating number keep the optimisation exact: no weight can let cost
/// outbid readiness, and no rounding can reorder two choices.
struct TransferCost: Hashable, Comparable, Sendable {
    var readiness: Int64
    var money: Int64

    static let zero = TransferCost(readiness: 0, money: 0)
    /// Above every cost a path can have: an unreached node's distance.
    static let infinity = TransferCost(readiness: .max, money: .max)

    /// The cost of the arc person → role level.
    init(readinessNanos: Int64, planCost: Int64) {
        readiness = -readinessNanos
        money = planCost
    }

    init(readiness: Int64, money: Int64) {
        self.readiness = readiness
        self.money = money
    }

    static func + (a: Self, b: Self) -> Self { Self(readiness: a.readiness + b.readiness, money: a.money + b.money) }
    static func - (a: Self, b: Self) -> Self { Self(readiness: a.readiness - b.readiness, money: a.money - b.money) }
    static prefix func - (a: Self) -> Self { Self(readiness: -a.readiness, money: -a.money) }
    static func < (a: Self, b: Self) -> Bool { (a.readiness, a.money) < (b.readiness, b.money) }
}

/// A binary min-heap of people keyed by a cost, ties to the lower person number, so every pop
/// order is fixed by the input.
struct PersonHeap: Sendable {
    private struct Entry {
        var key: TransferCost
        var person: Int32

        @inline(__always)
        static func < (a: Entry, b: Entry) -> Bool {
            a.key != b.key ? a.key < b.key : a.person < b.person
        }
    }

    private var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }
    var top: (key: TransferCost, person: Int32)? { entries.first.map { ($0.key, $0.person) } }

    mutating func push(_ key: TransferCost, _ person: Int32) {
        entries.append(Entry(key: key, person: person))
        entries.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            let entry = heap[child]
            while child > 0 {
                let parent = (child - 1) / 2
                guard entry < heap[parent] else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = entry
        }
    }

    mutating func pop() {
        guard let last = entries.popLast() else { return }
        guard !entries.isEmpty else { return }
        entries.withUnsafeMutableBufferPointer { heap in
            let count = heap.count
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < count else { break }
                let right = left + 1
                let smaller = right < count && heap[right] < heap[left] ? right : left
                guard heap[smaller] < last else { break }
                heap[parent] = heap[smaller]
                parent = smaller
            }
            heap[parent] = last
        }
    }
}
