import CadreEngine
import CadreWire
import Foundation

/// How `cadre-bench run` prints a followed run: the whole, each phase split into where its time
/// went, and the agreement between the daemon's assessment and the in-process one.
enum RunReport {
    static func print(_ timeline: RunTimeline, index: Int) {
        let run = timeline.run
        var head = "run \(index)".padding(toLength: 16, withPad: " ", startingAt: 0)
            + "#\(run.id): \(formatDuration(milliseconds: timeline.wallMilliseconds)) StartRun → run-finished"
            + " (StartRun answered in \(formatDuration(milliseconds: timeline.startCallMilliseconds))"
        if let started = run.startedAt.flatMap(epochMilliseconds), let finished = run.finishedAt.flatMap(epochMilliseconds) {
            head += "; the daemon's startedAt → finishedAt \(formatDuration(milliseconds: finished - started))"
        }
        Swift.print(head + ")")

        let phases = timeline.phases
        var previousEnd: Double?
        for span in phases {
            if let previousEnd {
                Swift.print("  " + "between phases".padding(toLength: 16, withPad: " ", startingAt: 0)
                    + formatDuration(milliseconds: span.started - previousEnd))
            } else {
                Swift.print("  " + "to first phase".padding(toLength: 16, withPad: " ", startingAt: 0)
                    + formatDuration(milliseconds: span.started))
            }
            previousEnd = span.finished
            var line = "  " + span.phase.padding(toLength: 16, withPad: " ", startingAt: 0)
                + "wall \(formatDuration(milliseconds: span.wallMilliseconds))"
            var accounted = 0.0
            if let worker = span.workerMilliseconds {
                line += ": worker \(formatDuration(milliseconds: worker))"
                accounted += worker
            }
            if let messaging = span.messagingMilliseconds {
                line += ", messaging \(formatDuration(milliseconds: messaging))"
                accounted += messaging
            }
            if let persist = span.persistMilliseconds {
                line += ", persisting \(formatDuration(milliseconds: persist))"
                accounted += persist
            }
            if accounted > 0 {
                line += ", rest \(formatDuration(milliseconds: max(0, span.wallMilliseconds - accounted)))"
            } else {
                line += " (cadred reports no worker / messaging / persist timing)"
            }
            if let bytes = span.payloadBytes { line += String(format: "; result %.1f MB", Double(bytes) / 1e6) }
            if let bytes = span.artifactBytes { line += String(format: " + kept for later phases %.1f MB", Double(bytes) / 1e6) }
            Swift.print(line)
            Swift.print("                  steps: " + steps(of: span))
        }
        if let last = previousEnd {
            Swift.print("  " + "to run-finished".padding(toLength: 16, withPad: " ", startingAt: 0)
                + formatDuration(milliseconds: timeline.wallMilliseconds - last))
        }
        if let shares = shares(timeline) { Swift.print("  share         " + shares) }
    }

    /// Progress notes with the time until the next event: the worker's steps as the client saw them.
    static func steps(of span: RunTimeline.PhaseSpan) -> String {
        var parts: [String] = []
        var at = span.started
        var label = "job to worker"
        for step in span.steps {
            parts.append("\(label) \(formatDuration(milliseconds: step.at - at))")
            at = step.at
            label = "«\(step.note)»"
        }
        parts.append("\(label) \(formatDuration(milliseconds: span.finished - at))")
        return parts.joined(separator: "; ")
    }

    /// Messaging and persisting summed over the phases, as shares of the run's wall time.
    static func shares(_ timeline: RunTimeline, brief: Bool = false) -> String? {
        let phases = timeline.phases
        let messaging = phases.compactMap(\.messagingMilliseconds)
        let persisting = phases.compactMap(\.persistMilliseconds)
        guard !messaging.isEmpty || !persisting.isEmpty, timeline.wallMilliseconds > 0 else { return nil }
        let wall = timeline.wallMilliseconds
        let m = messaging.reduce(0, +), p = persisting.reduce(0, +)
        let worker = phases.compactMap(\.workerMilliseconds).reduce(0, +)
        if brief {
            return String(format: "messaging %.1f %%, persisting %.1f %%, workers %.0f %%", 100 * m / wall, 100 * p / wall, 100 * worker / wall)
        }
        return String(format: "worker %.0f ms (%.0f %%), messaging %.0f ms (%.1f %%), persisting %.0f ms (%.1f %%) of %.0f ms",
                      worker, 100 * worker / wall, m, 100 * m / wall, p, 100 * p / wall, wall)
    }

    struct Agreement {
        var line: String
        var agrees: Bool
    }

    /// The daemon's assessment summary against the in-process gap map: people, meeting, readiness.
    static func agreement(_ timeline: RunTimeline, baseline map: GapMap) -> Agreement {
        guard let summary = timeline.run.phases.first(where: { $0.phase == "assessment" })?.summary,
            let people = summary["people"]?.intValue, let meeting = summary["meeting"]?.intValue,
            let readiness = summary["meanReadiness"]?.doubleValue
        else {
            return Agreement(line: "agree         unknown: the run's assessment summary has no people / meeting / meanReadiness", agrees: true)
        }
        let baselineMeeting = map.org.count > 0 ? Int(map.org.meetingCount[0]) : 0
        let baselineReadiness = map.org.count > 0 ? map.org.meanReadiness[0] : 0
        let agrees = people == map.personCount && meeting == baselineMeeting
            && abs(readiness - baselineReadiness) <= 1e-9 * max(1, abs(baselineReadiness))
        let figures = String(format: "people %d / %d, meeting %d / %d, mean readiness %.6f / %.6f (cadred / in-process)",
                             people, map.personCount, meeting, baselineMeeting, readiness, baselineReadiness)
        return Agreement(line: "agree         \(agrees ? "yes" : "NO"): " + figures, agrees: agrees)
    }

    /// An RFC 3339 time, with or without fractional seconds, in milliseconds since the epoch.
    static func epochMilliseconds(_ text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 * 1000 }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text).map { $0.timeIntervalSince1970 * 1000 }
    }
}
