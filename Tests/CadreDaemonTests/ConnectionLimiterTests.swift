#if canImport(Glibc)
import Glibc
#endif
@testable import CadreDaemon
import Testing

@Suite("Per-user connection limit")
struct ConnectionLimiterTests {
    @Test("a user gets the limit and no more; root and the daemon's own user are exempt and not counted")
    func exemptions() {
        let limiter = ConnectionLimiter(limit: 2, exempt: [0, 990])
        #expect(limiter.open(uid: 1000) && limiter.open(uid: 1000))
        #expect(!limiter.open(uid: 1000))
        #expect(limiter.open(uid: 1001), "another user has a limit of their own")
        #expect((0..<100).allSatisfy { _ in limiter.open(uid: 0) && limiter.open(uid: 990) })
        #expect(limiter.count(uid: 0) == 0 && limiter.count(uid: 990) == 0)
        limiter.close(uid: 0)
        limiter.close(uid: 1000)
        #expect(limiter.count(uid: 1000) == 1)
        #expect(limiter.open(uid: 1000))
        #expect(ConnectionLimiter(limit: 1).exempt == [0, geteuid()])
    }
}
