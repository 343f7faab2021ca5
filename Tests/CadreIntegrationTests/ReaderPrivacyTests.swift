#if canImport(Glibc)
import Glibc
#endif
import CadreWire
import Foundation
import Testing

/// Every view over a run, asked by a reader (nobody, in the readers group `nogroup`): no person's
/// figures anywhere, no group under five people, and no group the others give away by
/// subtraction (docs/PROTOCOL.md, "Who sees what").
@Suite("A reader's view of every phase", .serialized)
struct ReaderPrivacyTests {
    /// Seven people: team big (b1–b5) and team duo (d1, d2); six at ml-engineer@1 and d2 alone at
    /// ml-engineer@2. ml-engineer@1 has six people, but two of them are the duo.
    static let people = """
        external_id,name,team,manager,role,level,hire_date,location
        b1,Bea One,big,,ml-engineer,1,2024-01-02,
        b2,Bea Two,big,,ml-engineer,1,2024-01-02,
        b3,Bea Three,big,,ml-engineer,1,2024-01-02,
        b4,Bea Four,big,,ml-engineer,1,2024-01-02,
        b5,Bea Five,big,,ml-engineer,1,2024-01-02,
        d1,Dee One,duo,,ml-engineer,1,2024-01-02,
        d2,Dee Two,duo,,ml-engineer,2,2024-01-02,
        """
    static let evidence = """
        person,skill,value,scale,source,observed_at,assessor,reference,valid_until
        b1,python,4,level,manager,2026-06-01,,,
        b2,python,1,level,manager,2026-06-01,,,
        d1,python,3,level,manager,2026-06-01,,,
        d1,statistics,1,level,manager,2026-06-01,,,
        d2,python,2,level,manager,2026-06-01,,,
        """
    static let plan = """
        role,rung,headcount,due
        ml-engineer,1,8,2027-12-31
        ml-engineer,2,2,2027-12-31
        """

    @Test("gaps, plans, credentials, retention and sourcing as a reader: aggregates of groups that give no one away")
    func everyView() throws {
        try #require(Checkout.isRoot, "needs root to run a client as nobody")
        let daemon = try DaemonUnderTest(configuration: "readersGroup: nogroup\noperatorsGroup: cadre-ops-test\n")
        chmod(daemon.socketPath, 0o666)
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", Self.people)
        try daemon.importFile(kind: "evidence", name: "evidence.csv", Self.evidence)
        _ = try TrainingFlowTests.loadCatalogue(daemon)
        _ = try daemon.connect().call(
            .loadCatalogue,
            Workforce.LoadCatalogueParameters(
                kind: "credentials", files: [Workforce.SourceFile(name: "catalogue.yaml", contents: CredentialRetentionFlowTests.catalogue)]),
            as: Workforce.CatalogueReply.self)
        try daemon.importFile(kind: "credentials", name: "holdings.csv", "person,credential,earned_on\nb1,stats-cert,2025-08-15\n")
        try daemon.importFile(kind: "plan", name: "plan.csv", Self.plan)
        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(run.id, on: daemon).state == "succeeded")

        let calls: [(String, String)] = [
            ("GetGaps", "{}"), ("GetGaps", #"{"roleLevel": "ml-engineer@1"}"#), ("GetGaps", #"{"roleLevel": "ml-engineer"}"#),
            ("GetGaps", #"{"team": "big"}"#), ("GetGaps", #"{"person": "b1"}"#),
            ("GetPlans", "{}"), ("GetPlans", #"{"roleLevel": "ml-engineer@1"}"#), ("GetPlans", #"{"person": "b1"}"#),
            ("GetCredentials", "{}"), ("GetCredentials", #"{"person": "b1"}"#),
            ("GetRetention", "{}"), ("GetRetention", #"{"team": "big"}"#), ("GetRetention", #"{"person": "b1"}"#),
            ("GetSourcing", "{}"), ("GetSourcing", #"{"roleLevel": "ml-engineer@1"}"#),
        ]
        let replies = try Self.asReader(calls, on: daemon)
        let gaps = { (i: Int) in try replies[i].decodeParameters(as: Workforce.GapViewReply.self).view }

        // Gaps. The organisation (7) is shown, and ml-engineer@1 (6) would be, but showing it
        // beside the whole gives d2's figures away (7 − 6 = 1): it is left out with ml-engineer@2.
        // Likewise team big (5) beside the duo.
        let org = try gaps(0)
        #expect(org.summary.headcount == 7 && org.summary.meanReadiness != nil)
        #expect(org.teams.isEmpty, "team big shown beside the organisation gives the duo away")
        #expect(org.roleLevels.isEmpty, "ml-engineer@1 shown beside the organisation gives d2 away")
        #expect(org.hidden?.contains("4 groups left out") == true)
        let level = try gaps(1)
        #expect(level.summary.headcount == 6 && level.summary.meanReadiness != nil, "six people: the group's own figures")
        #expect(level.people.isEmpty, "a role level's people with their readiness are the duo's figures too")
        let role = try gaps(2)
        #expect(role.summary.headcount == 7 && role.roleLevels.isEmpty, "rung 1 (6) beside the role (7) gives rung 2 away")
        let big = try gaps(3)
        #expect(big.summary.headcount == 5 && big.summary.meanReadiness != nil && big.people.isEmpty)
        #expect(replies[4].error == "io.cadre.Workforce.PermissionDenied", "b1's team has five people, and b1 is still a person")

        // Plans: the same partitions; no one's plan.
        let plans = try replies[5].decodeParameters(as: Workforce.PlansViewReply.self).view
        #expect(plans.summary.headcount == 7 && plans.summary.cost != nil)
        #expect(plans.teams.isEmpty && plans.roleLevels.isEmpty)
        let levelPlans = try replies[6].decodeParameters(as: Workforce.PlansViewReply.self).view
        #expect(levelPlans.people == nil && levelPlans.summary.cost != nil)
        #expect(replies[7].error == "io.cadre.Workforce.PermissionDenied")

        // Credentials: counts of the organisation, no worklist, no one's holdings.
        let credentials = try replies[8].decodeParameters(as: Workforce.CredentialsViewReply.self).view
        #expect(credentials.worklist == nil && credentials.byCredential.map(\.credential) == ["stats-cert"])
        #expect(replies[9].error == "io.cadre.Workforce.PermissionDenied")

        // Retention: team big (5) beside the duo (2) is left out; no one at risk by name.
        let retention = try replies[10].decodeParameters(as: Workforce.RetentionViewReply.self).view
        #expect(retention.people == nil && retention.headcount == 7 && retention.meanRisk != nil)
        #expect(!retention.segments.contains { $0.dimension == "team" }, "segment big gives segment duo away")
        #expect(try replies[11].decodeParameters(as: Workforce.RetentionViewReply.self).view.people == nil)
        #expect(replies[12].error == "io.cadre.Workforce.PermissionDenied")

        // Sourcing: the rows of ml-engineer@1 (6) and @2 (d2 alone) are their people's figures
        // (capable, upskilled, their plans' cost); the totals of seven stay.
        let sourcing = try replies[13].decodeParameters(as: Workforce.SourcingViewReply.self).view
        #expect(sourcing.planLoaded && sourcing.totals?.target == 10)
        #expect(sourcing.roleLevels.isEmpty, "d2's row, and the row that gives it away")
        let detail = try replies[14].decodeParameters(as: Workforce.SourcingViewReply.self).view
        #expect(detail.detail == nil && detail.hidden?.contains("operators only") == true)

        // An operator sees all of it.
        let operatorView = try daemon.gaps(Workforce.GetGapsParameters(roleLevel: "ml-engineer@1"))
        #expect(operatorView.people.map(\.id).sorted() == ["b1", "b2", "b3", "b4", "b5", "d1"])
        #expect(try daemon.gaps(Workforce.GetGapsParameters()).teams.map(\.id) == ["big", "duo"])
    }

    /// Sends each `(method, parameters)` on one connection as nobody and returns the replies.
    static func asReader(_ calls: [(String, String)], on daemon: DaemonUnderTest) throws -> [VarlinkReply] {
        let list = calls.map { #"["io.cadre.Workforce.\#($0.0)", \#($0.1)]"# }.joined(separator: ", ")
        let script = """
            import json, socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
            out = []
            for method, params in [\(list)]:
                s.sendall(json.dumps({"method": method, "parameters": params}).encode() + b"\\0")
                buf = b""
                while not buf.endswith(b"\\0"):
                    buf += s.recv(1 << 20)
                out.append(json.loads(buf[:-1]))
            print(json.dumps(out))
            """
        return try WireJSON.decode([VarlinkReply].self, from: Array(try runAsNobody(["/usr/bin/python3", "-c", script, daemon.socketPath]).utf8))
    }
}
