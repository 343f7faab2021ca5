import ArgumentParser
import CadreDaemon
import CadreWire
import CadreSystemd
import Foundation
import Logging

@main
struct Cadred: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cadred",
        abstract: "The Cadre daemon: ML workforce development pipeline, supervised phase workers, varlink control socket.",
        discussion: """
            Runs in the foreground (systemd Type=notify). Directories come from systemd's
            $RUNTIME_DIRECTORY, $STATE_DIRECTORY, $CONFIGURATION_DIRECTORY and $LOGS_DIRECTORY, or the flags.
            SIGTERM stops it cleanly; SIGHUP reloads cadred.yaml without dropping clients.
            """,
        version: CadreVersion.current,
        subcommands: [Serve.self, Worker.self],
        defaultSubcommand: Serve.self)

    /// The allocator is set before anything else runs, in the supervisor and in every worker.
    static func main() async {
        FreeMemory.useOneArena()
        await main(nil)
    }
}

struct LoggingOptions: ParsableArguments {
    @Option(help: "Where logs go: auto (journald when stderr is the journal), journal, stderr.")
    var logTarget: String = "auto"

    @Option(help: "trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard ["auto", "journal", "stderr"].contains(logTarget) else {
            throw ValidationError("--log-target must be auto, journal or stderr")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    var target: LogTarget {
        switch logTarget {
        case "journal": .journal
        case "stderr": .stderr
        default: LogTarget.detect()
        }
    }

    func bootstrap() -> Logger {
        CadreLogging.bootstrap(target: target, identifier: "cadred", level: Logger.Level(rawValue: logLevel) ?? .info)
        return Logger(label: "cadred")
    }
}

extension Cadred {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the supervisor (the default).")

        @Option(help: "Runtime folder: control and bus sockets (default $RUNTIME_DIRECTORY or /run/cadre).")
        var runtimeDir: String?
        @Option(help: "State folder: the SQLite store (default $STATE_DIRECTORY or /var/lib/cadre).")
        var stateDir: String?
        @Option(help: "Configuration folder holding cadred.yaml (default $CONFIGURATION_DIRECTORY or /etc/cadre).")
        var configDir: String?
        @Option(help: "Logs folder (default $LOGS_DIRECTORY or /var/log/cadre).")
        var logsDir: String?
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let logger = logging.bootstrap()
            let paths = DaemonPaths.resolve(runtime: runtimeDir, state: stateDir, configuration: configDir, logs: logsDir)
            let code = await Daemon.run(Daemon.Options(paths: paths, logTarget: logging.target), logger: logger)
            if code != 0 { throw ExitCode(code) }
        }
    }

    struct Worker: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Host one phase in its own process (started by the supervisor, not by hand).")

        @Option(help: "The phase: taxonomy, assessment, …")
        var phase: String
        @Option(help: "The supervisor's bus socket.")
        var bus: String
        @Option(help: "Largest bus frame accepted.")
        var maximumFrameBytes: Int = 512 * 1024 * 1024
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let logger = logging.bootstrap()
            let code = await WorkerMain.run(phase: phase, busPath: bus, maximumFrameBytes: maximumFrameBytes, logger: logger)
            if code != 0 { throw ExitCode(code) }
        }
    }
}
