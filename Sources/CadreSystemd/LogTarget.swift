#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where the daemon's log records go.
public enum LogTarget: String, Sendable, CaseIterable {
    /// Structured records through `sd_journal_sendv`, so `journalctl CADRE_RUN_ID=…` finds them.
    case journal
    /// One readable line per record on standard error: a terminal, `make run`, a container.
    case stderr

    /// `journal` when standard error is systemd's journal stream, else `stderr`.
    ///
    /// This is the rule systemd documents for `JOURNAL_STREAM` (systemd.exec(5)): the variable is
    /// inherited by children whose stderr was redirected elsewhere, so only a match of its
    /// `device:inode` with stderr's own proves that stderr still goes to the journal.
    public static func detect() -> LogTarget {
        detect(journalStream: getenv("JOURNAL_STREAM").map { String(cString: $0) }, fileDescriptor: 2)
    }

    /// ``detect()`` for a given `JOURNAL_STREAM` value and descriptor.
    public static func detect(journalStream: String?, fileDescriptor: Int32) -> LogTarget {
        guard let journalStream, let expected = StreamIdentity(journalStream: journalStream) else {
            return .stderr
        }
        var status = stat()
        guard fstat(fileDescriptor, &status) == 0 else { return .stderr }
        let actual = StreamIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        return actual == expected ? .journal : .stderr
    }
}

/// The `device:inode` pair systemd writes into `JOURNAL_STREAM`, both in decimal.
struct StreamIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    init?(journalStream: String) {
        let parts = journalStream.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else {
            return nil
        }
        self.init(device: device, inode: inode)
    }
}
