import CadreEngine
import Foundation

/// A cadre-synth organisation as the planning phases read it, parsed in this process from the
/// files cadred imported: the taxonomy, people and evidence (`RunBaseline`, untimed), and
/// everyone's skill estimates at T through the assessment's own builder and kernel — the inputs
/// the training, sourcing and retention workers build from the store.
struct OrganisationInputs {
    let files: RunBaseline
    let taxonomy: CompiledTaxonomy
    let input: AssessmentInput
    /// T: the start of the day after the as-of date.
    let asOf: Int64
    /// D, the as-of date.
    let day: CalendarDay
    let estimates: SkillEstimates
    /// Parsing the files and building the estimates, untimed by the benchmarks.
    let loadMilliseconds: Double

    init(data directory: URL, asOf day: CalendarDay, policy: AssessmentPolicy = .standard) throws {
        let start = monotonicNanoseconds()
        files = try RunBaseline(data: directory)
        taxonomy = try CompiledTaxonomy(files.taxonomy)
        input = try AssessmentInputBuilder.build(taxonomy: taxonomy, people: files.people, evidence: files.evidence, policy: policy)
        self.day = day
        asOf = (day.daysSinceEpoch + 1) * 86_400
        estimates = try SkillEstimates(assessing: input, asOf: asOf, policy: policy)
        loadMilliseconds = Double(monotonicNanoseconds() - start) / 1e6
    }

    /// Estimates at another instant (retention's snapshots a year and two years back).
    func estimates(at instant: Int64, policy: AssessmentPolicy = .standard) throws -> SkillEstimates {
        try SkillEstimates(assessing: input, asOf: instant, policy: policy)
    }

    /// `YYYY-MM-DD` as a date, or a usage error naming the option.
    static func day(_ text: String, option: String) throws -> CalendarDay {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let day = CalendarDay(year: parts[0], month: parts[1], day: parts[2]) else {
            throw BenchUsageError(message: "--\(option) needs a date YYYY-MM-DD, got '\(text)'")
        }
        return day
    }
}

/// Finds the phase `name` in a followed run.
extension RunTimeline {
    func phase(_ name: String) -> PhaseSpan? { phases.last { $0.phase == name } }
}
