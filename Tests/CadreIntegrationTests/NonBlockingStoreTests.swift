#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// Store writes never hold the supervisor: while a large evidence import commits, a run requested
/// meanwhile waits for the store's writer, and status calls are answered all the same.
@Suite("Store writes off the supervisor", .serialized)
struct NonBlockingStoreTests {
    /// 200 people with 1,500 evidence rows each: 300,000 rows, a commit of about a second.
    static func evidence(people: Int, rowsPerPerson: Int) -> String {
        var text = "person,skill,value,scale,source,observed_at\n"
        text.reserveCapacity(people * rowsPerPerson * 48)
        for p in 0..<people {
            for r in 0..<rowsPerPerson {
                let day = 1 + r % 28, month = 1 + (r / 28) % 12, year = 2020 + r / 336
                text += "p\(p),\(r % 2 == 0 ? "python" : "statistics"),\(r % 5),level,manager,\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)\n"
            }
        }
        return text
    }

    @Test("GetStatus answers while a 300,000-row commit holds the writer and a StartRun waits for it")
    func statusDuringCommit() throws {
        let daemon = try DaemonUnderTest()
        try daemon.loadTaxonomy()
        var people = "external_id,name,team,manager,role,level,hire_date\n"
        for p in 0..<200 { people += "p\(p),Person \(p),core,,ml-engineer,1,2020-01-01\n" }
        try daemon.importFile(kind: "people", name: "people.csv", people)

        let importer = try daemon.connect()
        let id = try importer.call(
            .beginImport, Workforce.BeginImportParameters(kind: "evidence", name: "big.csv"), as: Workforce.ImportID.self
        ).importId
        let text = Self.evidence(people: 200, rowsPerPerson: 1500)
        var rest = Substring(text)
        while !rest.isEmpty {
            var piece = rest.prefix(4 << 20)
            if let newline = piece.lastIndex(of: "\n"), piece.endIndex != rest.endIndex { piece = rest[...newline] }
            rest = rest.dropFirst(piece.count)
            let reply = try importer.call(
                Workforce.Method.importChunk.qualifiedName,
                try WireJSON.value(Workforce.ImportChunkParameters(importId: id, data: String(piece))))
            #expect(reply.error == nil, "\(reply.error ?? "")")
        }
        try importer.send(VarlinkCall(method: Workforce.Method.commitImport.qualifiedName, parameters: try WireJSON.value(Workforce.ImportID(importId: id))))
        // The commit is under way once its staging file is attached; give the call a moment to arrive.
        usleep(100_000)
        let starter = try daemon.connect()
        try starter.send(VarlinkCall(method: Workforce.Method.startRun.qualifiedName, parameters: ["asOf": "2026-06-30"]))
        usleep(50_000)
        let status = try daemon.status()
        #expect(status.ready)
        // The commit had not finished when the status came back: its reply is not there yet.
        var pending = pollfd(fd: importer.fd, events: Int16(POLLIN), revents: 0)
        #expect(poll(&pending, 1, 0) == 0, "the status answer came only after the commit")
        let committed = try #require(try importer.receive())
        #expect(committed.error == nil)
        #expect(try committed.decodeParameters(as: Workforce.ImportSummaryReply.self).summary.inserted == 300_000)
        let run = try #require(try starter.receive())
        #expect(run.error == nil, "the run requested during the commit was queued after it")
    }
}
