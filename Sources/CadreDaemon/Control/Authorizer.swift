#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import NIOPosix
import Synchronization

/// Decides what a peer may call: root, the daemon's own user and members of the operators group may
/// mutate; members of the readers group may read; anyone may ping. Group membership is looked up
/// from the user database (primary and supplementary groups), since `SO_PEERCRED` only carries the
/// peer's primary gid.
///
/// Look-ups can block (NSS may ask a directory server), so they run on NIO's blocking-I/O thread
/// pool, never on an event loop, and their answers are kept for `cacheSeconds` per (uid, gid); a
/// configuration reload empties the cache.
public final class Authorizer: Sendable {
    private struct Entry {
        var access: Workforce.Access
        var expires: ContinuousClock.Instant
    }

    private struct State {
        var operators: String
        var readers: String
        var cache: [UInt64: Entry] = [:]
    }

    private let state: Mutex<State>
    private let daemonUID: UInt32
    private let cacheDuration: Duration

    public init(operatorsGroup: String, readersGroup: String, daemonUID: UInt32 = geteuid(), cacheSeconds: Int = 30) {
        state = Mutex(State(operators: operatorsGroup, readers: readersGroup))
        self.daemonUID = daemonUID
        cacheDuration = .seconds(cacheSeconds)
    }

    /// Takes new group names on a configuration reload; connections re-check on every call.
    public func update(operatorsGroup: String, readersGroup: String) {
        state.withLock { state in
            state = State(operators: operatorsGroup, readers: readersGroup)
        }
    }

    public var operatorsGroup: String { state.withLock { $0.operators } }
    public var readersGroup: String { state.withLock { $0.readers } }

    /// The peer's access if it is known without a look-up (root, the daemon's user, or a fresh
    /// cache entry); nil when one is needed.
    public func knownAccess(of peer: PeerCredentials) -> Workforce.Access? {
        if peer.uid == 0 || peer.uid == daemonUID { return .operator }
        let now = ContinuousClock.now
        return state.withLock { state in
            guard let entry = state.cache[Self.key(peer)], entry.expires > now else { return nil }
            return entry.access
        }
    }

    /// The highest access the peer has, looking it up on the blocking-I/O pool when not known.
    public func access(of peer: PeerCredentials) async -> Workforce.Access {
        if let known = knownAccess(of: peer) { return known }
        let (operators, readers) = state.withLock { ($0.operators, $0.readers) }
        let access: Workforce.Access
        do {
            access = try await NIOThreadPool.singleton.runIfActive {
                Self.lookUp(peer, operators: operators, readers: readers)
            }
        } catch {
            access = .anyone  // the pool is shutting down: grant nothing
        }
        let expires = ContinuousClock.now + cacheDuration
        state.withLock { state in
            // A reload meanwhile changed the groups: this answer is for the old ones; don't keep it.
            guard state.operators == operators, state.readers == readers else { return }
            if state.cache.count >= 4096 { state.cache.removeAll() }
            state.cache[Self.key(peer)] = Entry(access: access, expires: expires)
        }
        return access
    }

    public func requiredGroup(for access: Workforce.Access) -> String {
        switch access {
        case .anyone: "none"
        case .reader: "\(readersGroup) or \(operatorsGroup)"
        case .operator: operatorsGroup
        }
    }

    static func lookUp(_ peer: PeerCredentials, operators: String, readers: String) -> Workforce.Access {
        let memberships = UserDatabase.groupIDs(ofUID: peer.uid, primaryGID: peer.gid)
        if let gid = UserDatabase.groupID(named: operators), memberships.contains(gid) { return .operator }
        if let gid = UserDatabase.groupID(named: readers), memberships.contains(gid) { return .reader }
        return .anyone
    }

    private static func key(_ peer: PeerCredentials) -> UInt64 { UInt64(peer.uid) << 32 | UInt64(peer.gid) }
}
