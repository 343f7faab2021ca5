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
    private var keys: [TransferCost] = []
    private var people: [Int32] = []

    var isEmpty: Bool { people.isEmpty }
    var top: (key: TransferCost, person: Int32)? { people.isEmpty ? nil : (keys[0], people[0]) }

    private func less(_ i: Int, _ j: Int) -> Bool {
        keys[i] != keys[j] ? keys[i] < keys[j] : people[i] < people[j]
    }

    mutating func push(_ key: TransferCost, _ person: Int32) {
        keys.append(key)
        people.append(person)
        var child = people.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            keys.swapAt(child, parent)
            people.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() {
        guard !people.isEmpty else { return }
        keys.swapAt(0, keys.count - 1)
        people.swapAt(0, people.count - 1)
        keys.removeLast()
        people.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < people.count, less(left, smallest) { smallest = left }
            if right < people.count, less(right, smallest) { smallest = right }
            guard smallest != parent else { return }
            keys.swapAt(parent, smallest)
            people.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
