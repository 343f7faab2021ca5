import CadreWire
import Foundation

/// One run as a subscriber saw it: every event of the run, stamped with the client's monotonic
/// clock when it arrived, from just before `StartRun` was sent to `run-finished` or `run-failed`.
/// The daemon's own event times are whole milliseconds of wall-clock time; the client's stamps
/// share one clock with the `StartRun` call, so the run's wall time and each gap are on one scale.
struct RunTimeline {
    struct Stamped {
        /// Milliseconds since just before `StartRun` was sent.
        var at: Double
        var event: Workforce.Event
    }

    var run: Workforce.Run
    var events: [Stamped] = []
    /// `StartRun` sent → its reply read.
    var startCallMilliseconds: Double

    var finished: Stamped? { events.last { $0.event.kind == "run-finished" || $0.event.kind == "run-failed" } }
    var succeeded: Bool { finished?.event.kind == "run-finished" }
    var wallMilliseconds: Double { finished?.at ?? 0 }

    /// Subscribes, waits for the greeting (so no event of the run can be missed), starts the run,
    /// and follows it to its end. Gives up after `timeoutSeconds` without an event.
    static func follow(socket: String, asOf: String, trigger: String, timeoutSeconds: Int32) throws -> RunTimeline {
        let subscription = try VarlinkConnection(socketPath: socket)
        try subscription.send(Workforce.Method.subscribe.qualifiedName, Workforce.Empty(), more: true)
        while let reply = try subscription.receive(Workforce.EventReply.self, timeoutMilliseconds: timeoutSeconds * 1000) {
            if try reply.get().event.kind == "subscribed" { break }
        }

        let control = try VarlinkConnection(socketPath: socket)
        let origin = monotonicNanoseconds()
        func now() -> Double { Double(monotonicNanoseconds() - origin) / 1e6 }
        let run = try control.call(
            Workforce.Method.startRun.qualifiedName, Workforce.StartRunParameters(asOf: asOf, trigger: trigger),
            as: Workforce.RunReply.self
        ).run
        var timeline = RunTimeline(run: run, startCallMilliseconds: now())
        while true {
            guard let reply = try subscription.receive(Workforce.EventReply.self, timeoutMilliseconds: timeoutSeconds * 1000)
            else {
                throw VarlinkClientError(.closed, socketPath: socket, "no event for \(timeoutSeconds) s while run #\(run.id) ran")
            }
            let at = now()
            let event = try reply.get().event
            guard event.runId == run.id else { continue }
            timeline.events.append(Stamped(at: at, event: event))
            if event.kind == "run-finished" || event.kind == "run-failed" { break }
        }
        timeline.run = try control.call(
            Workforce.Method.getRun.qualifiedName, Workforce.GetRunParameters(id: run.id), as: Workforce.RunReply.self
        ).run
        return timeline
    }

    /// One phase as the events tell it.
    struct PhaseSpan {
        var phase: String
        var started: Double
        var finished: Double
        /// Progress events in order: when, and the worker's note.
        var steps: [(at: Double, note: String)]
        /// The supervisor's store write of the result (`persistMs` in `phase-finished`), when reported.
        var persistMilliseconds: Double?
        /// The summary's `timing` as the supervisor stores it, when reported.
        var workerMilliseconds: Double?
        var messagingMilliseconds: Double?
        var payloadBytes: Int?
        /// Bytes of what the phase kept for later phases beside its result (`artifactBytes`).
        var artifactBytes: Int?
        var summary: JSONValue?

        var wallMilliseconds: Double { finished - started }
    }

    var phases: [PhaseSpan] {
        var spans: [PhaseSpan] = []
        for stamped in events {
            let event = stamped.event
            guard let phase = event.phase else { continue }
            switch event.kind {
            case "phase-started":
                spans.append(PhaseSpan(phase: phase, started: stamped.at, finished: stamped.at, steps: []))
            case "progress":
                if let index = spans.lastIndex(where: { $0.phase == phase }) {
                    spans[index].steps.append((stamped.at, event.message ?? ""))
                }
            case "phase-finished":
                guard let index = spans.lastIndex(where: { $0.phase == phase }) else { continue }
                spans[index].finished = stamped.at
                read(finishedMessage: event.message, into: &spans[index])
            default:
                continue
            }
        }
        for index in spans.indices {
            if let stored = run.phases.first(where: { $0.phase == spans[index].phase })?.summary, spans[index].summary == nil {
                spans[index].summary = stored
                read(timing: stored, into: &spans[index])
            }
        }
        return spans
    }

    /// `phase-finished` carries `{"persistMs": …, "summary": {…, "timing": {…}}}`, or, from a daemon
    /// without that instrumentation, the bare summary.
    private func read(finishedMessage message: String?, into span: inout PhaseSpan) {
        guard let message, let value = try? WireJSON.decode(JSONValue.self, from: Array(message.utf8)),
            case .object(let object) = value
        else { return }
        if let persist = object["persistMs"], case .number(let milliseconds) = persist {
            span.persistMilliseconds = milliseconds
        }
        let summary = object["summary"] ?? value
        span.summary = summary
        read(timing: summary, into: &span)
    }

    private func read(timing summary: JSONValue, into span: inout PhaseSpan) {
        guard case .object(let object) = summary, let timing = object["timing"], case .object(let fields) = timing else { return }
        if case .number(let value)? = fields["workerMilliseconds"] { span.workerMilliseconds = value }
        if case .number(let value)? = fields["messagingMilliseconds"] { span.messagingMilliseconds = value }
        if case .number(let value)? = fields["payloadBytes"] { span.payloadBytes = Int(value) }
        if case .number(let value)? = fields["artifactBytes"] { span.artifactBytes = Int(value) }
    }
}
