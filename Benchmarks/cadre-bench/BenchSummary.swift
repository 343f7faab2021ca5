import Foundation

/// The figures a benchmark hands to `scripts/bench` for its closing table: one tab-separated line
/// per figure, starting with `summary`, so the script collects them with a grep and needs no
/// knowledge of any benchmark's own output.
///
///     summary <TAB> benchmark <TAB> figure <TAB> cadre <TAB> baseline <TAB> ratio <TAB> target
///
/// `ratio` is always cadre ÷ baseline of the printed values; `target` is free text (`≤ 3`, `—`)
/// followed by `met` or `MISSED` when there is one.
enum BenchSummary {
    static func line(
        benchmark: String, figure: String, cadre: String, baseline: String, ratio: Double?, target: String = "—"
    ) {
        let ratioText = ratio.map { String(format: "%.2f", $0) } ?? "—"
        print(["summary", benchmark, figure, cadre, baseline, ratioText, target].joined(separator: "\t"))
    }

    /// `≤ limit met` or `≤ limit MISSED` for a ratio or a value that should stay at or under a limit.
    static func atMost(_ value: Double, _ limit: Double, unit: String = "") -> String {
        let limitText = limit == limit.rounded() ? String(Int(limit)) : String(format: "%.1f", limit)
        return "≤ \(limitText)\(unit) " + (value <= limit ? "met" : "MISSED")
    }
}

/// The control socket a benchmark talks to: `--socket`, else `$CADRE_SOCKET`.
func controlSocket(_ options: BenchOptions) throws -> String {
    if let path = options.string("socket") ?? ProcessInfo.processInfo.environment["CADRE_SOCKET"], !path.isEmpty {
        return path
    }
    throw BenchUsageError(message: "--socket PATH (or CADRE_SOCKET) names cadred's control socket")
}

/// Seconds as `1.234 s` or `56.7 ms`, whichever reads better.
func formatDuration(milliseconds: Double) -> String {
    milliseconds >= 1000 ? String(format: "%.2f s", milliseconds / 1000) : String(format: "%.1f ms", milliseconds)
}

/// Runs a program to its end; its stderr passes through. The result is its stdout and exit status.
func runProgram(_ path: String, _ arguments: [String]) throws -> (output: String, status: Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: data, as: UTF8.self), process.terminationStatus)
}
