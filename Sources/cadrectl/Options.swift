import ArgumentParser
import Foundation

/// Where the daemon listens. The environment variable lets scripts and a checkout's `make run`
/// point every command at another socket without repeating the flag.
struct ConnectionOptions: ParsableArguments {
    static let defaultSocket = "/run/cadre/io.cadre.Workforce"

    @Option(
        name: .long, help: ArgumentHelp(
            "The control socket (default: $CADRE_SOCKET, else \(defaultSocket)).", valueName: "path"))
    var socket: String?

    var socketPath: String {
        if let socket { return socket }
        if let fromEnvironment = ProcessInfo.processInfo.environment["CADRE_SOCKET"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return Self.defaultSocket
    }

    func validate() throws {
        if let socket, socket.isEmpty { throw ValidationError("--socket needs a path") }
    }

    /// `cadrectl --socket PATH status` as well as `cadrectl status --socket PATH`: a `--socket`
    /// before the command becomes `$CADRE_SOCKET` for this process (one given after the command
    /// still wins), and is removed from the arguments the parser sees.
    static func takingLeadingSocket(_ arguments: [String]) throws -> [String] {
        var rest = arguments[...]
        var kept: [String] = []
        while let first = rest.first, first.hasPrefix("-"), first != "--" {
            rest = rest.dropFirst()
            if first == "--socket" {
                guard let path = rest.first, !path.isEmpty else { throw ValidationError("--socket needs a path") }
                rest = rest.dropFirst()
                setenv("CADRE_SOCKET", path, 1)
            } else if first.hasPrefix("--socket=") {
                let path = String(first.dropFirst("--socket=".count))
                guard !path.isEmpty else { throw ValidationError("--socket needs a path") }
                setenv("CADRE_SOCKET", path, 1)
            } else {
                kept.append(first)
            }
        }
        return kept + rest
    }
}

/// How a read command prints: text for people, or the daemon's reply as JSON for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the daemon's reply as JSON instead of text.")
    var json = false
}
