import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One subcommand of `cadre-bench`.
protocol Benchmark {
    /// The subcommand, e.g. `assess`.
    static var name: String { get }
    /// One line for the list of benchmarks.
    static var summary: String { get }
    /// The option list shown for `--help` and after a usage error.
    static var help: String { get }
    /// Runs the benchmark; the result is the process's exit status.
    static func run(_ options: BenchOptions) throws -> Int32
}

/// Exit statuses that mean something to a script running the benchmarks.
enum BenchExit {
    static let success: Int32 = 0
    /// The benchmark ran but a check failed (results differ, a threshold was missed).
    static let checkFailed: Int32 = 1
    /// The benchmark could not run (a file, a child process).
    static let failure: Int32 = 2
    /// Bad command line (sysexits' EX_USAGE).
    static let usage: Int32 = 64
}

struct BenchUsageError: Error {
    var message: String
}

/// `--name value` options and `--flag` switches, parsed without a library so the bench has no
/// dependency beyond the modules it measures.
struct BenchOptions {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    private(set) var consumed: Set<String> = []

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") || argument == "-h" else {
                throw BenchUsageError(message: "unexpected argument '\(argument)'")
            }
            let key = argument == "-h" ? "help" : String(argument.dropFirst(2))
            if let equals = key.firstIndex(of: "=") {
                values[String(key[..<equals])] = String(key[key.index(after: equals)...])
            } else if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                values[key] = arguments[index + 1]
                index += 1
            } else {
                flags.insert(key)
            }
            index += 1
        }
    }

    var wantsHelp: Bool { flags.contains("help") }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    func string(_ name: String) -> String? { values[name] }

    func int(_ name: String, default value: Int, atLeast minimum: Int = 0) throws -> Int {
        guard let text = values[name] else { return value }
        guard let parsed = Int(text.replacingOccurrences(of: "_", with: "")), parsed >= minimum else {
            throw BenchUsageError(message: "--\(name) needs a whole number ≥ \(minimum), got '\(text)'")
        }
        return parsed
    }

    /// Names given on the command line that are not in `known`.
    func unknown(besides known: Set<String>) -> [String] {
        (Set(values.keys).union(flags).subtracting(known).subtracting(["help"])).sorted()
    }
}

func printError(_ text: String) {
    var line = text
    if !line.hasSuffix("\n") { line += "\n" }
    FileHandle.standardError.write(Data(line.utf8))
}

/// Monotonic wall-clock time in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
