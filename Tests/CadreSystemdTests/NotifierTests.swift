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

    @Test("a manager that stops reading: status lines dropped and counted, READY=1 delivered once there is room",
          .timeLimit(.minutes(1)))
    func fullSocket() throws {
        let directory = try TemporaryDirectory()
        let socket = try NotifySocket(path: directory.path + "/notify")
        let filled = try socket.fill()
        let notifier = SystemdNotifier(notifySocket: socket.path)
        // sd_notify would block in sendmsg at the first of these, for as long as nobody reads.
        for line in 0..<100 { notifier.status("line \(line)") }
        #expect(notifier.droppedCount == 100)
        notifier.ready(status: "up")
        notifier.status("after")
        notifier.watchdog()
        #expect(notifier.droppedCount == 102 && notifier.lostCount == 0, "READY=1 waits for room; nothing overtakes it")

        // The manager reads again: its backlog first, then READY=1, then the latest dropped status
        // riding with the next keep-alive.
        var seen: [String] = []
        while !seen.contains(where: { $0.hasPrefix("READY=1") }) {
            let batch = socket.receiveAll(timeout: .seconds(10))
            try #require(!batch.isEmpty, "READY=1 never came; saw \(seen)")
            seen += batch
        }
        #expect(seen.prefix(filled).allSatisfy { $0 == "filler" })
        #expect(Array(seen.dropFirst(filled)) == ["READY=1\nSTATUS=up"])
        notifier.watchdog()
        #expect(socket.receiveAll() == ["WATCHDOG=1\nSTATUS=after"])
        notifier.status("latest")
        #expect(socket.receiveAll() == ["STATUS=latest"], "a status line supersedes the dropped one")
        #expect(notifier.lostCount == 0)
    }

    @Test("an abstract NOTIFY_SOCKET (@name) is reached")
    func abstractAddress() throws {
        let name = "@cadre-notify-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let socket = try NotifySocket(path: name)
        SystemdNotifier(notifySocket: name).ready(status: "up")
        #expect(socket.receiveAll() == ["READY=1\nSTATUS=up"])
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
