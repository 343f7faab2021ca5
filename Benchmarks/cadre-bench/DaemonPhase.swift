import CadreWire
import Foundation

/// One phase of whole runs through cadred, as `cadre-bench training` and `sourcing` measure it:
/// runs started and followed as `cadre-bench run` does (`RunTimeline`), the phase's wall time and
/// the worker's own time from the run's phase summary (`timing.workerMilliseconds`), and the peak
/// resident memory of the phase's worker process over the runs (`VmHWM`, reset before them).
struct DaemonPhase {
    var phase: String
    /// One per run, in order.
    var spans: [RunTimeline.PhaseSpan]
    var timelines: [RunTimeline]
    /// The phase worker's peak over the runs, in MB; nil when /proc could not be read.
    var workerPeakMegabytes: Double?
    var peakWasReset: Bool

    /// The run with the least worker time for the phase.
    var best: RunTimeline.PhaseSpan? { spans.min { ($0.workerMilliseconds ?? .infinity) < ($1.workerMilliseconds ?? .infinity) } }

    /// Runs `runs` times. Throws when a run fails or the phase is missing from it.
    static func measure(_ phase: String, socket: String, asOf: String, runs: Int) throws -> DaemonPhase {
        let control = try VarlinkConnection(socketPath: socket)
        let status = try control.call(Workforce.Method.getStatus.qualifiedName, Workforce.Empty(), as: Workforce.Status.self)
        guard let worker = status.workers.first(where: { $0.phase == phase }) else {
            throw BenchFileError(path: socket, message: "cadred has no \(phase) worker")
        }
        let reset = ProcessMemory.resetPeak(pid: worker.pid)
        var measured = DaemonPhase(phase: phase, spans: [], timelines: [], workerPeakMegabytes: nil, peakWasReset: reset)
        for index in 0..<runs {
            let timeline = try RunTimeline.follow(
                socket: socket, asOf: asOf, trigger: "cadre-bench \(phase) \(index + 1)", timeoutSeconds: 600)
            guard timeline.succeeded else {
                throw BenchFileError(
                    path: socket,
                    message: "run #\(timeline.run.id) failed: \(timeline.run.error ?? timeline.finished?.event.message ?? "no reason given")")
            }
            guard let span = timeline.phase(phase) else {
                throw BenchFileError(path: socket, message: "run #\(timeline.run.id) has no \(phase) phase")
            }
            measured.timelines.append(timeline)
            measured.spans.append(span)
            print("run \(index + 1)".padding(toLength: 14, withPad: " ", startingAt: 0)
                + "#\(timeline.run.id): whole run \(formatDuration(milliseconds: timeline.wallMilliseconds)); \(phase): wall "
                + formatDuration(milliseconds: span.wallMilliseconds)
                + (span.workerMilliseconds.map { ", worker " + formatDuration(milliseconds: $0) } ?? ", worker time not reported")
                + (span.messagingMilliseconds.map { ", messaging " + formatDuration(milliseconds: $0) } ?? "")
                + (span.persistMilliseconds.map { ", persisting " + formatDuration(milliseconds: $0) } ?? ""))
            print("              steps: " + RunReport.steps(of: span))
        }
        // The worker may have been restarted meanwhile: read whichever process hosts the phase now.
        let after = try control.call(Workforce.Method.getStatus.qualifiedName, Workforce.Empty(), as: Workforce.Status.self)
        if let pid = after.workers.first(where: { $0.phase == phase })?.pid, let memory = ProcessMemory(pid: pid) {
            measured.workerPeakMegabytes = Double(memory.peakKilobytes) / 1024
            if pid != worker.pid { measured.peakWasReset = false }
        }
        return measured
    }

    /// `412 MB` (or a note that the figure includes earlier work).
    var peakText: String {
        guard let peak = workerPeakMegabytes else { return "not readable" }
        return String(format: "%.0f MB", peak) + (peakWasReset ? "" : " (not reset: includes earlier work)")
    }
}
