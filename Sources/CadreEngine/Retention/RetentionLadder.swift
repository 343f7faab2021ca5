/// The taxonomy as retention reads it: role levels numbered as `CompiledTaxonomy` numbers them,
/// each with its expected months at the rung (the ladder data) and the next rung up its role's
/// ladder.
public struct RetentionLadder: Hashable, Sendable {
    public let taxonomy: CompiledTaxonomy
    /// Per role level: months a person is expected to spend at the rung; nil without ladder data.
    public let expectedMonths: [Int?]
    /// Per role level: the next rung of the same role (the next higher rung on its ladder, which
    /// is rung + 1 on a ladder without gaps), or -1 at the top.
    public let nextRung: [Int32]

    /// - Throws: `InputErrors` (`retention.malformed-input`) when `expectedMonths` does not have
    ///   one entry per role level, or an entry is not positive.
    public init(taxonomy: CompiledTaxonomy, expectedMonths: [Int?]) throws {
        guard expectedMonths.count == taxonomy.roleLevelCount else {
            throw InputErrors([InputError(
                .retentionMalformedInput, file: "<retention input>", field: "expectedMonths",
                message: "\(expectedMonths.count) expected-month entries for \(taxonomy.roleLevelCount) role levels")])
        }
        for (index, months) in expectedMonths.enumerated() where months.map({ $0 <= 0 }) ?? false {
            throw InputErrors([InputError(
                .retentionMalformedInput, file: "<retention input>", field: "\(taxonomy.roleLevels[index]).expectedMonths",
                message: "expected months must be positive", hint: "leave it out when the rung has no ladder data")])
        }
        self.taxonomy = taxonomy
        self.expectedMonths = expectedMonths
        let levels = taxonomy.roleLevels
        nextRung = levels.indices.map { r in
            r + 1 < levels.count && levels[r + 1].role == levels[r].role ? Int32(r + 1) : -1
        }
    }

    /// The rung just below on the same ladder, or nil at its foot.
    func previousRung(_ r: Int) -> Int? {
        let levels = taxonomy.roleLevels
        return r > 0 && levels[r - 1].role == levels[r].role ? r - 1 : nil
    }
}
