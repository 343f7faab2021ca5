import Foundation
import Testing

@testable import CadreSystemd

@Suite("Choosing the journal or stderr from JOURNAL_STREAM")
struct LogTargetTests {
    /// A descriptor with a known device and inode, standing in for stderr.
    func openFile(in directory: borrowing TemporaryDirectory) throws -> (fd: Int32, device: UInt64, inode: UInt64) {
        let path = directory.path + "/stream"
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        try #require(fd >= 0)
        var status = stat()
        try #require(fstat(fd, &status) == 0)
        return (fd, UInt64(status.st_dev), UInt64(status.st_ino))
    }

    @Test("journal when JOURNAL_STREAM names the descriptor's device and inode")
    func matching() throws {
        let directory = try TemporaryDirectory()
        let file = try openFile(in: directory)
        defer { close(file.fd) }
        #expect(LogTarget.detect(journalStream: "\(file.device):\(file.inode)", fileDescriptor: file.fd) == .journal)
    }

    @Test("stderr when the stream was inherited but stderr now goes elsewhere")
    func otherInode() throws {
        let directory = try TemporaryDirectory()
        let file = try openFile(in: directory)
        defer { close(file.fd) }
        #expect(LogTarget.detect(journalStream: "\(file.device):\(file.inode + 1)", fileDescriptor: file.fd) == .stderr)
        #expect(LogTarget.detect(journalStream: "\(file.device + 1):\(file.inode)", fileDescriptor: file.fd) == .stderr)
    }

    @Test(
        "stderr when JOURNAL_STREAM is missing or malformed",
        arguments: [nil, "", "12", "12:", ":34", "12:34:56", "a:b", "-1:5"] as [String?]
    )
    func malformed(value: String?) throws {
        let directory = try TemporaryDirectory()
        let file = try openFile(in: directory)
        defer { close(file.fd) }
        #expect(LogTarget.detect(journalStream: value, fileDescriptor: file.fd) == .stderr)
    }

    @Test("stderr when the descriptor is closed")
    func closedDescriptor() throws {
        let directory = try TemporaryDirectory()
        let file = try openFile(in: directory)
        close(file.fd)
        #expect(LogTarget.detect(journalStream: "\(file.device):\(file.inode)", fileDescriptor: file.fd) == .stderr)
    }
}
