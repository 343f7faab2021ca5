import CadreEngine
import Foundation

/// Whether Cadre's gap map and the numpy baseline's dense results say the same thing:
/// per-person readiness and meets, the organisation's and every role level's and team's
/// per-skill `Σ importance · gap`, team headcount, meeting count and mean readiness.
///
/// Two numbers agree when `|a − b| ≤ tolerance · max(|a|, |b|)`, or when both are within 1e-12
/// of each other (readiness of 0 summed in another order may come out as 1e-16). "Meets" is a
/// threshold, so a person with a gap within 1e-9 of the tolerance may honestly come out either
/// way when numpy's `exp2` rounds a weight one ulp apart from libm's; such borderline people
/// are counted and reported, not failed — everywhere else meets must match exactly.
struct AssessAgreement {
    private(set) var report: [String] = []
    private(set) var agrees = true

    init(map: GapMap, numpy: AssessBenchmarkData.Result, tolerance: Double) {
        let skills = map.taxonomy.skillCount
        var worst = 0.0
        var mismatches: [String: Int] = [:]
        func compare(_ what: String, _ a: Double, _ b: Double) {
            let difference = abs(a - b)
            if difference <= 1e-12 { return }
            let relative = difference / max(abs(a), abs(b))
            worst = max(worst, relative)
            if relative > tolerance { mismatches[what, default: 0] += 1 }
        }
        func compareSparse(_ what: String, _ groups: GroupAggregates, dense: [Double]) {
            for g in 0..<groups.count {
                var listed = [Bool](repeating: false, count: skills)
                for entry in groups.skillGaps(of: g) {
                    listed[entry.skill] = true
                    compare(what, entry.weightedGap, dense[g * skills + entry.skill])
                }
                for s in 0..<skills where !listed[s] { compare(what, 0, dense[g * skills + s]) }
            }
        }

        var borderline = [Bool](repeating: false, count: map.personCount)
        var borderlineDiffering = 0
        for p in 0..<map.personCount {
            compare("readiness", map.readiness[p], numpy.readiness[p])
            borderline[p] = map.person(p).requirements.contains { abs($0.gap - map.meetsTolerance) <= 1e-9 }
            if map.meets[p] != (numpy.meets[p] == 1) {
                if borderline[p] { borderlineDiffering += 1 } else { mismatches["meets", default: 0] += 1 }
            }
        }
        compareSparse("org per-skill sums", map.org, dense: numpy.orgSums)
        compareSparse("role-level per-skill sums", map.roleLevels, dense: numpy.roleLevelSums)
        compareSparse("team per-skill sums", map.teams, dense: numpy.teamSums)
        for t in 0..<map.teams.count {
            compare("team mean readiness", map.teams.meanReadiness[t], numpy.teamMeanReadiness[t])
            if Int64(map.teams.headcount[t]) != numpy.teamHeadcount[t] { mismatches["team headcount", default: 0] += 1 }
        }
        var borderlineByTeam = [Int64](repeating: 0, count: map.teams.count)
        for p in 0..<map.personCount where borderline[p] && map.personTeam[p] >= 0 {
            borderlineByTeam[Int(map.personTeam[p])] += 1
        }
        for t in 0..<map.teams.count where abs(Int64(map.teams.meetingCount[t]) - numpy.teamMeeting[t]) > borderlineByTeam[t] {
            mismatches["team meeting count", default: 0] += 1
        }

        let meeting = map.meets.filter { $0 }.count
        report.append(String(format: "check         max relative difference %.2e (allowed %.0e); %d of %d people meet their role level",
                             worst, tolerance, meeting, map.personCount))
        report.append(String(format: "borderline    %d people have a gap within 1e-9 of the tolerance; %d of them differ on meets",
                             borderline.filter { $0 }.count, borderlineDiffering))
        if mismatches.isEmpty {
            report.append("agree         yes: readiness, meets, org / role-level / team sums, team figures")
        } else {
            agrees = false
            for (what, count) in mismatches.sorted(by: { $0.key < $1.key }) {
                report.append("DIFFER        \(what): \(count) value(s) outside tolerance")
            }
        }
    }
}
