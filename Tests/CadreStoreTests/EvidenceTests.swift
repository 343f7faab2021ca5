import GRDB
import Testing
@testable import CadreStore

@Suite struct EvidenceTests {
    @Test func evidenceIsPinnedByTheDataVersionThatBroughtIt() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        try await importPeople(store, [person("a1"), person("b2")])                  // 1
        let first = try await importEvidence(store, [
            evidence("b2", "python", 3, at: 200),
            evidence("a1", "python", 2, at: 100, assessor: "m9", reference: "exam-17"),
        ])                                                                       // 2
        let second = try await importEvidence(store, [evidence("a1", "python", 4, at: 50, source: "manager")])  // 3
        #expect(first == ImportSummary(dataVersion: 2, inserted: 2, updated: 0, unchanged: 0))
        #expect(second == ImportSummary(dataVersion: 3, inserted: 1, updated: 0, unchanged: 0))

        let reader = try StoreReader(databasePath: store.databasePath)
        #expect(try reader.evidence(atDataVersion: 1) == [])
        #expect(try reader.evidence(atDataVersion: 2) == [
            evidence("a1", "python", 2, at: 100, assessor: "m9", reference: "exam-17"),
            evidence("b2", "python", 3, at: 200),
        ])
        // Ordered by person, skill, observed time: the later import's older observation comes first.
        #expect(try reader.evidence(atDataVersion: 3) == [
            evidence("a1", "python", 4, at: 50, source: "manager"),
            evidence("a1", "python", 2, at: 100, assessor: "m9", reference: "exam-17"),
            evidence("b2", "python", 3, at: 200),
        ])
    }

    @Test func rowViewExposesKeysThatTheVocabularyResolves() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        try await importEvidence(store, [
            evidence("zed", "sql", 80, at: 10, source: "coding", scale: "percent"),
            evidence("amy", "python", 3.5, at: 20, source: "peer", assessor: "zed"),
            evidence("amy", "python", 3.5, at: 30, source: "peer", assessor: "zed"),
        ])
        let reader = try StoreReader(databasePath: store.databasePath)
        let vocabulary = try reader.vocabulary()
        // Keys are assigned in sorted order within an import.
        #expect(vocabulary.persons.key(for: "amy") == 1)
        #expect(vocabulary.persons.key(for: "zed") == 2)
        #expect(vocabulary.skills.names == [nil, "python", "sql"])
        #expect(vocabulary.assessors.names == [nil, "zed"])

        var seen: [(Int, Int, Double, Int64, Int64, Int?, Int64)] = []
        try reader.forEachEvidence(atDataVersion: 1) { row in
            seen.append((row.person, row.skill, row.value, row.observedAt, row.id, row.assessor, row.dataVersion))
        }
        #expect(seen.count == 3)
        // amy's two rows are numbered in file order (ids 2 and 3).
        #expect(seen.map(\.0) == [1, 1, 2])
        #expect(seen.map(\.1) == [1, 1, 2])
        #expect(seen.map(\.2) == [3.5, 3.5, 80])
        #expect(seen.map(\.4) == [2, 3, 1])
        #expect(seen.map(\.5) == [1, 1, nil])
        #expect(seen.map(\.6) == [1, 1, 1])
    }

    @Test func identicalRowsWithinOneFileCountOnce() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let row = evidence("a1", "python", 2, at: 100)
        // The same row three times, and once more with only the source changed: two distinct rows.
        let summary = try await importEvidence(store, [row, row, evidence("a1", "python", 2, at: 100, source: "self"), row])
        #expect(summary == ImportSummary(dataVersion: 1, inserted: 2, updated: 0, unchanged: 0, duplicates: 2))
        let reader = try StoreReader(databasePath: store.databasePath)
        var count = 0
        try reader.forEachEvidence(atDataVersion: 1) { _ in count += 1 }
        #expect(count == 2)
        // A later file repeating the row twice: one unchanged (stored already), one duplicate.
        let again = try await importEvidence(store, [row, row])
        #expect(again == ImportSummary(dataVersion: 1, inserted: 0, updated: 0, unchanged: 1, duplicates: 1))
    }

    @Test func reimportedEvidenceIsNotCountedTwiceAndIdsStayUnique() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let rows = [evidence("a1", "python", 2, at: 100), evidence("a1", "sql", 1, at: 100)]
        try await importEvidence(store, rows)
        let again = try await importEvidence(store, rows)
        #expect(again == ImportSummary(dataVersion: 1, inserted: 0, updated: 0, unchanged: 2))
        #expect(try store.dataVersion() == 1)
        let overlapping = try await importEvidence(store, rows + [evidence("a1", "python", 2, at: 100, source: "self")])
        #expect(overlapping == ImportSummary(dataVersion: 2, inserted: 1, updated: 0, unchanged: 2))
        try await importEvidence(store, [evidence("b2", "python", 5, at: 1), evidence("b2", "python", 5, at: 2)])

        let reader = try StoreReader(databasePath: store.databasePath)
        var ids: [Int64] = []
        try reader.forEachEvidence(atDataVersion: 3) { ids.append($0.id) }
        // Each import numbers its rows after the largest stored id by their place in the file: the
        // overlapping file's new row was its third (2 + 3), the last file's rows follow (5 + 1, 5 + 2).
        #expect(ids.sorted() == [1, 2, 5, 6, 7])
    }

    @Test func nonFiniteValuesAreRefusedBeforeStaging() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        let staging = try store.beginImport(kind: .evidence, source: "e.csv")
        #expect(storeErrorCode { try staging.append(evidence: [evidence("a1", "python", .nan, at: 1)]) } == .invalidRequest)
        #expect(storeErrorCode { try staging.append(people: [person("a1")]) } == .invalidRequest)
        #expect(staging.rowCount == 0)
        staging.discard()
    }

    @Test func scanningAVersionIsOneForwardPassWithoutSorting() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        try await importEvidence(store, [evidence("a1", "python", 2, at: 100)])
        let plan = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + EvidenceRowView.selectSQL, arguments: [1])
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.hasPrefix("SCAN evidence") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    /// Training rows that name a course, pinned like every read, in the full scan's order; rows of
    /// other sources and training rows without a reference never reach the caller.
    @Test func referencedRowsOfOneSourceAreTheFullScansInOrder() async throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)
        try await importEvidence(store, [
            evidence("b2", "python", 3, at: 300, source: "training", reference: "py-2"),
            evidence("a1", "sql", 2, at: 200, source: "training", reference: "sql-1"),
            evidence("a1", "python", 2, at: 100, source: "training", reference: "py-1"),
            evidence("a1", "python", 4, at: 150, source: "training"),
            evidence("a1", "python", 3, at: 120, source: "assessment", reference: "exam-17"),
        ])                                                                       // 1
        try await importEvidence(store, [evidence("a1", "python", 3, at: 90, source: "training", reference: "py-0")])  // 2
        let reader = try StoreReader(databasePath: store.databasePath)
        let vocabulary = try reader.vocabulary()
        let training = try #require(vocabulary.sources.key(for: "training"))
        func referenced(_ version: Int64) throws -> [String] {
            var seen: [String] = []
            try reader.forEachReferencedEvidence(source: training, atDataVersion: version) { row in
                seen.append("\(vocabulary.persons[row.person] ?? "?") \(row.reference ?? "-") \(row.observedAt)")
            }
            return seen
        }
        var full: [String] = []
        try reader.forEachEvidence(atDataVersion: 2) { row in
            if row.source == training, let reference = row.reference {
                full.append("\(vocabulary.persons[row.person] ?? "?") \(reference) \(row.observedAt)")
            }
        }
        #expect(try referenced(1) == ["a1 py-1 100", "a1 sql-1 200", "b2 py-2 300"])
        #expect(try referenced(2) == ["a1 py-0 90", "a1 py-1 100", "a1 sql-1 200", "b2 py-2 300"])
        #expect(try referenced(2) == full)
        let plan = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + EvidenceRowView.selectReferencedSQL, arguments: [1, training])
                .map { $0["detail"] as String }
        }
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        // A range of the covering partial index, never a scan of the table.
        #expect(plan.contains { $0.contains("COVERING INDEX evidence_reference") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
    }
}
