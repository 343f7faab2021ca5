#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// Start-up, readiness, crashes and shutdown of a real `cadred`, with a real notify socket.
@Suite("Daemon lifecycle", .serialized)
struct LifecycleTests {
    @Test("READY=1 only once every worker has registered, with a readable STATUS=; SIGTERM sends STOPPING=1 and exits 0")
    func notifyAndStop() throws {
        let notifyPath = "/tmp/cadre-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let notify = try NotifyListener(path: notifyPath)
        let daemon = try DaemonUnderTest(environment: ["NOTIFY_SOCKET": notifyPath], waitForSocket: false)
        let untilReady = try notify.waitFor("READY=1", timeout: .seconds(60))
        #expect(untilReady.dropLast().allSatisfy { !$0.contains("READY=1") })
        let ready = try #require(untilReady.last)
        #expect(ready.contains("STATUS=workers 6/6 up"))
        // Ready means serving: the control socket answers straight away, all workers registered.
        let status = try daemon.status()
        #expect(status.ready)
        #expect(status.workers.map(\.phase) == ["taxonomy", "assessment", "training", "credentialing", "retention", "sourcing"])
        #expect(status.workers.allSatisfy { $0.state == "ready" && $0.pid > 0 && $0.restarts == 0 })

        kill(daemon.process.processIdentifier, SIGTERM)
        let untilStopping = try notify.waitFor("STOPPING=1", timeout: .seconds(15))
        #expect(untilStopping.last?.contains("STATUS=stopping") == true)
        #expect(try daemon.waitForExit(timeout: .seconds(15)) == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
        for worker in status.workers {
            #expect(kill(Int32(worker.pid), 0) == -1, "worker \(worker.phase) exits with its supervisor")
        }
    }

    @Test("a service manager that stops reading its notify socket freezes nothing: GetStatus answers, READY=1 comes once it reads, SIGTERM exits 0")
    func fullNotifySocket() throws {
        let notifyPath = "/tmp/cadre-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let notify = try NotifyListener(path: notifyPath)
        let filled = try notify.fill()
        let daemon = try DaemonUnderTest(environment: ["NOTIFY_SOCKET": notifyPath, "WATCHDOG_USEC": "400000"])
        // sd_notify would hold the supervisor in sendmsg from READY=1 on; the status call would wait for it.
        let connection = try RawVarlinkConnection(path: daemon.socketPath, timeoutSeconds: 20)
        for _ in 0..<3 {
            let status = try connection.call(.getStatus, Workforce.Empty(), as: Workforce.Status.self)
            #expect(status.workers.count == 6)
            usleep(300_000)  // keep-alives fall due meanwhile: each is dropped, not waited for
        }
        let status = try connection.call(.getStatus, Workforce.Empty(), as: Workforce.Status.self)
        #expect(status.alerts.contains { $0.contains("not reading its notify socket") }, "\(status.alerts)")

        // The manager reads again: its backlog, then READY=1, which was never dropped.
        let seen = try notify.waitFor("READY=1", timeout: .seconds(30))
        #expect(seen.prefix(filled).allSatisfy { $0 == "filler" } && seen.count == filled + 1)
        #expect(try daemon.stop(timeout: .seconds(20)) == 0)
    }

    @Test("WATCHDOG=1 only while every worker answers heartbeats: a frozen worker silences it, its replacement restores it")
    func watchdog() throws {
        let notifyPath = "/tmp/cadre-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let notify = try NotifyListener(path: notifyPath)
        // Heartbeats every 100 ms; a worker silent for 4 s is killed; the watchdog wants a ping every 200 ms.
        let daemon = try DaemonUnderTest(
            configuration: "heartbeatIntervalMilliseconds: 100\nheartbeatMissLimit: 40\n",
            environment: ["NOTIFY_SOCKET": notifyPath, "WATCHDOG_USEC": "400000"], waitForSocket: false)
        _ = try notify.waitFor("READY=1", timeout: .seconds(60))
        _ = try notify.waitFor("WATCHDOG=1", timeout: .seconds(5))
        let frozen = try #require(try daemon.status().workers.first { $0.phase == "assessment" })

        kill(Int32(frozen.pid), SIGSTOP)
        usleep(800_000)
        while notify.next(timeout: .milliseconds(1)) != nil {}  // what was sent before it counted as silent
        var pings = 0
        let quiet = ContinuousClock.now + .milliseconds(1500)
        while ContinuousClock.now < quiet {
            if let message = notify.next(timeout: quiet - ContinuousClock.now), message.contains("WATCHDOG=1") { pings += 1 }
        }
        #expect(pings == 0, "no WATCHDOG=1 while a worker does not answer")

        _ = try notify.waitFor("WATCHDOG=1", timeout: .seconds(15))
        let replaced = try #require(try daemon.status().workers.first { $0.phase == "assessment" })
        #expect(replaced.pid != frozen.pid && replaced.restarts == 1)
        #expect(daemon.log.contains("missed heartbeats"))
        #expect(try daemon.stop() == 0)
    }

    @Test("kill -9 of a worker mid-run: it is restarted, the restart counted, the phase re-run and the run completes")
    func workerCrashMidRun() throws {
        let daemon = try DaemonUnderTest(environment: ["CADRE_PHASE_DELAY_MS": "1500"])
        try daemon.loadTaxonomy()
        let events = try daemon.connect()
        try events.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        #expect(try events.receive()?.parameters?["event"]?["kind"]?.stringValue == "subscribed")
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(), as: Workforce.RunReply.self).run

        var killed: Int32?
        var kinds: [String] = []
        while let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            guard event.runId == nil || event.runId == run.id else { continue }
            kinds.append(event.kind)
            if event.kind == "phase-started", event.phase == "taxonomy", killed == nil, let pid = event.pid {
                usleep(200_000)
                kill(Int32(pid), SIGKILL)
                killed = Int32(pid)
            }
            if event.kind == "run-finished" || event.kind == "run-failed" { break }
        }
        #expect(killed != nil)
        #expect(kinds.contains("worker-exited") && kinds.contains("worker-restarted"))
        #expect(kinds.last == "run-finished")
        let finished = try waitForRun(run.id, on: daemon)
        #expect(finished.state == "succeeded")
        #expect(finished.phases.first { $0.phase == "taxonomy" }?.attempts == 2)
        let status = try daemon.status()
        let worker = try #require(status.workers.first { $0.phase == "taxonomy" })
        #expect(worker.restarts == 1)
        #expect(worker.pid != Int(killed ?? 0))
        #expect(daemon.log.contains("killed by signal 9"))
    }

    @Test("a phase that kills its worker maximumPhaseAttempts times fails its run; the daemon carries on")
    func poisonPhase() throws {
        let daemon = try DaemonUnderTest(environment: ["CADRE_PHASE_DELAY_MS": "800"])
        try daemon.loadTaxonomy()
        let events = try daemon.connect()
        try events.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        _ = try events.receive()
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(), as: Workforce.RunReply.self).run
        var kills = 0
        while let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            if event.runId == run.id, event.kind == "phase-started", event.phase == "taxonomy", let pid = event.pid {
                usleep(150_000)
                kill(Int32(pid), SIGKILL)
                kills += 1
            }
            if event.runId == run.id, event.kind == "run-finished" || event.kind == "run-failed" { break }
        }
        #expect(kills == 3)
        let failed = try waitForRun(run.id, on: daemon)
        #expect(failed.state == "failed")
        #expect(failed.error?.contains("the taxonomy worker died 3 times") == true)
        #expect(failed.phases.first { $0.phase == "taxonomy" }?.attempts == 3)
        let next = try daemon.connect().call(.startRun, Workforce.StartRunParameters(), as: Workforce.RunReply.self).run
        #expect(try waitForRun(next.id, on: daemon).state == "succeeded")
        #expect(try daemon.status().workers.first { $0.phase == "taxonomy" }?.restarts == 3)
    }

    @Test("on one CPU, a phase that holds the CPU still has its worker's heartbeats answered")
    func heartbeatsWhileComputingOnOneCPU() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset"), "taskset (util-linux) missing")
        // Heartbeats every 100 ms, a worker silent for 500 ms is killed; each phase holds the CPU for 1.5 s.
        let daemon = try DaemonUnderTest(
            configuration: "heartbeatIntervalMilliseconds: 100\nheartbeatMissLimit: 5\n",
            environment: ["CADRE_PHASE_BUSY_MS": "1500"], launcher: ["/usr/bin/taskset", "-c", "0"])
        try daemon.loadTaxonomy()
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(), as: Workforce.RunReply.self).run
        let finished = try waitForRun(run.id, on: daemon)
        #expect(finished.state == "succeeded")
        #expect(finished.phases.allSatisfy { $0.attempts == 1 }, "no worker was killed as hung")
        #expect(try daemon.status().workers.allSatisfy { $0.restarts == 0 })
        #expect(!daemon.log.contains("missed heartbeats"))
    }

    @Test("more restarts than the intensity allows: the supervisor gives up with exit 1")
    func restartIntensity() throws {
        let daemon = try DaemonUnderTest(configuration: "restartIntensity: 2\nrestartPeriodSeconds: 60\n")
        for round in 0..<3 {
            let worker = try #require(try daemon.status().workers.first)
            kill(Int32(worker.pid), SIGKILL)
            if round < 2 {
                // Wait for the replacement to register before killing it in turn.
                let deadline = ContinuousClock.now + .seconds(30)
                while ContinuousClock.now < deadline {
                    if let next = try? daemon.status().workers.first, next.pid != worker.pid, next.state == "ready" { break }
                    usleep(50_000)
                }
            }
        }
        #expect(try daemon.waitForExit(timeout: .seconds(30)) == 1)
        #expect(daemon.log.contains("restart intensity exceeded"))
    }

    @Test("giving up while a phase's worker is dead does not wait out the shutdown grace for it")
    func noGraceForADeadWorker() throws {
        let daemon = try DaemonUnderTest(
            configuration: "restartIntensity: 0\nshutdownGraceSeconds: 60\n", environment: ["CADRE_PHASE_DELAY_MS": "5000"])
        try daemon.loadTaxonomy()
        let events = try daemon.connect()
        try events.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        _ = try events.receive()
        _ = try daemon.connect().call(.startRun, Workforce.StartRunParameters(), as: Workforce.RunReply.self)
        while let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            if event.kind == "phase-started", let pid = event.pid {
                kill(Int32(pid), SIGKILL)
                break
            }
        }
        // Before the fix this waited the full 60 s grace for a phase no worker was computing.
        #expect(try daemon.waitForExit(timeout: .seconds(30)) == 1)
        #expect(daemon.log.contains("left unfinished; it resumes at the next start"))
    }

    @Test("a wrong configuration file stops cadred at start with exit 78 and every problem located")
    func badConfiguration() throws {
        let daemon = try DaemonUnderTest(
            configuration: "heartbeatIntervalMilliseconds: 10\nreadersGroup: readers\nrestartIntensty: 3\nassessment:\n  meetsTolerance: -1\n",
            waitForSocket: false)
        #expect(try daemon.waitForExit() == 78)
        let log = daemon.log
        #expect(log.contains("cadred.yaml:1:32: [config.out-of-range] heartbeatIntervalMilliseconds: 10 is outside 50…60000"))
        #expect(log.contains("cadred.yaml:3:1: [config.unknown-key] restartIntensty: unknown setting"))
        #expect(log.contains("assessment.meetsTolerance"))
    }

    @Test("SIGHUP reloads the configuration without dropping clients; a broken file keeps the old settings")
    func reload() throws {
        let daemon = try DaemonUnderTest(configuration: "readersGroup: cadre-read\n")
        let client = try daemon.connect()
        #expect(try client.call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
        try "restartIntensity: nope\n".write(toFile: daemon.configuration + "/cadred.yaml", atomically: false, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(eventually { daemon.log.contains("configuration reload failed") })
        try "restartIntensity: 7\n".write(toFile: daemon.configuration + "/cadred.yaml", atomically: false, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(eventually { daemon.log.contains("configuration reloaded") })
        #expect(try client.call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")
        #expect(daemon.process.isRunning)
    }
}

/// The supervisor itself dies (as systemd's `Restart=on-failure` would then see it): the next
/// start resumes the unfinished run from the last persisted phase.
@Suite("Supervisor crash", .serialized)
struct SupervisorCrashTests {
    @Test("kill -9 of cadred mid-run: its workers exit, and the next start finishes the run without redoing persisted phases")
    func resumeAfterSupervisorCrash() throws {
        let first = try DaemonUnderTest(environment: ["CADRE_PHASE_DELAY_MS": "1500"])
        try first.loadTaxonomy()
        let events = try first.connect()
        try events.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        _ = try events.receive()
        let run = try first.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        let workers = try first.status().workers
        while let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            if event.kind == "phase-started", event.phase == "assessment" { break }
        }
        kill(first.process.processIdentifier, SIGKILL)
        _ = try first.waitForExit()
        let deadline = ContinuousClock.now + .seconds(10)
        while workers.contains(where: { kill(Int32($0.pid), 0) == 0 }), ContinuousClock.now < deadline { usleep(20_000) }
        #expect(workers.allSatisfy { kill(Int32($0.pid), 0) == -1 }, "workers leave with their supervisor")

        // A second daemon on the same folders, as systemd would restart it.
        let second = try DaemonUnderTest(reusing: first)
        let resumed = try waitForRun(run.id, on: second)
        #expect(resumed.state == "succeeded")
        #expect(resumed.phases.first { $0.phase == "taxonomy" }?.attempts == 1, "the persisted phase is not redone")
        #expect(resumed.phases.first { $0.phase == "assessment" }?.attempts == 2)
        #expect(second.log.contains("resuming run #\(run.id)"))
    }

    @Test("attempts count across supervisor restarts: a run is not retried past maximumPhaseAttempts")
    func attemptsSurviveRestarts() throws {
        let first = try DaemonUnderTest(configuration: "maximumPhaseAttempts: 1\n", environment: ["CADRE_PHASE_DELAY_MS": "1500"])
        try first.loadTaxonomy()
        let events = try first.connect()
        try events.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        _ = try events.receive()
        let run = try first.connect().call(.startRun, Workforce.StartRunParameters(), as: Workforce.RunReply.self).run
        while let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            if event.kind == "phase-started", event.phase == "assessment" { break }
        }
        kill(first.process.processIdentifier, SIGKILL)
        _ = try first.waitForExit()

        let second = try DaemonUnderTest(reusing: first)
        let ended = try waitForRun(run.id, on: second)
        #expect(ended.state == "failed")
        #expect(ended.error == "phase assessment was already attempted 1 times without finishing")
        #expect(ended.phases.first { $0.phase == "taxonomy" }?.state == "succeeded")
    }
}
