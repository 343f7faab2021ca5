import Testing
@testable import CadreStore

@Suite struct PeopleVersioningTests {
    @Test func reimportingAChangedPersonKeepsTheOldStateReadableAtTheOldVersion() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let first = try await importPeople(store, [person("a1", team: "vision", rung: 1), person("b2", team: "nlp")])
        #expect(first == ImportSummary(dataVersion: 1, inserted: 2, updated: 0, unchanged: 0))

        let second = try await importPeople(store, [person("a1", team: "vision", rung: 2, manager: "b2"), person("b2", team: "nlp")])
        #expect(second == ImportSummary(dataVersion: 2, inserted: 0, updated: 1, unchanged: 1))

        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.people(atDataVersion: 1) == [person("a1", team: "vision", rung: 1), person("b2", team: "nlp")])
        #expect(try reader.people(atDataVersion: 2) == [person("a1", team: "vision", rung: 2, manager: "b2"), person("b2", team: "nlp")])
        #expect(try reader.people(atDataVersion: 0) == [])
        // b2 didn't change, so it still has exactly one row.
        let rows = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person") }
        #expect(rows == 3)
    }

    /// The roster phases build their input from is the people read column by column: the same
    /// people, fields and order at every version, each with the key evidence rows name them by.
    @Test func rosterIsThePeopleWithTheirEvidenceKeys() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        try await importPeople(store, [person("b2", team: "nlp"), person("a1", team: "vision", rung: 1)])
        try await importPeople(store, [person("a1", team: "vision", rung: 2, manager: "b2"), person("b2", team: "nlp"), person("é3")])
        let reader = try StoreReader(databasePath: store.databasePath)
        let vocabulary = try reader.vocabulary()
        for version in Int64(0)...2 {
            let people = try reader.people(atDataVersion: version), roster = try reader.roster(atDataVersion: version)
            #expect(roster.map(\.externalID) == people.map(\.externalID))
            #expect(roster.map(\.team) == people.map(\.team))
            #expect(roster.map(\.role) == people.map(\.role))
            #expect(roster.map(\.rung) == people.map(\.rung))
            #expect(roster.map(\.hireDate) == people.map(\.hireDate))
            #expect(roster.map { vocabulary.persons[$0.key] } == people.map(\.externalID))
        }
        #expect(try reader.roster(atDataVersion: 2).map(\.externalID) == ["a1", "b2", "é3"])
    }

    @Test func identicalReimportCreatesNoDataVersion() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        try await importPeople(store, [person("a1"), person("b2")])
        let again = try await importPeople(store, [person("b2"), person("a1")])
        #expect(again == ImportSummary(dataVersion: 1, inserted: 0, updated: 0, unchanged: 2))
        #expect(try store.dataVersion() == 1)
    }

    @Test func peopleAbsentFromAnImportStayAndNewOnesJoin() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        try await importPeople(store, [person("m"), person("c")])
        let summary = try await importPeople(store, [person("a")])
        #expect(summary == ImportSummary(dataVersion: 2, inserted: 1, updated: 0, unchanged: 0))
        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.people(atDataVersion: 2).map(\.externalID) == ["a", "c", "m"])
        #expect(try reader.people(atDataVersion: 1).map(\.externalID) == ["c", "m"])
        #expect(try reader.knownPersonIDs() == ["a", "c", "m"])
    }

    @Test func optionalFieldsCountAsChanges() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        var moved = person("a1")
        try await importPeople(store, [moved])
        moved.location = "Berlin"
        #expect(try await importPeople(store, [moved]).updated == 1)
        moved.location = nil
        #expect(try await importPeople(store, [moved]).updated == 1)
        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.people(atDataVersion: 2).first?.location == "Berlin")
        #expect(try reader.people(atDataVersion: 3).first?.location == nil)
    }

    @Test func aPersonTwiceInOneImportIsAConflict() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let staging = try store.beginImport(kind: .people, source: "people.csv")
        try staging.append(people: [person("a1")])
        #expect(storeErrorCode { try staging.append(people: [person("b2"), person("a1", rung: 3)]) } == .conflict)
        // The failed chunk left nothing staged.
        #expect(staging.rowCount == 1)
        #expect(try await staging.commit() == ImportSummary(dataVersion: 1, inserted: 1, updated: 0, unchanged: 0))
    }
}

/// The store's own guard under the importers': SQLite would read a bound string only up to a NUL.
@Suite struct StoreTextTests {
    @Test func aNULInAnIdIsRefusedAndThePersonItWouldNameIsUntouched() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        try await importPeople(store, [person("E000001")])
        let staging = try store.beginImport(kind: .people, source: "people.csv")
        var evil = person("E000001\u{0}evil")
        evil.name = "Mallory"
        let error = #expect(throws: StoreError.self) { try staging.append(people: [evil]) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message == "person 'E000001\\0evil' contains a NUL character, which the store cannot hold")
        staging.discard()
        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.people(atDataVersion: try store.dataVersion()) == [person("E000001")])

        let names = try store.beginImport(kind: .evidence, source: "evidence.csv")
        #expect(throws: StoreError.self) { try names.append(evidence: [evidence("E000001", "python", 3, at: 1_000, assessor: "A\u{0}B")]) }
        names.discard()
        #expect(throws: StoreError.self) { try store.beginImport(kind: .people, source: "people\u{0}.csv") }
    }
}
