#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// Credentialing and retention through the real daemon, on a small organisation worked by hand.
@Suite("Credentials and retention end to end", .serialized)
struct CredentialRetentionFlowTests {
    /// stats-cert evidences statistics at 3 and lasts 12 months; old-cert is retired on 2026-01-01
    /// with stats-cert as its successor.
    static let catalogue = """
        currency: USD
        credentials:
          - {id: stats-cert, name: Statistics Certificate, issuer: Board, validityMonths: 12, accredited: false,
             cost: 15000, preparationHours: 20, source: test, skills: [{skill: statistics, level: 3}]}
          - {id: old-cert, name: Old Certificate, issuer: Board, validityMonths: 24, retiredOn: 2026-01-01,
             successor: stats-cert, accredited: false, cost: 9000, preparationHours: 10, source: test,
             skills: [{skill: python, level: 2}]}
        """

    /// As of 2026-06-30 (D), with the 90-day lead:
    /// - bo's stats-cert earned 2025-08-15 expires 2026-08-15: E − D = 46 days → expiring, renew 150.00;
    ///   it is credential evidence (statistics 3), so bo's statistics gap closes.
    /// - ada's old-cert earned 2024-03-01 expires 2026-03-01: expired 121 days ago, retired →
    ///   action successor (stats-cert, 150.00).
    static let holdings = """
        person,credential,earned_on
        bo,stats-cert,2025-08-15
        ada,old-cert,2024-03-01
        """

    @Test("statuses at D, the worklist, and a valid holding counted as evidence")
    func credentials() throws {
        let daemon = try DaemonUnderTest()
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", AssessmentFlowTests.people)
        try daemon.importFile(kind: "evidence", name: "evidence.csv", AssessmentFlowTests.evidence)
        _ = try daemon.connect().call(
            .loadCatalogue,
            Workforce.LoadCatalogueParameters(kind: "credentials", files: [Workforce.SourceFile(name: "catalogue.yaml", contents: Self.catalogue)]),
            as: Workforce.CatalogueReply.self)
        #expect(try daemon.importFile(kind: "credentials", name: "holdings.csv", Self.holdings).rows == 2)
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(run.id, on: daemon).state == "succeeded")

        let view = try daemon.connect().call(.getCredentials, Workforce.GetCredentialsParameters(), as: Workforce.CredentialsViewReply.self).view
        let worklist = try #require(view.worklist)
        #expect(worklist.map(\.person) == ["ada", "bo"], "ordered by expiry date")
        #expect(worklist.map(\.action) == ["successor", "renew"])
        #expect(worklist.map(\.target) == ["stats-cert", "stats-cert"], "what to take: the successor, or the credential itself")
        #expect(worklist.map(\.cost) == [15_000, 15_000] && view.worklistCost == 30_000)
        #expect(worklist.map(\.status) == ["expired", "expiring"] && worklist.map(\.daysToExpiry) == [-121, 46])
        let within = try daemon.connect().call(
            .getCredentials, Workforce.GetCredentialsParameters(within: 30), as: Workforce.CredentialsViewReply.self).view
        #expect(within.worklist?.map(\.person) == ["ada"], "overdue items always; bo's 46 days are beyond 30")

        let bo = try daemon.gaps(Workforce.GetGapsParameters(person: "bo"))
        let statistics = try #require(bo.requirements.first { $0.skill == "statistics" })
        #expect(statistics.estimate == 3 && statistics.gap == 0 && statistics.confidence == 2, "credential weight 2, no decay")
    }

    @Test("retention on defaults with reasons; a reader never sees a person's risk", .enabled(if: Checkout.isRoot, "needs root to run a client as nobody"))
    func retention() throws {
        let daemon = try DaemonUnderTest(configuration: "readersGroup: nogroup\noperatorsGroup: cadre-ops-test\n")
        chmod(daemon.socketPath, 0o666)
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", AssessmentFlowTests.people)
        try daemon.importFile(kind: "evidence", name: "evidence.csv", AssessmentFlowTests.evidence)
        // bo attended nothing; ada attended a conference within the year.
        try daemon.importFile(kind: "hr-events", name: "events.csv", "person,kind,date,conference,participation\nada,conference,2026-03-01,NeurIPS,attended\n")
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(run.id, on: daemon).state == "succeeded")
        let view = try daemon.connect().call(.getRetention, Workforce.GetRetentionParameters(), as: Workforce.RetentionViewReply.self).view
        #expect(view.model.source == "defaults" && view.headcount == 2)
        let bo = try #require(try daemon.connect().call(
            .getRetention, Workforce.GetRetentionParameters(person: "bo"), as: Workforce.RetentionViewReply.self).view.person)
        #expect(bo.signals.first { $0.signal == "noConference12m" }?.value == 1)
        #expect(bo.reasons.map(\.signal).contains("noConference12m"))
        let ada = try #require(try daemon.connect().call(
            .getRetention, Workforce.GetRetentionParameters(person: "ada"), as: Workforce.RetentionViewReply.self).view.person)
        #expect(ada.signals.first { $0.signal == "noConference12m" }?.value == 0)
        #expect(bo.risk > ada.risk)

        let script = """
            import json, socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
            out = []
            for params in [{"person": "bo"}, {}]:
                s.sendall(json.dumps({"method": "io.cadre.Workforce.GetRetention", "parameters": params}).encode() + b"\\0")
                buf = b""
                while not buf.endswith(b"\\0"):
                    buf += s.recv(1 << 20)
                out.append(json.loads(buf[:-1]))
            print(json.dumps(out))
            """
        let replies = try WireJSON.decode([VarlinkReply].self, from: Array(try runAsNobody(["/usr/bin/python3", "-c", script, daemon.socketPath]).utf8))
        #expect(replies[0].error == "io.cadre.Workforce.PermissionDenied")
        let org = try replies[1].decodeParameters(as: Workforce.RetentionViewReply.self).view
        #expect(org.people == nil && org.meanRisk == nil && org.segments.isEmpty, "two people: no figures, no segments, no names")
    }
}

/// The Open Badges 3.0 examples of the specification, imported through the daemon.
@Suite("Open Badges import", .serialized)
struct OpenBadgeImportTests {
    static let folder = Checkout.root.deletingLastPathComponent().appendingPathComponent("shared/data/openbadges")

    @Test("the specification's examples import as unverified holdings once matched, their issuer trusted or not; an unmatched one rejects the set")
    func examples() throws {
        let present = FileManager.default.fileExists(atPath: Self.folder.path)
        if !present, ProcessInfo.processInfo.environment["CI"] == nil {
            print("skipped: \(Self.folder.path) is absent (the shared reference data)")
            return
        }
        try #require(present, "the shared reference data must be present in CI")
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }.sorted()
        let files = try names.map {
            Workforce.SourceFile(name: $0, contents: try String(contentsOf: Self.folder.appendingPathComponent($0), encoding: .utf8))
        }
        // Every example's recipient is did:example:ebfeb1f712ebc6f1c276e12ec21: ada. Their achievements
        // map to the catalogue's stats-cert.
        let achievements = [
            "https://1edtech.edu/achievements/1", "https://example.com/achievements/21st-century-skills/teamwork",
            "https://1edtech.edu/achievements/degree", "https://example.com/achievements/robotics/robot-programming",
            "https://example.com/achievements/math/linear-1",
        ].map { "  \"\($0)\": stats-cert" }.joined(separator: "\n")
        // Their issuer trusted with some key: a badge without a proof stays unverified all the same.
        let trusted = "trustedIssuers:\n  - issuer: https://1edtech.edu/issuers/565049\n"
            + "    jwk: {kty: OKP, crv: Ed25519, x: Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE}\n"
        let badges = "identityType: id\npeople:\n  \"did:example:ebfeb1f712ebc6f1c276e12ec21\": ada\nachievements:\n\(achievements)\n" + trusted
        let daemon = try DaemonUnderTest(configurationFiles: ["badges.yaml": badges])
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", AssessmentFlowTests.people)
        _ = try daemon.connect().call(
            .loadCatalogue,
            Workforce.LoadCatalogueParameters(
                kind: "credentials", files: [Workforce.SourceFile(name: "catalogue.yaml", contents: CredentialRetentionFlowTests.catalogue)]),
            as: Workforce.CatalogueReply.self)
        let reply = try daemon.connect().call(
            .importBadges, Workforce.ImportBadgesParameters(files: files), as: Workforce.ImportBadgesReply.self)
        #expect(reply.summary.rows == files.count && reply.summary.inserted == files.count)
        #expect(reply.badges.map(\.file) == names)
        #expect(reply.badges.allSatisfy { $0.verification == "unverified" && $0.proof == "none" && $0.detail == "the badge carries no proof" })

        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(run.id, on: daemon).state == "succeeded")
        let view = try daemon.connect().call(
            .getCredentials, Workforce.GetCredentialsParameters(person: "ada"), as: Workforce.CredentialsViewReply.self).view
        // Two examples are the same credential (id …/3732, valid from 2022-07-01): holdings are a
        // set, so they are one holding.
        #expect(view.holdings?.count == files.count - 1 && view.holdings?.allSatisfy { $0.verification == "unverified" } == true)
        // fullOpenBadge is valid until 2030-01-01: the only one not expired as of 2026-06-30.
        #expect(view.holdings?.filter { $0.status != "expired" }.map(\.expiresOn) == ["2030-01-01"])
        // Unverified: shown, but never assessment evidence.
        let ada = try daemon.gaps(Workforce.GetGapsParameters(person: "ada"))
        #expect(ada.requirements.allSatisfy { $0.evidence.allSatisfy { $0.source != "credential" } })

        // A badge whose recipient nobody maps rejects the whole set, naming the file and field.
        let stranger = files[0].contents.replacingOccurrences(of: "did:example:ebfeb1f712ebc6f1c276e12ec21", with: "did:example:nobody")
        let refused = try daemon.connect().call(
            Workforce.Method.importBadges.qualifiedName,
            try WireJSON.value(Workforce.ImportBadgesParameters(files: [files[1], Workforce.SourceFile(name: "stranger.json", contents: stranger)])))
        #expect(refused.error == "io.cadre.Workforce.InvalidImport")
        #expect(refused.parameters?["file"]?.stringValue == "stranger.json" && refused.parameters?["field"]?.stringValue == "credentialSubject")
    }
}
