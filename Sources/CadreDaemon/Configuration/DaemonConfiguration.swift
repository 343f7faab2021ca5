import CadreEngine
import CadreWire
import Foundation
import Yams

/// The daemon's settings, read from `cadred.yaml` in the configuration directory. Every field has a
/// default, so an empty or missing file is a working configuration; an unknown key or a wrong type
/// is an error with file, line and field, and on SIGHUP such an error keeps the old settings.
public struct DaemonConfiguration: Sendable, Hashable {
    public var operatorsGroup = "cadre-ops"
    public var readersGroup = "cadre-read"
    /// Largest varlink message a client may send (NUL-terminated JSON).
    public var maximumMessageBytes = 16 * 1024 * 1024
    /// Largest bus frame between supervisor and workers (phase results travel here).
    public var maximumBusFrameBytes = 512 * 1024 * 1024
    /// A control connection with no call in flight for this long is closed; subscribers are exempt.
    public var idleTimeoutSeconds = 300
    /// A varlink message must arrive whole within this long of its first byte.
    public var messageTimeoutSeconds = 30
    /// Bytes all control connections together may hold for messages not yet handled; a
    /// connection that would pass it is closed (root's and the daemon's own user's never are).
    /// At least `maximumMessageBytes`, so one largest message always fits.
    public var maximumBufferedBytes = 64 * 1024 * 1024
    public var maximumConnectionsPerUser = 64
    /// Control connections of all users together (root and the daemon's own user not counted);
    /// lowered at start to fit the descriptor limit (`DescriptorBudget`).
    public var maximumConnections = 1024
    /// Events queued for one subscriber before it is dropped as too slow.
    public var subscriberQueueLimit = 1024
    public var heartbeatIntervalMilliseconds = 1000
    /// A worker that misses this many heartbeats in a row is killed and restarted.
    public var heartbeatMissLimit = 10
    /// More than `restartIntensity` worker restarts within `restartPeriodSeconds` and the
    /// supervisor gives up (exit 1) so that systemd's `Restart=on-failure` takes over.
    public var restartIntensity = 5
    public var restartPeriodSeconds = 30
    /// A phase that has taken down this many workers fails its run instead of being sent again.
    public var maximumPhaseAttempts = 3
    /// How long SIGTERM waits for the phase in flight before leaving it to be resumed at next start.
    public var shutdownGraceSeconds = 10
    public var recentRuns = 5
    /// The assessment policy (scales, source weights and half-lives, tolerance); each run pins a copy.
    public var assessment: AssessmentPolicy = .standard
    /// Hiring channels, from `channels.yaml` beside this file; each run pins a copy.
    public var channels: [Channel] = []
    /// Checked against every run's snapshot (docs/MONITORING.md).
    public var alertRules: [AlertRule] = []
    /// Where to keep a Prometheus text file, rewritten after every run; none when nil.
    public var prometheusTextFile: String?

    public init() {}

    /// Reads `cadred.yaml` and, beside it, `channels.yaml` (the hiring channels sourcing plans
    /// with; none when absent). Either file's errors keep the settings in force on a reload.
    public static func load(path: String) throws -> DaemonConfiguration {
        var configuration = DaemonConfiguration()
        if let text = try read(path) { configuration = try parse(text, file: path) }
        let channels = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("channels.yaml")
        if let text = try read(channels) { configuration.channels = try ChannelCatalog.parse(file: channels, contents: text) }
        return configuration
    }

    private static func read(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputErrors([InputError(.init("config.unreadable"), file: path, message: "\(error)")])
        }
    }

    /// cadred.yaml is a page of settings; anything near this size is not one.
    static let maximumFileBytes = 1 << 20

    public static func parse(_ text: String, file: String) throws -> DaemonConfiguration {
        var configuration = DaemonConfiguration()
        let root = try ConfigurationYAML.compose(text, file: file, what: "the configuration", maximumBytes: maximumFileBytes)
        guard let root else { return configuration }
        guard let mapping = root.mapping else {
            throw InputErrors([place(root, file, "", "config.bad-type", "the configuration must be a mapping of keys to values")])
        }
        var errors: [InputError] = []
        var bufferedNode: Node?, messageNode: Node?
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            func int(_ range: ClosedRange<Int>, _ apply: (inout DaemonConfiguration, Int) -> Void) {
                guard let value = valueNode.int else {
                    errors.append(place(valueNode, file, key, "config.bad-type", "expected a whole number"))
                    return
                }
                guard range.contains(value) else {
                    errors.append(
                        place(valueNode, file, key, "config.out-of-range", "\(value) is outside \(range.lowerBound)…\(range.upperBound)"))
                    return
                }
                apply(&configuration, value)
            }
            func string(_ apply: (inout DaemonConfiguration, String) -> Void) {
                if let value = valueNode.string, !value.isEmpty { apply(&configuration, value) } else {
                    errors.append(place(valueNode, file, key, "config.bad-type", "expected a non-empty string"))
                }
            }
            switch key {
            case "operatorsGroup": string { $0.operatorsGroup = $1 }
            case "readersGroup": string { $0.readersGroup = $1 }
            case "maximumMessageBytes":
                messageNode = valueNode
                int(4096...(1 << 30)) { $0.maximumMessageBytes = $1 }
            case "maximumBusFrameBytes": int((1 << 20)...(1 << 32)) { $0.maximumBusFrameBytes = $1 }
            case "idleTimeoutSeconds": int(1...86_400) { $0.idleTimeoutSeconds = $1 }
            case "messageTimeoutSeconds": int(1...3600) { $0.messageTimeoutSeconds = $1 }
            case "maximumBufferedBytes":
                bufferedNode = valueNode
                int((64 * 1024)...(1 << 36)) { $0.maximumBufferedBytes = $1 }
            case "maximumConnectionsPerUser": int(1...100_000) { $0.maximumConnectionsPerUser = $1 }
            case "maximumConnections": int(1...1_000_000) { $0.maximumConnections = $1 }
            case "subscriberQueueLimit": int(8...1_000_000) { $0.subscriberQueueLimit = $1 }
            case "heartbeatIntervalMilliseconds": int(50...60_000) { $0.heartbeatIntervalMilliseconds = $1 }
            case "heartbeatMissLimit": int(2...1000) { $0.heartbeatMissLimit = $1 }
            case "restartIntensity": int(0...1000) { $0.restartIntensity = $1 }
            case "restartPeriodSeconds": int(1...86_400) { $0.restartPeriodSeconds = $1 }
            case "shutdownGraceSeconds": int(0...3600) { $0.shutdownGraceSeconds = $1 }
            case "maximumPhaseAttempts": int(1...100) { $0.maximumPhaseAttempts = $1 }
            case "recentRuns": int(0...1000) { $0.recentRuns = $1 }
            case "assessment":
                do {
                    let policy = try WireJSON.convert(json(valueNode), to: AssessmentPolicy.self)
                    let problems = policy.problems(file: file)
                    if problems.isEmpty { configuration.assessment = policy } else { errors += problems }
                } catch {
                    errors.append(
                        place(valueNode, file, key, "config.bad-assessment", "\(error)",
                            hint: "see the assessment section of docs/CONFIGURATION.md"))
                }
            case "alertRules": configuration.alertRules = AlertRulesConfiguration.parse(valueNode, file: file, errors: &errors)
            case "prometheusTextFile": string { $0.prometheusTextFile = $1 }
            default:
                errors.append(
                    place(keyNode, file, key, "config.unknown-key", "unknown setting",
                        hint: "see docs/CONFIGURATION.md for the settings cadred knows"))
            }
        }
        if configuration.maximumBufferedBytes < configuration.maximumMessageBytes, let node = bufferedNode ?? messageNode {
            errors.append(
                place(node, file, bufferedNode == nil ? "maximumMessageBytes" : "maximumBufferedBytes", "config.out-of-range",
                    "\(configuration.maximumBufferedBytes) is less than maximumMessageBytes (\(configuration.maximumMessageBytes)): the largest message would never fit",
                    hint: "raise maximumBufferedBytes or lower maximumMessageBytes"))
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return configuration
    }

    /// A YAML subtree as JSON, for sections whose schema belongs to a phase.
    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if let value = node.int { return .number(Double(value)) }
            if let value = node.float { return .number(value) }
            if let value = node.bool { return .bool(value) }
            if node.null != nil { return .null }
            return .string(scalar.string)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = json(value) }
            return .object(object)
        case .alias:
            return .null
        }
    }

    private static func place(
        _ node: Node, _ file: String, _ field: String, _ code: String, _ message: String, hint: String = ""
    ) -> InputError {
        InputError(
            .init(code), file: file, line: (node.mark?.line ?? 0), column: (node.mark?.column ?? 0),
            field: field, message: message, hint: hint)
    }
}
