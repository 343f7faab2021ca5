import CadreWire
import Foundation

/// `cadre-bench ping`: the control socket's round trip, `io.cadre.Workforce.Ping` after Ping over
/// one connection with the blocking client, against a raw AF_UNIX ping-pong in C
/// (Benchmarks/pingpong/pingpong.c) run right after it with the same counts and message sizes.
///
/// Two Cadre figures are printed. "client" is what a caller sees: the typed call, JSON encoded
/// and decoded by the client as cadrectl does. "raw" sends the call's bytes pre-encoded and waits
/// for the reply's NUL without decoding it, so client − raw is the client's share and raw − C is
/// cadred's. The target is on the client figure.
enum PingBenchmark: Benchmark {
    static let name = "ping"
    static let summary = "control-socket Ping round trip vs a raw Unix-socket ping-pong in C"
    static let help = """
        usage: cadre-bench ping [options]

          --socket PATH     cadred's control socket (default $CADRE_SOCKET)
          --count N         timed round trips of each kind (default 20000)
          --warmup N        untimed round trips first (default 2000)
          --pingpong PATH   the compiled C baseline (Benchmarks/pingpong/pingpong.c); without it
                            only Cadre's figures are printed
          --target X        the ratio cadre p50 / C p50 should stay at or under (default 3)

        Exit status: 0 measured (a missed target is reported, not failed), 2 cadred or the baseline
        could not be reached, 64 bad usage.

        """

    static let options: Set<String> = ["socket", "count", "warmup", "pingpong", "target"]
    static let method = Workforce.Method.ping.qualifiedName

    static func run(_ options: BenchOptions) throws -> Int32 {
        let unknown = options.unknown(besides: Self.options)
        guard unknown.isEmpty else { throw BenchUsageError(message: "unknown option --\(unknown[0])") }
        let socket = try controlSocket(options)
        let count = try options.int("count", default: 20_000, atLeast: 1)
        let warmup = try options.int("warmup", default: 2_000)
        let target = Double(options.string("target") ?? "3") ?? 3

        let connection = try VarlinkConnection(socketPath: socket)
        let client = try time(count: count, warmup: warmup) {
            let reply = try connection.call(method, Workforce.PingParameters(), as: Workforce.PingResult.self)
            guard reply.message == "pong" else {
                throw VarlinkClientError(.malformed, socketPath: socket, "Ping answered '\(reply.message)'")
            }
        }
        let request = Array("{\"method\":\"\(method)\",\"parameters\":{}}".utf8) + [0]
        let raw = try time(count: count, warmup: warmup) {
            try connection.send(request)
            guard try connection.receiveMessage() != nil else {
                throw VarlinkClientError(.closed, socketPath: socket, "no reply to Ping")
            }
        }
        print("cadred        \(socket), one connection, \(count) calls after \(warmup) warm-up calls each")
        print(client.line("cadre client (typed)"))
        print(raw.line("cadre raw bytes"))

        guard let pingpong = options.string("pingpong") else {
            BenchSummary.line(
                benchmark: name, figure: "Ping p50", cadre: String(format: "%.1f µs", client.p50), baseline: "—", ratio: nil)
            return BenchExit.success
        }
        let result = try runProgram(pingpong, ["--count", String(count), "--warmup", String(warmup)])
        guard result.status == 0, let json = lastJSONLine(result.output),
            let p50 = json["p50_us"] as? Double, let p99 = json["p99_us"] as? Double
        else {
            printError("the C baseline \(pingpong) failed (status \(result.status)): \(result.output)")
            return BenchExit.failure
        }
        let c = LatencySummary(
            count: count, p50: p50, p99: p99, mean: json["mean_us"] as? Double ?? 0,
            minimum: json["min_us"] as? Double ?? 0, maximum: json["max_us"] as? Double ?? 0)
        print(c.line("C pingpong (AF_UNIX)"))
        let ratio50 = client.p50 / c.p50, ratio99 = client.p99 / c.p99
        print(String(format: "ratio         p50 %.2f   p99 %.2f   (cadre client / C); target p50 ", ratio50, ratio99)
            + BenchSummary.atMost(ratio50, target))
        print(String(format: "split of p50  C floor %.1f µs, cadred above the floor %.1f µs, client JSON %.1f µs",
                     c.p50, raw.p50 - c.p50, client.p50 - raw.p50))
        BenchSummary.line(
            benchmark: name, figure: "Ping round trip p50", cadre: String(format: "%.1f µs", client.p50),
            baseline: String(format: "%.1f µs (C)", c.p50), ratio: ratio50, target: BenchSummary.atMost(ratio50, target))
        BenchSummary.line(
            benchmark: name, figure: "Ping round trip p99", cadre: String(format: "%.1f µs", client.p99),
            baseline: String(format: "%.1f µs (C)", c.p99), ratio: ratio99)
        BenchSummary.line(
            benchmark: name, figure: "Ping raw bytes p50", cadre: String(format: "%.1f µs", raw.p50),
            baseline: String(format: "%.1f µs (C)", c.p50), ratio: raw.p50 / c.p50)
        return BenchExit.success
    }

    /// Times `count` calls of `body` one by one, after `warmup` untimed ones; microseconds.
    static func time(count: Int, warmup: Int, _ body: () throws -> Void) throws -> LatencySummary {
        for _ in 0..<warmup { try body() }
        var samples = [Double](repeating: 0, count: count)
        for index in 0..<count {
            let start = monotonicNanoseconds()
            try body()
            samples[index] = Double(monotonicNanoseconds() - start) / 1000
        }
        return LatencySummary(microseconds: samples)
    }
}
