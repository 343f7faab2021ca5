#if canImport(Glibc)
import Glibc
#endif
import CPosixSpawn
import Foundation

/// A worker process, started with `posix_spawn` and reaped by a thread of its own blocked in
/// `waitpid`. Foundation's `Process` watches its children through a loopback socket, which the
/// unit's `RestrictAddressFamilies=AF_UNIX` refuses: under the sandbox a dead worker went unnoticed.
/// This needs no socket at all.
enum WorkerProcess {
    /// How a process ended.
    struct Exit: Sendable, CustomStringConvertible {
        var status: Int32
        var signaled: Bool
        var description: String { signaled ? "killed by signal \(status)" : "exited with status \(status)" }
    }

    struct SpawnError: Error, CustomStringConvertible {
        var executable: String
        var code: Int32
        var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// Starts `executable` with `arguments` and exactly `environment`. The child gets default signal
    /// dispositions and an empty mask (the supervisor ignores SIGTERM/SIGHUP itself), and no
    /// descriptor beyond standard input, output and error.
    static func spawn(executable: String, arguments: [String], environment: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        cadre_spawn_close_from(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw SpawnError(executable: executable, code: result) }
        return pid
    }

    /// Waits for `pid` to end on a thread that does nothing else, so no thread of Swift's pool or
    /// of an event loop ever blocks on it.
    static func exit(of pid: pid_t) async -> Exit {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 {
                    guard errno == EINTR else {
                        continuation.resume(returning: Exit(status: -1, signaled: false))
                        return
                    }
                }
                let signal = status & 0x7f
                continuation.resume(
                    returning: signal == 0
                        ? Exit(status: (status >> 8) & 0xff, signaled: false) : Exit(status: signal, signaled: true))
            }
        }
    }
}
