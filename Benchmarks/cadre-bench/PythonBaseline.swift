import Foundation

/// A baseline written in Python (under Benchmarks/), run as a child process: its stderr passes
/// through, and its last stdout line is one JSON object with its figures.
enum PythonBaseline {
    /// The script beside this source file in the checkout (`Benchmarks/<relative>`), or relative
    /// to the working directory; `given` wins.
    static func script(_ relative: String, given: String?) -> String? {
        if let given { return given }
        let beside = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(relative).path
        return ["Benchmarks/" + relative, beside].first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Runs `python script arguments…`; nil (after saying why) when it fails or prints no JSON.
    static func run(python: String, script: String, _ arguments: [String]) throws -> [String: Any]? {
        let (output, status) = try runProgram("/usr/bin/env", [python, script] + arguments)
        guard status == 0 else {
            printError("\(script) exited with status \(status)")
            return nil
        }
        let lastLine = output.split(separator: "\n").last.map(String.init) ?? ""
        guard let json = try? JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any] else {
            printError("\(script) printed no result: \(lastLine)")
            return nil
        }
        return json
    }

    /// A fresh folder for the files exchanged with a baseline, removed by the caller.
    static func exchangeDirectory(_ name: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cadre-bench-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

/// Little-endian fixed-layout files for the baselines (numpy reads them with `np.frombuffer`).
struct BinaryExport {
    private(set) var data: Data

    init(magic: String) { data = Data(magic.utf8) }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func append(_ value: Double) { append(value.bitPattern) }

    mutating func append<T: FixedWidthInteger>(contentsOf values: [T]) {
        #if _endian(little)
        values.withUnsafeBytes { data.append(contentsOf: $0) }
        #else
        for value in values { append(value) }
        #endif
    }

    mutating func append(contentsOf values: [Double]) { append(contentsOf: values.map(\.bitPattern)) }
}
