import Foundation
import Testing
@testable import CadreStore

@Suite struct ImportStagingTests {
    @Test func chunksAccumulateAndCommitAsOneDataVersion() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let staging = try store.beginImport(kind: .evidence, source: "big.csv")
        #expect(directory.stagingFiles().count == 1)
        for chunk in 0..<4 {
            try staging.append(evidence: (0..<250).map { evidence("p\($0 % 10)", "python", 3, at: Int64(chunk * 1000 + $0)) })
        }
        #expect(staging.rowCount == 1000)
        #expect(try store.dataVersion() == 0)
        let summary = try await staging.commit()
        #expect(summary == ImportSummary(dataVersion: 1, inserted: 1000, updated: 0, unchanged: 0))
        #expect(directory.stagingFiles() == [])
        #expect(storeErrorCode { try staging.append(evidence: [evidence("p1", "python", 3, at: 1)]) } == .invalidRequest)
        #expect(await storeErrorCode { _ = try await staging.commit() } == .invalidRequest)
    }

    @Test func discardedImportStoresNothingAndLeavesNoFile() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let staging = try store.beginImport(kind: .people, source: "people.csv")
        try staging.append(people: [person("a1"), person("b2")])
        staging.discard()
        staging.discard()
        #expect(directory.stagingFiles() == [])
        #expect(try store.dataVersion() == 0)
        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.knownPersonIDs() == [])
    }

    @Test func importThatFailsWhileCommittingStoresNothingAndLeavesNoFile() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        try await importPeople(store, [person("a1")])
        let staging = try store.beginImport(kind: .people, source: "people.csv")
        try staging.append(people: [person("a1", rung: 2), person("c3")])
        // The staging file vanishing under the import (a full disk, an operator's rm) makes the merge fail.
        for name in directory.stagingFiles() {
            try FileManager.default.removeItem(atPath: (directory.importsPath as NSString).appendingPathComponent(name))
        }
        #expect(await storeErrorCode { _ = try await staging.commit() } == .io)
        #expect(directory.stagingFiles() == [])
        #expect(try store.dataVersion() == 1)
        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.people(atDataVersion: 1) == [person("a1")])
        #expect(try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person_key") } == 1)
    }

    @Test func droppedImportIsDiscarded() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        do {
            let staging = try store.beginImport(kind: .evidence, source: "e.csv")
            try staging.append(evidence: [evidence("a1", "python", 1, at: 1)])
            #expect(directory.stagingFiles().count == 1)
        }
        #expect(directory.stagingFiles() == [])
        #expect(try store.dataVersion() == 0)
    }

    @Test func stagingLeftByACrashIsRemovedWhenTheStoreOpens() async throws {
        let directory = try TemporaryDirectory()
        _ = try makeStore(directory)
        let leftover = (directory.importsPath as NSString).appendingPathComponent("staging-people-crashed.sqlite")
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: leftover))
        let unrelated = (directory.importsPath as NSString).appendingPathComponent("README")
        try Data().write(to: URL(fileURLWithPath: unrelated))
        _ = try makeStore(directory)
        #expect(directory.stagingFiles() == ["README"])
    }
}
