#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import NIOConcurrencyHelpers

/// SIGTERM and SIGINT stop the daemon; SIGHUP reloads its configuration. Signals are taken with
/// dispatch sources, so handlers run as ordinary code rather than in signal context.
final class SignalRouter: Sendable {
    private let supervisor: Supervisor
    private let reloadHandler = NIOLockedValueBox<(@Sendable () async -> Void)?>(nil)
    private let queue = DispatchQueue(label: "cadred.signals")

    init(supervisor: Supervisor) {
        self.supervisor = supervisor
    }

    var onReload: (@Sendable () async -> Void)? {
        get { reloadHandler.withLockedValue { $0 } }
        set { reloadHandler.withLockedValue { $0 = newValue } }
    }

    /// The sources must stay referenced for as long as the signals should be handled.
    func install() -> [any DispatchSourceSignal] {
        let supervisor = supervisor
        var installed: [any DispatchSourceSignal] = []
        for (number, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                Task { await supervisor.requestStop(exitCode: 0, reason: "\(name) received") }
            }
            source.resume()
            installed.append(source)
        }
        signal(SIGHUP, SIG_IGN)
        let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        hangup.setEventHandler { [weak self] in
            guard let handler = self?.onReload else { return }
            Task { await handler() }
        }
        hangup.resume()
        installed.append(hangup)
        return installed
    }
}
