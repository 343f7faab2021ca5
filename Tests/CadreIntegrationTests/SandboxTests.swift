#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// cadred under `Units/cadred.service`'s sandbox — the system-call filter, AF_UNIX only, no
/// writable+executable memory, no_new_privs, the read-only file system with the unit's
/// directories writable, private /tmp and /dev, /proc with `subset=pid,hidepid=invisible` — built
/// by `scripts/unit-sandbox` as systemd builds it, without systemd as PID 1 (docs/SYSTEMD.md).
@Suite("cadred under the unit's sandbox", .serialized, .enabled(if: Checkout.isRoot, "needs root: a mount namespace and a switch to nobody"))
struct SandboxTests {
    /// What the probe must see, each chosen so that the kernel alone would answer differently.
    static func expectedProbe(_ sandbox: UnitSandbox, readOnly: String) -> [String: String] {
        [
            "user": "65534:65534", "umask": "0077", "nofile": "\(expectedDescriptorLimit)", "NoNewPrivs": "1",
            "Seccomp": "2", "CapEff": "0000000000000000", "CapBnd": "0000000000000000",
            "write \(sandbox.state)": "ok", "write \(sandbox.runtime)": "ok", "write \(sandbox.logs)": "ok",
            "write \(sandbox.configuration)": "EROFS", "write \(readOnly)": "EROFS",
            // RestrictAddressFamilies=AF_UNIX; socketpair() is not filtered, as under systemd.
            "socket AF_UNIX": "ok", "socket AF_INET": "EAFNOSUPPORT", "socket AF_INET6": "EAFNOSUPPORT",
            "socket AF_NETLINK": "EAFNOSUPPORT", "socketpair AF_UNIX": "ok",
            // MemoryDenyWriteExecute=yes.
            "mmap write+execute": "EPERM", "mmap write": "ok", "mprotect to execute": "EPERM",
            // SystemCallFilter=~@privileged @resources with SystemCallErrorNumber=EPERM; @default stays.
            "setuid to self": "EPERM", "setrlimit (the system call) unchanged": "EPERM", "prlimit64 unchanged": "ok",
            "setpriority unchanged": "EPERM", "sched_setaffinity unchanged": "EPERM", "fchown to self": "EPERM",
            "ptrace TRACEME": "EPERM",
            // LockPersonality=, RestrictNamespaces= (clone3 answers ENOSYS so glibc uses clone), RestrictSUIDSGID=.
            "personality PER_LINUX32": "EPERM", "unshare CLONE_NEWUSER": "EPERM", "clone3": "ENOSYS",
            "create in a writable folder": "ok", "chmod set-user-ID": "EPERM", "chmod plain": "ok",
            "sched_setscheduler SCHED_FIFO": "EPERM", "clock_settime": "EPERM", "sethostname": "EPERM",
            // PrivateTmp=, ProtectHome=, ProcSubset=pid, ProtectProc=invisible, PrivateDevices=.
            "entries in /tmp": "0", "entries in /var/tmp": "0", "list /home": "EACCES",
            "stat /proc/1": "ENOENT", "stat /proc/cpuinfo": "ENOENT", "readlink own /proc/PID/exe": "ok",
            "stat /dev/null": "ok", "stat /dev/kmsg": "ENOENT", "stat /sys/kernel": "ok",
        ]
    }

    /// LimitNOFILE=65536, or this process's hard limit where raising it needs CAP_SYS_RESOURCE it lacks.
    static var expectedDescriptorLimit: UInt64 {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        let effective = (try? ProcessSandboxView(pid: getpid()))?.status["CapEff"] ?? ""
        let capabilities = UInt64(effective, radix: 16) ?? 0
        let canRaise = capabilities & (1 << 24) != 0  // CAP_SYS_RESOURCE
        return canRaise ? 65536 : min(65536, UInt64(limit.rlim_max))
    }

    @Test("every directive is in force: the probe's refusals are the sandbox's, not the kernel's")
    func probe() throws {
        let sandbox = try UnitSandbox(installing: ["cadre-sandbox-probe"])
        defer { sandbox.remove() }
        // A folder the user could write to, were the file system not read-only.
        let readOnly = sandbox.root + "/open-to-all"
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
        chmod(readOnly, 0o777)
        try FileManager.default.createDirectory(atPath: sandbox.configuration, withIntermediateDirectories: true)

        let probe = try sandbox.run([
            sandbox.binary("cadre-sandbox-probe"), "--writable", sandbox.state, "--writable", sandbox.runtime,
            "--writable", sandbox.logs, "--read-only", sandbox.configuration, "--read-only", readOnly,
        ])
        #expect(probe.status == 0, "\(probe.errors)")
        var seen: [String: String] = [:]
        for line in probe.output.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if parts.count == 2 { seen[parts[0]] = parts[1] }
        }
        for (check, expected) in Self.expectedProbe(sandbox, readOnly: readOnly).sorted(by: { $0.key < $1.key }) {
            #expect(seen[check] == expected, "\(check): \(seen[check] ?? "not run")")
        }
    }

    @Test("the launcher refuses a unit directive it neither applies nor lists as unverifiable")
    func unknownDirective() throws {
        let sandbox = try UnitSandbox(installing: [])
        defer { sandbox.remove() }
        let unit = sandbox.root + "/extra.service"
        let text = try String(contentsOfFile: UnitSandbox.unit, encoding: .utf8)
            .replacingOccurrences(of: "[Service]\n", with: "[Service]\nProtectFoo=yes\n")
        try text.write(toFile: unit, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: UnitSandbox.script)
        process.arguments = ["--print", "--user", UnitSandbox.user, unit, "--", "/bin/true"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("ProtectFoo= is neither emulated nor listed as unverifiable"), "\(message)")
    }

    @Test("READY=1, a run, kill -9 of a worker → restarted with the same results, SIGHUP reload, SIGTERM → exit 0")
    func daemonLifecycle() throws {
        let sandbox = try UnitSandbox()
        defer { sandbox.remove() }
        let notify = try NotifyListener(path: sandbox.notifySocket)
        chmod(sandbox.notifySocket, 0o777)  // as systemd's /run/systemd/notify: the service's user sends to it
        let daemon = try DaemonUnderTest(
            configuration: "readersGroup: cadre-read\n",
            environment: ["NOTIFY_SOCKET": sandbox.notifySocket, "CADRE_PHASE_DELAY_MS": "800"],
            launcher: sandbox.launcher, waitForSocket: false, root: sandbox.root, executable: sandbox.binary("cadred"),
            directoryFlags: false)
        let ready = try notify.waitFor("READY=1", timeout: .seconds(120))
        #expect(ready.last?.contains("STATUS=workers 6/6 up") == true)

        // The launcher execs cadred in place, and cadred finds its folders in systemd's variables.
        let status = try daemon.status()
        #expect(status.pid == Int(daemon.process.processIdentifier))
        #expect(FileManager.default.fileExists(atPath: sandbox.runtime + "/io.cadre.Workforce"))
        try expectSandboxed(Int32(status.pid), sandbox, what: "cadred")
        for worker in status.workers { try expectSandboxed(Int32(worker.pid), sandbox, what: "worker \(worker.phase)") }

        // A run, then the same run again with its assessment worker killed mid-phase.
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", AssessmentFlowTests.people)
        try daemon.importFile(kind: "evidence", name: "evidence.csv", AssessmentFlowTests.evidence)
        let first = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(first.id, on: daemon).state == "succeeded")
        let events = try daemon.connect()
        try events.send(VarlinkCall(method: Workforce.Method.subscribe.qualifiedName, more: true))
        #expect(try events.receive().flatMap { try? $0.decodeParameters(as: Workforce.EventReply.self) }?.event.kind == "subscribed")
        let second = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        var killed: Int32?
        var kinds: [String] = []
        while let reply = try events.receive() {
            let event = try reply.decodeParameters(as: Workforce.EventReply.self).event
            kinds.append(event.kind)
            if event.runId == second.id, event.kind == "phase-started", event.phase == "assessment", killed == nil, let pid = event.pid {
                kill(Int32(pid), SIGKILL)
                killed = Int32(pid)
            }
            if event.runId == second.id, event.kind == "run-finished" || event.kind == "run-failed" { break }
        }
        #expect(killed != nil)
        #expect(kinds.contains("worker-exited") && kinds.contains("worker-restarted"))
        let rerun = try waitForRun(second.id, on: daemon)
        #expect(rerun.state == "succeeded")
        #expect(rerun.phases.first { $0.phase == "assessment" }?.attempts == 2)
        let replacement = try #require(try daemon.status().workers.first { $0.phase == "assessment" })
        #expect(replacement.restarts == 1 && replacement.pid != Int(killed ?? 0) && replacement.state == "ready")
        try expectSandboxed(Int32(replacement.pid), sandbox, what: "the restarted worker")
        let before = try daemon.gaps(Workforce.GetGapsParameters(run: first.id))
        let after = try daemon.gaps(Workforce.GetGapsParameters(run: second.id))
        #expect(abs((before.summary.meanReadiness ?? -1) - 11.0 / 14.0) < 1e-12, "the hand-computed figure")
        #expect(before.summary == after.summary && before.people == after.people)

        // SIGHUP: a broken file keeps the settings in force, a good one replaces them; each reload
        // is RELOADING=1 … READY=1 on the notify socket. (A service manager reads that socket all
        // the time; this one has not read during the runs, so what queued up goes first.)
        notify.drain()
        try "restartIntensity: nope\n".write(toFile: sandbox.configuration + "/cadred.yaml", atomically: false, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(eventually { daemon.log.contains("configuration reload failed") })
        try "restartIntensity: 7\n".write(toFile: sandbox.configuration + "/cadred.yaml", atomically: false, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(eventually { daemon.log.contains("configuration reloaded") })
        _ = try notify.waitFor("RELOADING=1", timeout: .seconds(30))
        _ = try notify.waitFor("READY=1", timeout: .seconds(30))
        #expect(try daemon.connect().call(.ping, Workforce.PingParameters(), as: Workforce.PingResult.self).message == "pong")

        // SIGTERM: STOPPING=1, exit 0, no worker left behind.
        let workers = try daemon.status().workers
        notify.drain()
        kill(daemon.process.processIdentifier, SIGTERM)
        _ = try notify.waitFor("STOPPING=1", timeout: .seconds(30))
        #expect(try daemon.waitForExit(timeout: .seconds(60)) == 0)
        for worker in workers { #expect(kill(Int32(worker.pid), 0) == -1, "worker \(worker.phase) exits with its supervisor") }
    }

    /// Reads the process's sandbox from outside: filters, user, capabilities, mounts, namespaces.
    func expectSandboxed(_ pid: Int32, _ sandbox: UnitSandbox, what: String) throws {
        let view = try ProcessSandboxView(pid: pid)
        #expect(view.status["Seccomp"] == "2" && view.status["NoNewPrivs"] == "1", "\(what): no seccomp filter or no_new_privs")
        #expect(view.status["Uid"]?.hasPrefix("65534") == true && view.status["CapEff"] == "0000000000000000", "\(what): \(view.status["Uid"] ?? "")")
        #expect(view.mounts["/"]?.options.hasPrefix("ro") == true, "\(what): / is not read-only")
        #expect(view.mounts[sandbox.state]?.options.hasPrefix("rw") == true, "\(what): the state folder is not writable")
        #expect(view.mounts[sandbox.configuration]?.options.hasPrefix("ro") == true, "\(what): the configuration folder is writable")
        #expect(view.mounts["/proc"]?.superOptions.contains("subset=pid") == true, "\(what): /proc is the host's")
        #expect(view.mounts["/tmp"]?.type == "tmpfs" && view.mounts["/dev"]?.type == "tmpfs", "\(what): /tmp or /dev is the host's")
        for kind in ["mnt", "net", "ipc", "uts"] {
            #expect(ProcessSandboxView.namespace(kind, of: pid) != ProcessSandboxView.namespace(kind, of: getpid()), "\(what): shares the \(kind) namespace")
        }
    }
}
