/// Per person, a run of dated values sorted by day: the shape of every HR timeline (promotions,
/// manager changes, research shares, conferences), held flat so 100,000 people are a handful of
/// arrays rather than 400,000.
struct DatedColumn<Value: Hashable & Sendable>: Hashable, Sendable {
    /// Person `p`'s entries are `offsets[p] ..< offsets[p + 1]`.
    let offsets: [Int32]
    /// Days since the epoch; non-decreasing within a person.
    let days: [Int64]
    let values: [Value]

    /// `entries[p]` in any order; sorted here by day, then by `order`, so the result does not
    /// depend on the order events arrived in.
    init(personCount: Int, entries: [[(day: Int64, value: Value)]], order: (Value, Value) -> Bool) {
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(personCount + 1)
        var days: [Int64] = []
        var values: [Value] = []
        for p in 0..<personCount {
            let sorted = p < entries.count
                ? entries[p].sorted { $0.day != $1.day ? $0.day < $1.day : order($0.value, $1.value) } : []
            for entry in sorted {
                days.append(entry.day)
                values.append(entry.value)
            }
            offsets.append(Int32(days.count))
        }
        self.offsets = offsets
        self.days = days
        self.values = values
    }

    func entries(of person: Int) -> Range<Int> { Int(offsets[person])..<Int(offsets[person + 1]) }

    /// The last entry of `person` dated on or before `day`.
    func latest(of person: Int, onOrBefore day: Int64) -> Int? {
        let range = entries(of: person)
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let mid = (low + high) / 2
            if days[mid] <= day { low = mid + 1 } else { high = mid }
        }
        return low > range.lowerBound ? low - 1 : nil
    }

    /// Whether `person` has an entry dated within the `count` days ending on `day`: in
    /// `(day − count, day]`.
    func any(of person: Int, within count: Int64, endingOn day: Int64) -> Bool {
        guard let last = latest(of: person, onOrBefore: day) else { return false }
        return days[last] > day - count
    }
}
