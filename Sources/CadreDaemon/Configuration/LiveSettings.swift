import CadreWire
import Synchronization

/// The configuration in force, readable from any thread; SIGHUP swaps it without dropping clients.
final class LiveSettings: Sendable {
    private let box: Mutex<DaemonConfiguration>

    init(_ configuration: DaemonConfiguration) {
        box = Mutex(configuration)
    }

    var current: DaemonConfiguration { box.withLock { $0 } }

    func update(_ configuration: DaemonConfiguration) {
        box.withLock { $0 = configuration }
    }
}
