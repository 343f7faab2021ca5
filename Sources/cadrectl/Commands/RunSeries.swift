import ArgumentParser
import CadreEngine
import CadreWire
import Foundation

/// `cadrectl run --every month --since 2024-01-01 [--as-of 2024-12-31]`: one run per date, so a
/// new installation shows a trend from its evidence on day one.
enum RunInterval: String, ExpressibleByArgument, CaseIterable {
    case day, week, month, quarter

    /// The series' dates from `start` to `end` (both included). Months and quarters count from
    /// the start date and keep its day, clamped to the month's end (Jan 31, Feb 28, Mar 31, …).
    func dates(from start: CalendarDay, through end: CalendarDay, limit: Int) -> [CalendarDay] {
        var dates: [CalendarDay] = []
        var step = 0
        while dates.count < limit {
            let next: CalendarDay?
            switch self {
            case .day: next = CalendarDay(daysSinceEpoch: start.daysSinceEpoch + Int64(step))
            case .week: next = CalendarDay(daysSinceEpoch: start.daysSinceEpoch + 7 * Int64(step))
            case .month: next = start.addingMonthsClamped(step)
            case .quarter: next = start.addingMonthsClamped(3 * step)
            }
            guard let next, next <= end else { break }
            dates.append(next)
            step += 1
        }
        return dates
    }

    static func day(_ text: String) -> CalendarDay? {
        guard text.count == 10, let instant = Timestamp.parse(text) else { return nil }
        return CalendarDay(daysSinceEpoch: instant / 86_400)
    }
}

extension Cadrectl.Run {
    /// At most this many runs in one series: a daily series over three years.
    static let seriesLimit = 1100

    func validateSeries() throws {
        guard every != nil || since != nil else { return }
        guard every != nil, let since else { throw ValidationError("--every and --since go together") }
        guard let first = RunInterval.day(since) else { throw ValidationError("--since '\(since)' is not a date (YYYY-MM-DD)") }
        if let asOf, RunInterval.day(asOf) == nil { throw ValidationError("with --every, --as-of is a date (YYYY-MM-DD)") }
        if first > seriesEnd { throw ValidationError("--since \(since) is after the series' end \(seriesEnd)") }
    }

    /// The last date of a series: --as-of, else today (UTC).
    var seriesEnd: CalendarDay {
        asOf.flatMap(RunInterval.day) ?? CalendarDay(daysSinceEpoch: Int64(Date().timeIntervalSince1970) / 86_400)
    }

    /// Queues one run per date, oldest first (cadred runs them in that order); with --wait,
    /// follows each to its end and fails if any failed.
    func runSeries(_ interval: RunInterval, since: String) throws {
        guard let start = RunInterval.day(since) else { return }
        let dates = interval.dates(from: start, through: seriesEnd, limit: Self.seriesLimit)
        let link = DaemonLink(connection)
        try link.connect()
        var runs: [Workforce.Run] = []
        for date in dates {
            let parameters = Workforce.StartRunParameters(asOf: date.description, trigger: trigger, trainingBudget: trainingBudget)
            let run = try link.call(.startRun, parameters, as: Workforce.RunReply.self).run
            runs.append(run)
            if !output.json { Console.line("run #\(run.id) queued, as of \(date)") }
        }
        guard wait else {
            if output.json { Console.line(JSONText.pretty(runs)) }
            return
        }
        var finals: [Workforce.Run] = []
        for run in runs {
            var follower = RunFollower(link: link, events: nil, runID: run.id, display: nil)
            let (final, _) = try follower.follow()
            finals.append(final)
            if !output.json { Console.line("run #\(final.id) \(final.state) (as of \(Formatting.runAsOf(final.asOf)))") }
        }
        if output.json { Console.line(JSONText.pretty(finals)) }
        let failed = finals.filter { $0.state != "succeeded" }
        if !failed.isEmpty {
            throw CommandFailure(
                ExitStatus.failed, "\(Formatting.plural(failed.count, "run")) of the series failed: "
                    + failed.map { "#\($0.id)" }.joined(separator: ", "),
                "details: cadrectl runs show \(failed[0].id)")
        }
    }
}
