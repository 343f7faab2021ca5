import Dispatch
import Synchronization

/// Two independent reads at once, each on its own thread (a phase's inputs come from separate
/// places in the store, and SQLite's readers do not wait on each other).
enum Concurrently {
    /// Both results, or the first one's error, then the second one's.
    static func run<A: Sendable, B: Sendable>(
        _ first: @Sendable () throws -> A, _ second: @Sendable () throws -> B
    ) throws -> (A, B) {
        let a = Mutex<Result<A, any Error>?>(nil), b = Mutex<Result<B, any Error>?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let result = Result { try first() }
                a.withLock { $0 = result }
            } else {
                let result = Result { try second() }
                b.withLock { $0 = result }
            }
        }
        guard let first = a.withLock({ $0 }), let second = b.withLock({ $0 }) else {
            preconditionFailure("concurrentPerform returned before both ran")
        }
        return (try first.get(), try second.get())
    }
}
