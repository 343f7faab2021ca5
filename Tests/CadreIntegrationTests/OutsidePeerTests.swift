import CadreWire
import Foundation
import Testing

/// An independent varlink implementation (the PyPI `varlink` package) as a client: it parses our
/// interface description with its own IDL parser and calls through it.
@Suite("Outside varlink peer", .serialized)
struct OutsidePeerTests {
    static let pythonHasVarlink: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import varlink"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test("python varlink: GetInfo, GetInterfaceDescription, Ping and Subscribe with more")
    func pythonClient() throws {
        if !Self.pythonHasVarlink, ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record("the PyPI varlink package is missing in CI; make deps installs it")
        }
        try #require(Self.pythonHasVarlink, "python3 -m pip install varlink==31.0.0 (make deps) to run this test")
        let daemon = try DaemonUnderTest()
        try daemon.loadTaxonomy()
        let script = Checkout.root.appendingPathComponent("Tests/CadreIntegrationTests/Peers/varlink_peer.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "unix:" + daemon.socketPath]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: data, as: UTF8.self))\n\(daemon.log)")
        let report = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        #expect(report["interfaces"] as? [String] == ["org.varlink.service", "io.cadre.Workforce"])
        #expect(report["description_matches"] as? Bool == true)
        #expect(report["ping"] as? String == "from python")
        let kinds = report["events"] as? [String] ?? []
        #expect(kinds.first == "subscribed")
        #expect(kinds.contains("run-queued") && kinds.contains("phase-started") && kinds.last == "run-finished")
        #expect(report["permission_error"] as? String == nil)
    }
}
