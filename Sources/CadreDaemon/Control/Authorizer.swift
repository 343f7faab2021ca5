#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Synchronization

/// Decides what a peer may call: root, the daemon's own user and members of the operators group may
/// mutate; members of the readers group may read; anyone may ping. Group membership is looked up
/// from the user database (primary and supplementary groups), since `SO_PEERCRED` only carries the
/// peer's primary gid.
public final class Authorizer: Sendable {
    private let groups: Mutex<(operators: String, readers: String)>
    private let daemonUID: UInt32

    public init(operatorsGroup: String, readersGroup: String, daemonUID: UInt32 = geteuid()) {
        groups = Mutex((operatorsGroup, readersGroup))
        self.daemonUID = daemonUID
    }

    /// Takes new group names on a configuration reload; connections re-check on every call.
    public func update(operatorsGroup: String, readersGroup: String) {
        groups.withLock { $0 = (operatorsGroup, readersGroup) }
    }

    public var operatorsGroup: String { groups.withLock { $0.operators } }
    public var readersGroup: String { groups.withLock { $0.readers } }

    /// The highest access the peer has.
    public func access(of peer: PeerCredentials) -> Workforce.Access {
        if peer.uid == 0 || peer.uid == daemonUID { return .operator }
        let (operators, readers) = groups.withLock { $0 }
        let memberships = Self.groupIDs(ofUID: peer.uid, primaryGID: peer.gid)
        if let gid = Self.groupID(named: operators), memberships.contains(gid) { return .operator }
        if let gid = Self.groupID(named: readers), memberships.contains(gid) { return .reader }
        return .anyone
    }

    public func requiredGroup(for access: Workforce.Access) -> String {
        switch access {
        case .anyone: "none"
        case .reader: "\(readersGroup) or \(operatorsGroup)"
        case .operator: operatorsGroup
        }
    }

    static func groupID(named name: String) -> gid_t? {
        var group = Glibc.group()
        return withLookupBuffer { buffer in
            var result: UnsafeMutablePointer<Glibc.group>?
            guard let base = buffer.baseAddress else { return (EINVAL, nil) }
            let status = getgrnam_r(name, &group, base, buffer.count, &result)
            return (status, result == nil ? nil : group.gr_gid)
        }
    }

    static func groupIDs(ofUID uid: UInt32, primaryGID: UInt32) -> Set<gid_t> {
        var passwd = Glibc.passwd()
        // The name is copied out while the buffer that holds it is alive.
        let name: String? = withLookupBuffer { buffer in
            var result: UnsafeMutablePointer<Glibc.passwd>?
            guard let base = buffer.baseAddress else { return (EINVAL, nil) }
            let status = getpwuid_r(uid, &passwd, base, buffer.count, &result)
            guard result != nil, let name = passwd.pw_name else { return (status, nil) }
            return (status, String(cString: name))
        }
        guard let name else { return [primaryGID] }
        var count: Int32 = 64
        var ids = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, passwd.pw_gid, &ids, &count) == -1 {
            ids = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(name, passwd.pw_gid, &ids, &count)
        }
        return Set(ids.prefix(Int(max(count, 0)))).union([primaryGID])
    }

    /// Runs a `get*_r` lookup with a buffer that grows while the entry does not fit (ERANGE): a
    /// group with a few thousand members needs more than any fixed size.
    private static func withLookupBuffer<T>(
        _ lookup: (UnsafeMutableBufferPointer<CChar>) -> (status: Int32, value: T?)
    ) -> T? {
        var size = 16 * 1024
        while size <= 16 * 1024 * 1024 {
            var buffer = [CChar](repeating: 0, count: size)
            let (status, value) = buffer.withUnsafeMutableBufferPointer { lookup($0) }
            if status == ERANGE {
                size *= 4
                continue
            }
            return status == 0 ? value : nil
        }
        return nil
    }
}
