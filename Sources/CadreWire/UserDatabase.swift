#if canImport(Glibc)
import Glibc
#endif

/// Look-ups in the user and group database (`/etc/passwd`, `/etc/group`, or whatever NSS serves),
/// shared by the daemon's authorisation and the client's error messages. Each may block (NSS can
/// ask a directory server): call them from a thread that may wait, never from an event loop.
public enum UserDatabase {
    public static func groupID(named name: String) -> gid_t? {
        var group = Glibc.group()
        return withLookupBuffer { buffer in
            var result: UnsafeMutablePointer<Glibc.group>?
            guard let base = buffer.baseAddress else { return (EINVAL, nil) }
            let status = getgrnam_r(name, &group, base, buffer.count, &result)
            return (status, result == nil ? nil : group.gr_gid)
        }
    }

    public static func groupName(of gid: gid_t) -> String? {
        var group = Glibc.group()
        return withLookupBuffer { buffer in
            var result: UnsafeMutablePointer<Glibc.group>?
            guard let base = buffer.baseAddress else { return (EINVAL, nil) }
            let status = getgrgid_r(gid, &group, base, buffer.count, &result)
            guard result != nil, let name = group.gr_name else { return (status, nil) }
            return (status, String(cString: name))
        }
    }

    public static func userName(of uid: uid_t) -> String? {
        userEntry(uid).map(\.name)
    }

    /// Every group `uid` belongs to — primary and supplementary — plus `primaryGID` (what
    /// `SO_PEERCRED` reports, which may differ from the database's for a process that changed it).
    public static func groupIDs(ofUID uid: uid_t, primaryGID: gid_t) -> Set<gid_t> {
        guard let user = userEntry(uid) else { return [primaryGID] }
        var count: Int32 = 64
        var ids = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(user.name, user.gid, &ids, &count) == -1 {
            ids = [gid_t](repeating: 0, count: Int(count))
            _ = getgrouplist(user.name, user.gid, &ids, &count)
        }
        return Set(ids.prefix(Int(max(count, 0)))).union([primaryGID])
    }

    private static func userEntry(_ uid: uid_t) -> (name: String, gid: gid_t)? {
        var passwd = Glibc.passwd()
        // The name is copied out while the buffer that holds it is alive.
        return withLookupBuffer { buffer in
            var result: UnsafeMutablePointer<Glibc.passwd>?
            guard let base = buffer.baseAddress else { return (EINVAL, nil) }
            let status = getpwuid_r(uid, &passwd, base, buffer.count, &result)
            guard result != nil, let name = passwd.pw_name else { return (status, nil) }
            return (status, (String(cString: name), passwd.pw_gid))
        }
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
