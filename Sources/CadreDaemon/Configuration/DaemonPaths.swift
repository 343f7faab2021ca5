import Foundation

/// Where the daemon keeps things. systemd hands these over as `$RUNTIME_DIRECTORY`,
/// `$STATE_DIRECTORY`, `$CONFIGURATION_DIRECTORY` and `$LOGS_DIRECTORY`; flags override them; a
/// local run (`make run`, `make demo`) passes folders under the checkout.
public struct DaemonPaths: Sendable, Hashable {
    public var runtime: String
    public var state: String
    public var configuration: String
    public var logs: String

    public init(runtime: String, state: String, configuration: String, logs: String) {
        self.runtime = runtime
        self.state = state
        self.configuration = configuration
        self.logs = logs
    }

    /// Resolves each folder: flag, then systemd's variable (first entry when it lists several), then `fallback`.
    public static func resolve(
        runtime: String?, state: String?, configuration: String?, logs: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> DaemonPaths {
        func pick(_ flag: String?, _ variable: String, _ fallback: String) -> String {
            if let flag, !flag.isEmpty { return flag }
            if let value = environment[variable], let first = value.split(separator: ":").first {
                return String(first)
            }
            return fallback
        }
        return DaemonPaths(
            runtime: pick(runtime, "RUNTIME_DIRECTORY", "/run/cadre"),
            state: pick(state, "STATE_DIRECTORY", "/var/lib/cadre"),
            configuration: pick(configuration, "CONFIGURATION_DIRECTORY", "/etc/cadre"),
            logs: pick(logs, "LOGS_DIRECTORY", "/var/log/cadre"))
    }

    /// The control socket when the daemon binds it itself (no socket activation).
    public var controlSocket: String { runtime + "/io.cadre.Workforce" }
    /// The supervisor's end of the worker bus.
    public var busSocket: String { runtime + "/bus.sock" }
    public var configurationFile: String { configuration + "/cadred.yaml" }

    public func createDirectories() throws {
        for folder in [runtime, state, logs] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }
}
