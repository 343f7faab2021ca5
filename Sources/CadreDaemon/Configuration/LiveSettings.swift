import CadreWire
import NIOConcurrencyHelpers

/// The configuration in force, readable from any thread; SIGHUP swaps it without dropping clients.
final class LiveSettings: Sendable {
    private let box: NIOLockedValueBox<DaemonConfiguration>

    init(_ configuration: DaemonConfiguration) {
        box = NIOLockedValueBox(configuration)
    }

    var current: DaemonConfiguration { box.withLockedValue { $0 } }

    func update(_ configuration: DaemonConfiguration) {
        box.withLockedValue { $0 = configuration }
    }
}
