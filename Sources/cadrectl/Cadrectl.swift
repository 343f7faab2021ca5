#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CadreWire

/// The operator's client for `cadred`: every command is one or two varlink calls on the control
/// socket, except `taxonomy validate`, which checks files locally and needs no daemon.
@main
struct Cadrectl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cadrectl",
        abstract: "Control cadred: load the taxonomy and the workforce's people and evidence, run the pipeline, read the gaps.",
        discussion: """
            cadrectl talks varlink to cadred over its control socket: --socket PATH (before or after the \
            command), else $CADRE_SOCKET, \
            else /run/cadre/io.cadre.Workforce. Reading needs the readers group, changing things the \
            operators group (see `systemctl cat cadred.socket` for who may open the socket).

            \(ExitStatus.summary)
            """,
        version: CadreVersion.current,
        subcommands: [
            Status.self, Ping.self, Watch.self, Run.self, Runs.self, Gaps.self, ImportCommand.self,
            TaxonomyCommand.self, CatalogueCommand.self, Plans.self, CredentialsCommand.self, Retention.self, Sourcing.self,
            Trend.self, Report.self,
        ])

    /// Parses, runs, and turns every failure into its message and exit code. Argument errors exit
    /// with 2 (ArgumentParser's own default is 64); client and daemon errors with the codes above.
    static func main() {
        let status: Int32
        do {
            let arguments = try ConnectionOptions.takingLeadingSocket(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot(arguments)
            try command.run()
            status = ExitStatus.ok
        } catch {
            status = report(error)
        }
        Glibc.exit(status)
    }

    private static func report(_ error: any Error) -> Int32 {
        let failure: CommandFailure
        switch error {
        case let error as CommandFailure:
            failure = error
        case let error as VarlinkClientError:
            failure = FailureReport.failure(for: error)
        case let error as VarlinkRemoteError:
            failure = FailureReport.failure(for: error)
        default:
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Console.line(message) }
                return ExitStatus.ok
            }
            // The parser's message may quote an argument: each line escaped, the line breaks kept.
            if !message.isEmpty {
                Console.error(message.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escaped(String($0)) }
                    .joined(separator: "\n"))
            }
            return code == .validationFailure ? ExitStatus.usage : code.rawValue
        }
        // A failure's lines quote what the daemon or a file said: escaped, one line each.
        for (index, line) in failure.lines.map(TerminalText.escaped).enumerated() {
            Console.error(failure.verbatim ? line : index == 0 ? "cadrectl: \(line)" : "  \(line)")
        }
        return failure.status
    }
}
