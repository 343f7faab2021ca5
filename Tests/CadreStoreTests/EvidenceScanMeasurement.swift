import Foundation
import Testing
@testable import CadreStore

/// Measures the evidence scan the assessment phase depends on; prints the time, asserts only what
/// was read. `CADRE_STORE_SCAN_ROWS=3000000 swift test -c release …` reproduces the figure in
/// docs/STORE.md; the default keeps a debug test run short.
@Suite struct EvidenceScanMeasurement {
    @Test func scanReadsEveryRowPinnedToTheVersion() async throws {
        let rows = ProcessInfo.processInfo.environment["CADRE_STORE_SCAN_ROWS"].flatMap(Int.init) ?? 60_000
        let perPerson = 300
        let skills = 60
        let directory = try TemporaryDirectory()
        let store = try makeStore(directory)

        let importStart = ContinuousClock.now
        let staging = try store.beginImport(kind: .evidence, source: "synthetic.csv")
        var index = 0
        while index < rows {
            let chunk = (index..<min(rows, index + 10_000)).map { i in
                evidence("p\(i / perPerson)", "s\(i % skills)", Double(i % 5), at: 1_600_000_000 + Int64(i))
            }
            try staging.append(evidence: chunk)
            index += chunk.count
        }
        let summary = try await staging.commit()
        let importTime = ContinuousClock.now - importStart
        #expect(summary.inserted == rows)
        // A later version the pinned read must not see.
        try await importEvidence(store, [evidence("p0", "s0", 4, at: 1)])

        let reader = try StoreReader(databasePath: store.databasePath)
        let scanStart = ContinuousClock.now
        var count = 0
        var valueSum = 0.0
        var observedSum: Int64 = 0
        var keySum = 0
        try reader.forEachEvidence(atDataVersion: summary.dataVersion) { row in
            count += 1
            valueSum += row.value
            observedSum &+= row.observedAt
            keySum &+= row.person &+ row.skill &+ row.scale &+ row.source
        }
        let scanTime = ContinuousClock.now - scanStart
        print("evidence: imported \(rows) rows in \(importTime), scanned them in \(scanTime)")

        #expect(count == rows)
        // Σ (i mod 5) over 0..<rows: 10 per full cycle of five, plus the partial cycle.
        let cycles = rows / 5, rest = rows % 5
        #expect(valueSum == Double(cycles * 10 + rest * (rest - 1) / 2))
        #expect(observedSum == Int64(rows) * 1_600_000_000 + Int64(rows) * Int64(rows - 1) / 2)
        #expect(keySum > 0)
    }
}
