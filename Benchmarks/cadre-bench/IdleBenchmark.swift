#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation

/// `cadre-bench idle`: the memory of cadred and each of its workers at rest — resident, its
/// anonymous part, and the proportional share (PSS, which adds up across processes) — against
/// two processes measured in the same run that do nothing: an idle Swift process with Foundation
/// loaded (this benchmark's own binary, waiting) and `sleep`. scripts/bench measures it once
/// after cadred starts and once after the runs of the other benchmarks.
enum IdleBenchmark: Benchmark {
    static let name = "idle"
    static let summary = "memory of cadred and each worker at rest vs an idle Swift process and sleep"
    static let help = """
        usage: cadre-bench idle [options]

          --socket PATH        cadred's control socket (default $CADRE_SOCKET)
          --label TEXT         names the moment in the summary, e.g. "after start" (default: at rest)
          --settle SECONDS     wait this long first, for memory freed after work to go back (default 3)

        cadred must run on this machine (its memory is read from /proc). Exit status: 0 measured,
        2 cadred could not be reached or its processes read, 64 bad usage.

        """

    static let options: Set<String> = ["socket", "label", "settle", "rest"]

    static func run(_ options: BenchOptions) throws -> Int32 {
        let unknown = options.unknown(besides: Self.options)
        guard unknown.isEmpty else { throw BenchUsageError(message: "unknown option --\(unknown[0])") }
        if options.flag("rest") {
            // The Swift baseline: this binary, loaded and doing nothing until it is killed.
            while true { pause() }
        }
        let socket = try controlSocket(options)
        let label = options.string("label") ?? "at rest"
        sleep(UInt32(try options.int("settle", default: 3)))

        let control = try VarlinkConnection(socketPath: socket)
        let status = try control.call(Workforce.Method.getStatus.qualifiedName, Workforce.Empty(), as: Workforce.Status.self)
        guard let supervisor = ProcessMemory(pid: status.pid) else {
            printError("cannot read /proc/\(status.pid): is cadred on this machine?")
            return BenchExit.failure
        }
        let workers = status.workers.compactMap { worker in ProcessMemory(pid: worker.pid).map { (worker.phase, $0) } }
        guard workers.count == status.workers.count else {
            printError("cannot read every worker's /proc entry")
            return BenchExit.failure
        }
        let swift = try restingProcess(CommandLine.arguments[0], ["idle", "--rest"])
        let sleeper = try restingProcess("/bin/sleep", ["600"])

        let busy = status.recentRuns.contains { $0.state == "running" || $0.state == "queued" }
        print("\(label): cadred pid \(status.pid) and \(workers.count) workers, \(busy ? "a run in progress" : "no run in progress")")
        print("cadred".padding(toLength: 24, withPad: " ", startingAt: 0) + supervisor.restingDescription)
        for (phase, memory) in workers {
            print("worker \(phase)".padding(toLength: 24, withPad: " ", startingAt: 0) + memory.restingDescription)
        }
        print("idle Swift process".padding(toLength: 24, withPad: " ", startingAt: 0) + swift.restingDescription)
        print("sleep".padding(toLength: 24, withPad: " ", startingAt: 0) + sleeper.restingDescription)

        let all = [supervisor] + workers.map(\.1)
        let total = all.compactMap(\.proportionalKilobytes).reduce(0, +)
        let mean = { (values: [Int]) in Double(values.reduce(0, +)) / Double(max(values.count, 1)) }
        let workerRSS = mean(workers.map(\.1.currentKilobytes)), workerAnon = mean(workers.map(\.1.anonymousKilobytes))
        print(String(format: "all %d processes        %.1f MB PSS together (%.1f MB RSS summed, which counts shared libraries %d times)",
            all.count, Double(total) / 1024, Double(all.map(\.currentKilobytes).reduce(0, +)) / 1024, all.count))

        func megabytes(_ kilobytes: Double) -> String { String(format: "%.1f MB", kilobytes / 1024) }
        let swiftRSS = Double(swift.currentKilobytes), swiftAnon = Double(swift.anonymousKilobytes)
        BenchSummary.line(
            benchmark: name, figure: "\(label): cadred RSS (anon)",
            cadre: "\(megabytes(Double(supervisor.currentKilobytes))) (\(megabytes(Double(supervisor.anonymousKilobytes))))",
            baseline: "\(megabytes(swiftRSS)) (\(megabytes(swiftAnon))) idle Swift", ratio: Double(supervisor.currentKilobytes) / swiftRSS)
        BenchSummary.line(
            benchmark: name, figure: "\(label): worker RSS (anon), mean of \(workers.count)",
            cadre: "\(megabytes(workerRSS)) (\(megabytes(workerAnon)))",
            baseline: "\(megabytes(swiftRSS)) (\(megabytes(swiftAnon))) idle Swift", ratio: workerRSS / swiftRSS)
        if let swiftPSS = swift.proportionalKilobytes, let sleepPSS = sleeper.proportionalKilobytes {
            BenchSummary.line(
                benchmark: name, figure: "\(label): PSS of all \(all.count) processes",
                cadre: megabytes(Double(total)),
                baseline: "\(megabytes(Double(swiftPSS))) idle Swift, \(megabytes(Double(sleepPSS))) sleep",
                ratio: Double(total) / Double(swiftPSS))
        }
        return BenchExit.success
    }

    /// Starts `path`, lets it settle, reads its memory and stops it.
    static func restingProcess(_ path: String, _ arguments: [String]) throws -> ProcessMemory {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        usleep(500_000)
        guard let memory = ProcessMemory(pid: Int(process.processIdentifier)) else {
            throw BenchFileError(path: path, message: "cannot read /proc/\(process.processIdentifier)")
        }
        return memory
    }
}
