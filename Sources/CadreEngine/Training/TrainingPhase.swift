/// Phase 4: every person's plan toward their own role level, the roll-ups and the budget.
public enum TrainingPhase {
    /// - Parameter threads: planning threads (the result does not depend on it).
    public static func run(_ input: TrainingInput, threads: Int = 1) -> TrainingResult {
        let people = input.people
        let (cores, personCore) = ParallelPlanning.solve(input, threads: threads)
        let taxonomy = input.taxonomy
        // Person-specific figures: the estimates of uncoverable targets and Σ w·gap closed.
        var uncoverableOffsets: [Int32] = [0], uncoverableEstimates: [Double] = []
        var closedWeightedGap = [Double](repeating: 0, count: people.count)
        var closedScratch: [Int32] = []
        for p in 0..<people.count {
            let core = cores[Int(personCore[p])]
            for k in core.uncoverable {
                uncoverableEstimates.append(input.estimates.estimate(person: p, skill: Int(taxonomy.requirementSkill[Int(k)])))
            }
            uncoverableOffsets.append(Int32(uncoverableEstimates.count))
            closedScratch.removeAll(keepingCapacity: true)
            closedScratch += core.closes
            closedScratch.sort()
            var sum = 0.0, previous: Int32 = -1
            for k in closedScratch where k != previous {
                previous = k
                let skill = Int(taxonomy.requirementSkill[Int(k)])
                let gap = Readiness.gap(required: taxonomy.requirementLevel[Int(k)],
                                        estimate: input.estimates.estimate(person: p, skill: skill))
                sum += taxonomy.requirementImportance[Int(k)] * gap
            }
            closedWeightedGap[p] = sum
        }
        let funding = input.budget.map {
            TrainingBudget.fund(budget: $0, people: people, cores: cores, personCore: personCore, value: closedWeightedGap)
        }
        return TrainingResult(
            taxonomy: taxonomy, catalogue: input.catalogue, settings: input.settings, people: people, cores: cores,
            personCore: personCore, uncoverableOffsets: uncoverableOffsets, uncoverableEstimates: uncoverableEstimates,
            closedWeightedGap: closedWeightedGap, budget: input.budget, funded: funding)
    }
}
