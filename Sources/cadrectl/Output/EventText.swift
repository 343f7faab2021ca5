import CadreWire

/// One event as a line a person reads: `14:03:07  run #12  phase assessment finished  {…}`.
enum EventText {
    static func line(_ event: Workforce.Event, style: Style) -> String {
        "\(style.dim(Formatting.clock(event.time)))  \(describe(event, style: style))"
    }

    static func describe(_ event: Workforce.Event, style: Style) -> String {
        // Phase names and messages come from the daemon, and messages quote imported text.
        let run = event.runId.map { "run #\($0)" }
        let phase = TerminalText.escaped(event.phase ?? "?")
        let pid = event.pid.map { " (pid \($0))" } ?? ""
        let note = event.message.map(TerminalText.escaped)
        let message = note.map { ": \($0)" } ?? ""
        switch event.kind {
        case "subscribed":
            return style.dim("watching cadred's events (from event \(event.seq + 1) on)")
        case "worker-started":
            return "worker \(phase) started\(pid)"
        case "worker-exited":
            return style.yellow("worker \(phase) exited\(pid)") + message
        case "worker-restarted":
            return style.yellow("worker \(phase) restarted\(pid)") + message
        case "run-queued":
            return "\(run ?? "run") queued\(message)"
        case "run-started":
            return "\(run ?? "run") started\(message)"
        case "phase-started":
            return "\(run ?? "run")  phase \(phase) started\(pid)" + (note.map { ", \($0)" } ?? "")
        case "progress":
            return "\(run ?? "run")  \(phase) \(progressCount(event))" + (note.map { "  \($0)" } ?? "")
        case "phase-finished":
            return "\(run ?? "run")  phase \(phase) " + style.green("finished")
                + (event.message.map { "  \(TerminalText.escaped(summaryHeadline($0)))" } ?? "")
        case "phase-failed":
            return "\(run ?? "run")  phase \(phase) " + style.red("failed") + message
        case "run-finished":
            return "\(run ?? "run") " + style.green("succeeded")
        case "run-failed":
            return "\(run ?? "run") " + style.red("failed") + message
        case "taxonomy-loaded":
            return "taxonomy loaded\(message)"
        case "import-committed":
            return "import committed\(message)"
        case "reloaded":
            return "configuration reloaded\(message)"
        default:
            let parts = [run, event.phase.map { "phase \(TerminalText.escaped($0))" }, event.pid.map { "pid \($0)" }].compactMap { $0 }
            return ([TerminalText.escaped(event.kind)] + parts).joined(separator: "  ") + message
        }
    }

    /// A phase's summary (a JSON object in the event's message) cut to its headline figures:
    /// `roles 6, skills 55`. Lists, nested objects and long strings (digests) are left to
    /// `cadrectl runs show`.
    static func summaryHeadline(_ message: String) -> String {
        guard let summary = try? WireJSON.decode(JSONValue.self, from: Array(message.utf8)),
            let fields = summary.objectValue
        else { return message }
        let parts = fields.keys.sorted().compactMap { key -> String? in
            switch fields[key] {
            case .number(let value)?:
                return value.rounded() == value && abs(value) < 1e15 ? "\(key) \(Int64(value))" : "\(key) \(value)"
            case .bool(let value)?:
                return "\(key) \(value)"
            case .string(let value)? where value.count <= 24:
                return "\(key) \(value)"
            default:
                return nil
            }
        }
        return parts.joined(separator: ", ")
    }

    /// `450/1000 (45%)`, or just the count when the phase doesn't know its total.
    static func progressCount(_ event: Workforce.Event) -> String {
        let done = event.done ?? 0
        guard let total = event.total, total > 0 else { return "\(done) done" }
        return "\(done)/\(total) (\(percent(done, total))%)"
    }

    static func percent(_ done: Int, _ total: Int) -> Int {
        guard total > 0 else { return 0 }
        return min(100, max(0, done * 100 / total))
    }
}
