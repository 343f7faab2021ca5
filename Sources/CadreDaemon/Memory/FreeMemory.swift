import CAllocator
import Foundation
import Synchronization

/// Hands memory the process has freed back to the kernel. glibc keeps what a burst freed: after
/// the first large block is freed it raises its threshold for handing blocks straight back to
/// the kernel, so later large buffers come from its arenas, and a thread's arena keeps the free
/// space at its end for good (`malloc_trim` releases only the main arena's end). A daemon that
/// once held many large messages, or a worker that once computed a large organisation, would idle
/// at that size.
///
/// So every thread allocates from the main arena (`useOneArena`, first thing in `main`; the
/// threads' own allocation caches keep that from becoming a point of contention), and
/// `release()` trims it — its end and the free pages inside — when the control socket's buffers
/// empty after a burst, a second after each run in the supervisor and a second after each phase's
/// result leaves a worker. The trim walks the whole heap, so it runs on a thread of its own: no
/// event loop or task thread waits for it; a request while one runs is folded into it.
public enum FreeMemory {
    /// One arena for every thread: before any thread but the main one has allocated.
    public static func useOneArena() {
        _ = cadre_use_one_arena()
    }

    private static let state = Mutex<(running: Bool, again: Bool)>((false, false))

    /// As `release()`, `delay` from now: time for what is being written out to be freed first.
    public static func release(after delay: Duration) {
        Task {
            try? await Task.sleep(for: delay)
            release()
        }
    }

    public static func release() {
        let start = state.withLock { state in
            if state.running {
                state.again = true
                return false
            }
            state.running = true
            return true
        }
        guard start else { return }
        Thread.detachNewThread {
            while true {
                _ = cadre_return_free_memory()
                let again = state.withLock { state in
                    if state.again {
                        state.again = false
                        return true
                    }
                    state.running = false
                    return false
                }
                guard again else { return }
            }
        }
    }
}
