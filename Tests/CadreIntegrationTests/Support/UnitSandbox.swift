#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// `Units/cadred.service`'s sandbox around a test's process, as systemd would build it for
/// `ExecStart=`: `scripts/unit-sandbox` reads the unit and runs `cadre-sandbox`, which execs the
/// command in place (same pid). The unit's directories are folders of the test under `/run` (which
/// the unit leaves visible, unlike `/tmp`), owned by `nobody` standing in for `User=cadre`; the
/// binaries are installed into the test's folder as a package puts them in `/usr/bin`, since the
/// build folder may lie under a path the unit hides (`ProtectHome=`).
struct UnitSandbox {
    static let unit = Checkout.root.appendingPathComponent("Units/cadred.service").path
    static let script = Checkout.root.appendingPathComponent("scripts/unit-sandbox").path
    static let user = "nobody"

    let root: String
    var runtime: String { root + "/run" }
    var state: String { root + "/state" }
    var logs: String { root + "/logs" }
    var configuration: String { root + "/etc" }
    var bin: String { root + "/bin" }
    /// Where the unit's `NOTIFY_SOCKET` lives: visible inside, as `/run/systemd/notify` is.
    var notifySocket: String { root + "/notify" }

    /// A new folder under `/run` holding `bin/` with `binaries` (default: cadred) installed.
    init(installing binaries: [String] = ["cadred"]) throws {
        root = try TemporaryFolder.make(prefix: "cadre-sandbox", in: "/run")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for name in binaries {
            let source = Checkout.binary(name)
            let target = bin + "/" + name
            // A hard link when the build folder is on the same file system, else a copy.
            if link(source, target) != 0 { try FileManager.default.copyItem(atPath: source, toPath: target) }
        }
    }

    func binary(_ name: String) -> String { bin + "/" + name }

    /// The command that runs what follows it under the unit's sandbox.
    var launcher: [String] {
        [
            Self.script, "--sandbox", Checkout.binary("cadre-sandbox"), "--user", Self.user,
            "--runtime-directory", runtime, "--state-directory", state, "--logs-directory", logs,
            "--configuration-directory", configuration, Self.unit, "--",
        ]
    }

    /// Runs `command` under the sandbox to its end; returns what it printed (stdout, stderr).
    func run(_ command: [String]) throws -> (output: String, errors: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: launcher[0])
        process.arguments = Array(launcher.dropFirst()) + command
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let complained = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: printed, as: UTF8.self), String(decoding: complained, as: UTF8.self), process.terminationStatus)
    }

    func remove() {
        if ProcessInfo.processInfo.environment["CADRE_KEEP_TEST_DIRS"] == nil { try? FileManager.default.removeItem(atPath: root) }
    }
}

/// What a running process's `/proc` says about its sandbox, read from outside as root.
struct ProcessSandboxView {
    var status: [String: String] = [:]
    /// Mount point → its per-mount options, file-system type and super options, in the process's
    /// mount namespace.
    var mounts: [String: (options: String, type: String, superOptions: String)] = [:]

    init(pid: Int32) throws {
        let statusText = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        for line in statusText.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            status[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        // mountinfo: ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS [OPTIONAL…] - TYPE SOURCE SUPER-OPTIONS;
        // a later mount on the same point covers an earlier one.
        let mountText = try String(contentsOfFile: "/proc/\(pid)/mountinfo", encoding: .utf8)
        for line in mountText.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 10, let dash = fields.firstIndex(of: "-"), dash + 3 < fields.count else { continue }
            mounts[fields[4]] = (fields[5], fields[dash + 1], fields[dash + 3])
        }
    }

    static func namespace(_ kind: String, of pid: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        let count = readlink("/proc/\(pid)/ns/\(kind)", &buffer, 255)
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
