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
          --rounds N        the kinds take turns in N rounds of count/N calls each (default 10)
          --pingpong PATH   the compiled C baseline (Benchmarks/pingpong/pingpong.c); without it
                            only Cadre's figures are printed
          --target X        the ratio cadre p50 / C p50 should stay at or under (default 3)

        Exit status: 0 measured (a missed target is reported, not failed), 2 cadred or the baseline
        could not be reached, 64 bad usage.

        """

    static let options: Set<String> = ["socket", "count", "warmup", "rounds", "pingpong", "target"]
    static let method = Workforce.Method.ping.qualifiedName

    static func run(_ options: BenchOptions) throws -> Int32 {
        let unknown = options.unknown(besides: Self.options)
        guard unknown.isEmpty else { throw BenchUsageError(message: "unknown option --\(unknown[0])") }
        let socket = try controlSocket(options)
        let count = try options.int("count", default: 20_000, atLeast: 1)
        let warmup = try options.int("warmup", default: 2_000)
        let target = Double(options.string("target") ?? "3") ?? 3

        let rounds = try options.int("rounds", default: 10, atLeast: 1)
        let pingpong = options.string("pingpong")
        let perRound = max(1, count / rounds)

        // The three kinds take turns in rounds, so a neighbour's load that comes and goes while
        // the benchmark runs lands on all of them alike and the ratio keeps its meaning.
        let connection = try VarlinkConnection(socketPath: socket)
        let request = Array("{\"method\":\"\(method)\",\"parameters\":{}}".utf8) + [0]
        func typedCall() throws {
            let reply = try connection.call(method, Workforce.PingParameters(), as: Workforce.PingResult.self)
            guard reply.message == "pong" else {
                throw VarlinkClientError(.malformed, socketPath: socket, "Ping answered '\(reply.message)'")
            }
        }
        func rawCall() throws {
            try connection.send(request)
            guard try connection.receiveMessage() != nil else {
                throw VarlinkClientError(.closed, socketPath: socket, "no reply to Ping")
            }
        }
        for _ in 0..<warmup {
            try typedCall()
            try rawCall()
        }
        var clientSamples: [Double] = [], rawSamples: [Double] = [], cSamples: [Double] = []
        for _ in 0..<rounds {
            clientSamples += try time(count: perRound, typedCall)
            rawSamples += try time(count: perRound, rawCall)
            if let pingpong {
                guard let samples = try pingpongRound(pingpong, count: perRound, warmup: min(warmup, 200)) else {
                    return BenchExit.failure
                }
                cSamples += samples
            }
        }
        let client = LatencySummary(microseconds: clientSamples)
        let raw = LatencySummary(microseconds: rawSamples)
        print("cadred        \(socket), one connection, \(warmup) warm-up calls, then \(rounds) rounds of \(perRound) calls of each kind in turn")
        print(client.line("cadre client (typed)"))
        print(raw.line("cadre raw bytes"))

        guard pingpong != nil else {
            BenchSummary.line(
                benchmark: name, figure: "Ping p50", cadre: String(format: "%.1f µs", client.p50), baseline: "—", ratio: nil)
            return BenchExit.success
        }
        let c = LatencySummary(microseconds: cSamples)
        print(c.line("C pingpong (AF_UNIX)"))
        let ratio50 = client.p50 / c.p50, ratio99 = client.p99 / c.p99
        print(String(format: "ratio         p50 %.2f   p99 %.2f   (cadre client / C); target p50 ", ratio50, ratio99)
            + BenchSummary.atMost(ratio50, target))
        print(String(format: "split of p50  C floor %.1f µs, cadred above the floor %.1f µs, client JSON %.1f µs",
                     c.p50, raw.p50 - c.p50, client.p50 - raw.p50))
        print(String(format: "minimums      client / C %.2f, raw / C %.2f (the least-disturbed round trips)",
                     client.minimum / c.minimum, raw.minimum / c.minimum))
        if c.p50 > 2 * c.minimum {
            // Scheduling delay then dominates every round trip alike, and ratios shrink toward 1.
            print(String(format: "BUSY MACHINE  the C floor's p50 is %.1f× its minimum: other load is in every round trip; "
                    + "compare the minimums, or run again when the machine is quiet", c.p50 / c.minimum))
        }
        BenchSummary.line(
            benchmark: name, figure: "Ping round trip p50", cadre: String(format: "%.1f µs", client.p50),
            baseline: String(format: "%.1f µs (C)", c.p50), ratio: ratio50,
            target: BenchSummary.atMost(ratio50, target) + (c.p50 > 2 * c.minimum ? " (busy machine)" : ""))
        BenchSummary.line(
            benchmark: name, figure: "Ping round trip minimum", cadre: String(format: "%.1f µs", client.minimum),
            baseline: String(format: "%.1f µs (C)", c.minimum), ratio: client.minimum / c.minimum)
        BenchSummary.line(
            benchmark: name, figure: "Ping round trip p99", cadre: String(format: "%.1f µs", client.p99),
            baseline: String(format: "%.1f µs (C)", c.p99), ratio: ratio99)
        BenchSummary.line(
            benchmark: name, figure: "Ping raw bytes p50", cadre: String(format: "%.1f µs", raw.p50),
            baseline: String(format: "%.1f µs (C)", c.p50), ratio: raw.p50 / c.p50)
        return BenchExit.success
    }

    /// Times `count` calls of `body` one by one; microseconds.
    static func time(count: Int, _ body: () throws -> Void) throws -> [Double] {
        var samples = [Double](repeating: 0, count: count)
        for index in 0..<count {
            let start = monotonicNanoseconds()
            try body()
            samples[index] = Double(monotonicNanoseconds() - start) / 1000
        }
        return samples
    }

    /// One round of the C baseline (a fresh server process each time, warmed up first): its samples.
    static func pingpongRound(_ path: String, count: Int, warmup: Int) throws -> [Double]? {
        let result = try runProgram(path, ["--count", String(count), "--warmup", String(warmup), "--raw"])
        let samples = result.output.split(separator: "\n").compactMap { Double($0) }
        guard result.status == 0, samples.count == count else {
            printError("the C baseline \(path) failed (status \(result.status)): \(result.output.suffix(300))")
            return nil
        }
        return samples
    }
}
