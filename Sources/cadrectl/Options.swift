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
}

/// How a read command prints: text for people, or the daemon's reply as JSON for scripts.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the daemon's reply as JSON instead of text.")
    var json = false
}
