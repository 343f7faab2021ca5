import Foundation
import Testing

@testable import CadreSystemd

@Suite("sd_notify through a real notify socket")
struct NotifierTests {
    @Test("the datagrams systemd receives, in order")
    func datagrams() throws {
        let directory = try TemporaryDirectory()
        let socket = try NotifySocket(path: directory.path + "/notify")
        let before = monotonicMicroseconds()
        let child = try ChildProcess.run(
            role: "notify", testName: "notifyChild", in: directory.url,
            environment: ["NOTIFY_SOCKET": socket.path]
        )
        let after = monotonicMicroseconds()
        try #require(child.status == 0, "child failed:\n\(child.output)")
        #expect(child.report == ["enabled true"])

        let messages = socket.receiveAll()
        try #require(messages.count == 6, "got \(messages)")
        #expect(messages[0] == "READY=1\nSTATUS=6 of 6 workers registered; idle")
        #expect(messages[1] == "STATUS=run 42: assessment")
        #expect(messages[2] == "WATCHDOG=1")
        #expect(messages[3] == "EXTEND_TIMEOUT_USEC=90500000")

        let reload = messages[4].split(separator: "\n").map(String.init)
        #expect(reload.count == 3)
        #expect(reload.first == "RELOADING=1")
        #expect(reload.last == "STATUS=reloading configuration")
        let stamp = reload.dropFirst().first.flatMap { line in
            line.hasPrefix("MONOTONIC_USEC=") ? UInt64(line.dropFirst("MONOTONIC_USEC=".count)) : nil
        }
        let monotonic = try #require(stamp, "no MONOTONIC_USEC in \(reload)")
        #expect((before...after).contains(monotonic))

        #expect(messages[5] == "STOPPING=1\nSTATUS=stopping: SIGTERM")
    }

    @Test("without NOTIFY_SOCKET the notifier is disabled and sends nothing")
    func disabled() throws {
        let directory = try TemporaryDirectory()
        let child = try ChildProcess.run(role: "notify", testName: "notifyChild", in: directory.url)
        try #require(child.status == 0, "child failed:\n\(child.output)")
        #expect(child.report == ["enabled false"])
    }

    @Test(
        "durations are whole microseconds, rounded down, never negative",
        arguments: [
            (Duration.seconds(90), UInt64(90_000_000)), (.milliseconds(1500), 1_500_000),
            (.nanoseconds(1999), 1), (.seconds(-3), 0), (.zero, 0),
        ]
    )
    func microseconds(duration: Duration, expected: UInt64) {
        #expect(SystemdNotifier.microseconds(duration) == expected)
    }

    @Test("child: sends one of each notification", .enabled(if: ChildProcess.role == "notify"))
    func notifyChild() throws {
        let notifier = SystemdNotifier()
        try ChildProcess.report(["enabled \(notifier.isEnabled)"])
        notifier.ready(status: "6 of 6 workers registered;\nidle")
        notifier.status("run 42: assessment")
        notifier.watchdog()
        notifier.extendTimeout(.milliseconds(90_500))
        notifier.reloading(status: "reloading configuration")
        notifier.stopping(status: "stopping: SIGTERM")
    }
}
