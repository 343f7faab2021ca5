import ArgumentParser
import CadreWire

extension Cadrectl {
    struct Ping: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that cadred answers; prints its reply (\"pong\", or MESSAGE echoed).",
            discussion: "Ping needs no group: any local user may call it.")

        @Argument(help: "Text for the daemon to echo back.")
        var message: String?

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let link = DaemonLink(connection)
            let parameters = Workforce.PingParameters(message: message)
            if output.json {
                Console.line(JSONText.pretty(try link.call(.ping, parameters, as: JSONValue.self)))
            } else {
                Console.line(try link.call(.ping, parameters, as: Workforce.PingResult.self).message)
            }
        }
    }
}
