import Foundation
import Testing
@testable import CadreEngine

/// Workforce plan files (CSV and JSON) and the channels YAML, with their located errors.
@Suite struct SourcingInputFileTests {
    static let context = WorkforcePlanImportContext(
        rungs: ["analyst": [1, 2], "mle": [1, 2, 3]], asOf: SourcingFixture.day("2026-01-15"))

    static func read(_ text: String, chunkSize: Int = 4096) -> Result<[WorkforcePlanRow], InputErrors> {
        var plan = WorkforcePlanImport(file: "plan.csv", context: context)
        var rows: [WorkforcePlanRow] = []
        let bytes = Array(text.utf8)
        do throws(InputErrors) {
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + chunkSize)
                try plan.feed(bytes[offset..<end]) { rows.append($0) }
                offset = end
            }
            try plan.finish { rows.append($0) }
            return .success(rows)
        } catch {
            return .failure(error)
        }
    }

    static func errors(_ text: String) -> [String] {
        guard case .failure(let errors) = read(text) else { return [] }
        return errors.errors.map { "\($0.line):\($0.column) \($0.code) \($0.field)" }
    }

    static let expected = [
        WorkforcePlanRow(roleLevel: RoleLevelRef(role: "mle", rung: 2), headcount: 12, due: SourcingFixture.day("2026-06-30"),
                         note: "fraud team, \"phase 2\""),
        WorkforcePlanRow(roleLevel: RoleLevelRef(role: "analyst", rung: 1), headcount: 0, due: SourcingFixture.day("2026-01-15")),
    ]

    @Test(arguments: [1, 5, 4096])
    func csvRowsInAnyChunking(size: Int) throws {
        let csv = """
            Role,rung,headcount,due,note
            mle,2,12,2026-06-30,"fraud team, ""phase 2""\"
            analyst, 1 ,0,2026-01-15,

            """
        #expect(try Self.read(csv, chunkSize: size).get() == Self.expected)
    }

    @Test func jsonGivesTheSameRows() throws {
        let json = """
            [{"role": "mle", "rung": 2, "headcount": 12, "due": "2026-06-30", "note": "fraud team, \\"phase 2\\""},
             {"role": "analyst", "rung": "1", "headcount": 0, "due": "2026-01-15", "note": null}]
            """
        #expect(try WorkforcePlanImport.read(Array(json.utf8), file: "plan.json", context: Self.context) == Self.expected)
    }

    @Test func everyRowErrorIsLocated() {
        let csv = """
            role,rung,headcount,due,note
            mle,2,12,2026-06-30,
            mlee,1,3,2026-06-30,
            mle,7,3,2026-06-30,
            analyst,1,-2,2026-06-30,
            analyst,2,3,2026-01-14,
            mle,2,4,2026-07-01,
            mle,1,x,2026-02-30,"two\tcolumns"
            mle,3,,2026-06-30,

            """
        #expect(Self.errors(csv) == [
            "3:1 import.unknown-role role",
            "4:2 import.unknown-role rung",
            "5:3 import.value-out-of-range headcount",
            "6:4 import.bad-date due",
            "7:1 import.duplicate-id role",
            "8:3 import.bad-number headcount",
            "8:4 import.bad-date due",
            "8:5 import.control-character note",
            "9:3 import.missing-field headcount",
        ])
    }

    @Test func aMisspeltRoleGetsASuggestion() throws {
        guard case .failure(let errors) = Self.read("role,rung,headcount,due\nanalist,1,1,2026-06-30\n") else {
            Issue.record("accepted")
            return
        }
        #expect(errors.first?.hint == "did you mean `analyst`?")
    }

    @Test func theContextComesFromACompiledTaxonomy() throws {
        let context = WorkforcePlanImportContext(taxonomy: try SourcingFixture.standardTaxonomy(), asOf: SourcingFixture.day("2026-01-01"))
        #expect(context.rungs == ["analyst": [1, 2], "mle": [1, 2], "ops": [1]])
    }

    // MARK: channels

    @Test func channelsParseInFileOrder() throws {
        let yaml = """
            channels:
              - {id: campus, kind: university, rungs: [1], costPerHire: 800000, timeToFillDays: 150, capacityPerQuarter: 6}
              - id: agency
                kind: recruiter
                rungs: [3, 2, 2]
                costPerHire: 0
                timeToFillDays: 0
                capacityPerQuarter: null
            """
        #expect(try ChannelCatalog.parse(file: "channels.yaml", contents: yaml) == [
            Channel(id: "campus", kind: .university, rungs: [1], costPerHire: 800_000, timeToFillDays: 150, capacityPerQuarter: 6),
            Channel(id: "agency", kind: .recruiter, rungs: [2, 3], costPerHire: 0, timeToFillDays: 0, capacityPerQuarter: nil),
        ])
    }

    @Test func channelErrorsCarryLineColumnAndField() {
        let yaml = """
            channels:
              - id: campus
                kind: univercity
                rungs: [0, two]
                costPerHire: -1
                timeToFillDays: 10
                capacityPerQuarter: -3
              - id: campus
                kind: direct
                rungs: [1]
                costPerHire: 5
                timeToFillDays: 1
                capcity: 2
              - id: "bad id"
                kind: direct
                rungs: []
                timeToFillDays: 1
            """
        do {
            _ = try ChannelCatalog.parse(file: "channels.yaml", contents: yaml)
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map { "\($0.line):\($0.column) \($0.code) \($0.field)" } == [
                "3:11 channels.unknown-kind channels[0].kind",
                "4:13 channels.out-of-range channels[0].rungs[0]",
                "4:16 channels.bad-type channels[0].rungs[1]",
                "5:18 channels.out-of-range channels[0].costPerHire",
                "7:25 channels.out-of-range channels[0].capacityPerQuarter",
                "8:9 channels.duplicate-id channels[1].id",
                "13:5 channels.unknown-field channels[1].capcity",
                "14:5 channels.missing-field channels[2].costPerHire",
                "14:9 channels.bad-id channels[2].id",
                "16:12 channels.out-of-range channels[2].rungs",
            ])
        }
    }

    @Test func channelSyntaxErrorsAreLocated() {
        do {
            _ = try ChannelCatalog.parse(file: "channels.yaml", contents: "channels:\n  - id: [unclosed\n")
            Issue.record("accepted")
        } catch {
            #expect(error.errors.first?.code == .channelsSyntax)
            #expect((error.errors.first?.line ?? 0) > 0)
        }
    }

    @Test func theShippedChannelsCoverEveryKindAndParse() throws {
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/channels.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let channels = try ChannelCatalog.parse(file: "Config/channels.yaml", contents: text)
        #expect(channels.map(\.id) == ["university", "bootcamp", "recruiter", "direct"])
        #expect(Set(channels.map(\.kind)) == Set(ChannelKind.allCases))
    }
}
