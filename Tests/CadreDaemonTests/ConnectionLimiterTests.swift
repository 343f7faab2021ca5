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

    @Test("all users together get the global limit; root is not counted; a closed connection makes room")
    func globalLimit() {
        let limiter = ConnectionLimiter(limit: 2, globalLimit: 3, exempt: [0])
        #expect(limiter.admit(uid: 1000) == nil && limiter.admit(uid: 1000) == nil && limiter.admit(uid: 1001) == nil)
        #expect(limiter.admit(uid: 1002) == .everyone(limit: 3))
        #expect(limiter.admit(uid: 1000) == .user(limit: 2), "the user's own limit is named first")
        #expect(limiter.admit(uid: 0) == nil && limiter.total == 3)
        limiter.close(uid: 1001)
        limiter.close(uid: 1001)  // closing more than was open counts nothing
        #expect(limiter.total == 2 && limiter.admit(uid: 1002) == nil)
    }

    @Test("the descriptor budget keeps 256 for the daemon and 64 connections for root within the rest")
    func descriptorBudget() {
        let small = DescriptorBudget(descriptorLimit: 1024, configuredMaximum: 1024)
        #expect(small.ceiling == 768 && small.maximumConnections == 704)
        let large = DescriptorBudget(descriptorLimit: 65536, configuredMaximum: 1024)
        #expect(large.ceiling == 65280 && large.maximumConnections == 1024)
        #expect(DescriptorBudget(descriptorLimit: 300, configuredMaximum: 1024).maximumConnections == 1, "never zero")
    }
}
