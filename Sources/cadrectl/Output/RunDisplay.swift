import CadreWire
import Foundation

/// What `run --wait` shows on a terminal: a line as each phase starts and ends, and a progress
/// bar per running phase while they report progress (phases after assessment run side by side). Fed by events, or by polled run records when the event
/// stream is gone; either way each phase change is printed once.
final class RunDisplay {
    private var bar: ProgressLine
    private let style: Style
    /// The last state printed for each phase.
    private var shown: [String: String] = [:]
    private var phaseStarts: [String: String] = [:]

    init(terminal: Terminal, style: Style) {
        bar = ProgressLine(terminal: terminal, style: style)
        self.style = style
    }

    func started(_ run: Workforce.Run) {
        bar.print("run #\(run.id) \(run.state): as of \(Formatting.runAsOf(run.asOf)), data version \(run.dataVersion), "
            + "taxonomy version \(run.taxonomyVersion)")
    }

    func show(_ event: Workforce.Event) {
        let phase = event.phase ?? "?"
        switch event.kind {
        case "progress":
            bar.show(phase: phase, done: event.done ?? 0, total: event.total, note: event.message)
        case "phase-started":
            phaseStarts[phase] = event.time
            phaseLine(phase, "running", detail: event.message)
        case "phase-finished":
            bar.remove(phase)
            phaseLine(phase, "succeeded", detail: Formatting.duration(from: phaseStarts[phase], to: event.time))
        case "phase-failed":
            bar.remove(phase)
            phaseLine(phase, "failed", detail: event.message)
        case "worker-exited", "worker-restarted":
            bar.print("  " + EventText.describe(event, style: style))
        default:
            break
        }
    }

    /// Prints the phase changes a polled record shows that no event has.
    func update(_ run: Workforce.Run) {
        for phase in run.phases where phase.state != "pending" {
            let detail = phase.state == "succeeded"
                ? Formatting.duration(from: phase.startedAt, to: phase.finishedAt) : phase.error
            phaseLine(phase.phase, phase.state, detail: detail)
        }
    }

    func note(_ text: String) {
        bar.print("  " + style.dim(text))
    }

    func finish() {
        bar.clear()
    }

    private func phaseLine(_ phase: String, _ state: String, detail: String?) {
        guard shown[phase] != state else { return }
        shown[phase] = state
        var line = "  " + TerminalText.escaped(phase).padding(toLength: 14, withPad: " ", startingAt: 0) + style.state(state)
        if let detail, !detail.isEmpty, detail != "-" { line += "  " + TerminalText.escaped(detail) }
        bar.print(line)
    }
}
