import Foundation
import Testing

@testable import CadreSystemd

@Suite("The watchdog interval from WATCHDOG_USEC and WATCHDOG_PID")
struct WatchdogTests {
    @Test(
        "interval for this process, nil when unarmed or armed for another process",
        arguments: [
            (["WATCHDOG_USEC": "30000000"], "30.0 seconds"),
            (["WATCHDOG_USEC": "1500000"], "1.5 seconds"),
            (["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"], "none"),
            (["WATCHDOG_USEC": "0"], "none"),
            (["WATCHDOG_USEC": "soon"], "none"),
            ([:], "none"),
        ]
    )
    func interval(environment: [String: String], expected: String) throws {
        let directory = try TemporaryDirectory()
        let child = try ChildProcess.run(
            role: "watchdog", testName: "watchdogChild", in: directory.url, environment: environment
        )
        try #require(child.status == 0, "child failed:\n\(child.output)")
        #expect(child.report == [expected])
    }

    @Test("child: reports Watchdog.interval()", .enabled(if: ChildProcess.role == "watchdog"))
    func watchdogChild() throws {
        try ChildProcess.report([Watchdog.interval().map { "\($0)" } ?? "none"])
    }
}
