// cadre-bench: Cadre's benchmarks, one subcommand per benchmark, one file per subcommand.
// To add one, write `enum XBenchmark: Benchmark` in its own file and list it in `benchmarks`.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let benchmarks: [any Benchmark.Type] = [
    PingBenchmark.self,
    ImportBenchmark.self,
    RunBenchmark.self,
    AssessBenchmark.self,
    TrainingBenchmark.self,
    SourcingBenchmark.self,
    RetentionBenchmark.self,
    ReportBenchmark.self,
    IdleBenchmark.self,
]

func usage(_ benchmarks: [any Benchmark.Type]) -> String {
    var text = "usage: cadre-bench <benchmark> [options]\n\nbenchmarks:\n"
    for benchmark in benchmarks {
        text += "  " + benchmark.name.padding(toLength: 10, withPad: " ", startingAt: 0) + benchmark.summary + "\n"
    }
    text += "\n`cadre-bench <benchmark> --help` describes a benchmark's options.\n"
    return text
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, !["-h", "--help", "help"].contains(name) else {
    print(usage(benchmarks), terminator: "")
    exit(arguments.isEmpty ? BenchExit.usage : BenchExit.success)
}
guard let benchmark = benchmarks.first(where: { $0.name == name }) else {
    printError("cadre-bench: no benchmark '\(name)'\n\n" + usage(benchmarks))
    exit(BenchExit.usage)
}
do {
    let options = try BenchOptions(Array(arguments.dropFirst()))
    if options.wantsHelp {
        print(benchmark.help, terminator: "")
        exit(BenchExit.success)
    }
    exit(try benchmark.run(options))
} catch let error as BenchUsageError {
    printError("cadre-bench \(name): \(error.message)\n\n" + benchmark.help)
    exit(BenchExit.usage)
} catch {
    printError("cadre-bench \(name): \(error)")
    exit(BenchExit.failure)
}
