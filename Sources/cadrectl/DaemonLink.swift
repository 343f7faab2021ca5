import CadreWire

/// The commands' way to the daemon: one connection, opened on first use. A read that finds the
/// connection closed (the daemon drops idle ones; a `run --wait` can outlast that) reconnects once
/// and asks again; a mutating call is never repeated, so a run is never started twice.
final class DaemonLink {
    let socketPath: String
    private var connection: VarlinkConnection?

    init(_ options: ConnectionOptions) {
        socketPath = options.socketPath
    }

    init(socketPath: String) {
        self.socketPath = socketPath
    }

    /// Connects now, so a missing daemon is reported before any other work.
    func connect() throws(VarlinkClientError) {
        if connection == nil { connection = try VarlinkConnection(socketPath: socketPath) }
    }

    func call<Parameters: Encodable, Result: Decodable>(
        _ method: Workforce.Method, _ parameters: Parameters, as type: Result.Type
    ) throws -> Result {
        let repeatable = method.access < .operator
        do {
            return try attempt(method, parameters, as: type)
        } catch let error as VarlinkClientError where error.code == .closed && repeatable {
            return try attempt(method, parameters, as: type)
        }
    }

    func call<Result: Decodable>(_ method: Workforce.Method, as type: Result.Type) throws -> Result {
        try call(method, Workforce.Empty(), as: type)
    }

    /// A read command's reply: with `--json` it prints the daemon's reply as it came and returns
    /// nil; otherwise it returns the reply typed, for the command to print as text.
    func read<Parameters: Encodable, Result: Decodable>(
        _ method: Workforce.Method, _ parameters: Parameters, as type: Result.Type, json: Bool
    ) throws -> Result? {
        guard json else { return try call(method, parameters, as: type) }
        Console.line(JSONText.pretty(try call(method, parameters, as: JSONValue.self)))
        return nil
    }

    private func attempt<Parameters: Encodable, Result: Decodable>(
        _ method: Workforce.Method, _ parameters: Parameters, as type: Result.Type
    ) throws -> Result {
        try connect()
        guard let connection else { throw VarlinkClientError(.closed, socketPath: socketPath, "not connected") }
        do {
            return try connection.call(method.qualifiedName, parameters, as: type)
        } catch let error as VarlinkClientError {
            // A broken connection is not reused; the next call opens a new one.
            self.connection = nil
            throw error
        }
    }
}

extension DaemonLink {
    /// A part of a loosely decoded reply as its documented type; a mismatch means the daemon and
    /// cadrectl disagree on the protocol.
    func decode<Value: Decodable>(_ value: JSONValue, as type: Value.Type) throws(VarlinkClientError) -> Value {
        do {
            return try WireJSON.convert(value, to: type)
        } catch {
            throw VarlinkClientError(.malformed, socketPath: socketPath, "unexpected reply from cadred: \(error)")
        }
    }
}
