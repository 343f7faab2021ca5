import CadreEngine
import CadreWire
import Crypto
import Foundation
import Testing

/// VC-JWT badges through the real daemon and `cadrectl`, with an issuer key made in the test and
/// trusted in badges.yaml.
@Suite("Signed Open Badges end to end", .serialized)
struct SignedBadgeImportTests {
    static let issuer = "https://badges.example.org/issuers/1"

    /// A VC 2.0 OB 3.0 credential for `recipient` (a DID badges.yaml maps), of the achievement
    /// mapped to stats-cert, valid from 2026-01-01 to 2028-01-01.
    static func credential(recipient: String, issuer: String = issuer, id: String? = nil) -> String {
        """
        {"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:\(id ?? String(recipient.split(separator: ":").last ?? ""))",\
        "type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"\(issuer)","name":"Example Badges"},\
        "validFrom":"2026-01-01T00:00:00Z","validUntil":"2028-01-01T00:00:00Z",\
        "credentialSubject":{"id":"\(recipient)","achievement":{"id":"https://badges.example.org/achievements/stats","name":"Statistics"}}}
        """
    }

    static func signed(_ payload: String, by key: P256.Signing.PrivateKey, kid: String = "key-1") throws -> String {
        let input = Base64URL.encoded(Array("{\"alg\":\"ES256\",\"kid\":\"\(kid)\",\"typ\":\"vc+jwt\"}".utf8)) + "."
            + Base64URL.encoded(Array(payload.utf8))
        return input + "." + Base64URL.encoded(Array(try key.signature(for: Array(input.utf8)).rawRepresentation))
    }

    static func write(_ files: [String: String], into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, contents) in files { try contents.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
    }

    @Test("a trusted issuer's signed badge is verified and counts as evidence; a tampered one refuses the folder and nothing is stored")
    func signedBadges() throws {
        let key = P256.Signing.PrivateKey()
        let point = Array(key.publicKey.rawRepresentation)
        let settings = """
            identityType: id
            people:
              "did:example:ada": ada
              "did:example:bo": bo
            achievements:
              "https://badges.example.org/achievements/stats": stats-cert
            trustedIssuers:
              - issuer: \(Self.issuer)
                kid: key-1
                jwk: {kty: EC, crv: P-256, x: \(Base64URL.encoded(point[..<32])), y: \(Base64URL.encoded(point[32...]))}
            """
        let daemon = try DaemonUnderTest(configurationFiles: ["badges.yaml": settings])
        try daemon.loadTaxonomy()
        try daemon.importFile(kind: "people", name: "people.csv", AssessmentFlowTests.people)
        _ = try daemon.connect().call(
            .loadCatalogue,
            Workforce.LoadCatalogueParameters(
                kind: "credentials", files: [Workforce.SourceFile(name: "catalogue.yaml", contents: CredentialRetentionFlowTests.catalogue)]),
            as: Workforce.CatalogueReply.self)
        let ctl = { (arguments: [String]) throws -> Ctl.Outcome in try Ctl.run(arguments, socket: daemon.socketPath, in: daemon.root) }

        // ada's badge is signed by the trusted key; bo's is the same credential as JSON-LD with no
        // proof, and a third is signed by a key of an issuer nobody trusts.
        let ada = try Self.signed(Self.credential(recipient: "did:example:ada"), by: key)
        let stranger = try Self.signed(
            Self.credential(recipient: "did:example:bo", issuer: "https://elsewhere.example/issuer", id: "bo-2"), by: P256.Signing.PrivateKey())
        try Self.write(
            ["ada.jwt": ada, "bo.json": Self.credential(recipient: "did:example:bo"), "stranger.jwt": stranger],
            into: daemon.root + "/badges")

        // Tampered: ada's badge with bo as the recipient, the signature kept. It refuses the whole
        // folder, the good badge beside it included.
        let parts = ada.split(separator: ".").map(String.init)
        let forgedPayload = Base64URL.encoded(Array(Self.credential(recipient: "did:example:bo").utf8))
        let forged = parts[0] + "." + forgedPayload + "." + parts[2]
        try Self.write(["ada.jwt": ada, "forged.jwt": forged], into: daemon.root + "/tampered")
        let before = try daemon.status().dataVersion
        let refused = try ctl(["import", "badges", "tampered"])
        #expect(refused.exit == 1)
        #expect(refused.stderr.contains("tampered/forged.jwt:1:\(parts[0].count + forgedPayload.count + 3): [openbadge.bad-signature] jwt.signature:"))
        #expect(refused.stderr.contains("credential `urn:uuid:bo` of trusted issuer `\(Self.issuer)`"))
        #expect(!refused.stderr.contains("ada.jwt:"), "the good badge has nothing to report")
        #expect(try daemon.status().dataVersion == before, "nothing stored")

        let imported = try ctl(["import", "badges", "badges"])
        #expect(imported.exit == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("signatures: 1 of 3 badges verified against trusted issuer keys"))
        let lines = imported.stdout.split(separator: "\n")
        #expect(lines.contains { $0.contains("badges/ada.jwt") && $0.contains("jwt ES256") && $0.contains(" verified ")
            && $0.contains("ES256 signature of key `key-1`") })
        #expect(lines.contains { $0.contains("badges/bo.json") && $0.contains("unverified") && $0.contains("the badge carries no proof") })
        #expect(lines.contains { $0.contains("badges/stranger.jwt") && $0.contains("unverified")
            && $0.contains("issuer `https://elsewhere.example/issuer` is not among the trusted issuers") })
        #expect(try daemon.status().dataVersion == before + 1)

        let run = try daemon.connect().call(.startRun, Workforce.StartRunParameters(asOf: "2026-06-30"), as: Workforce.RunReply.self).run
        #expect(try waitForRun(run.id, on: daemon).state == "succeeded")
        let adaView = try daemon.connect().call(
            .getCredentials, Workforce.GetCredentialsParameters(person: "ada"), as: Workforce.CredentialsViewReply.self).view
        #expect(adaView.holdings?.map(\.verification) == ["verified"])
        let boView = try daemon.connect().call(
            .getCredentials, Workforce.GetCredentialsParameters(person: "bo"), as: Workforce.CredentialsViewReply.self).view
        #expect(boView.holdings?.map(\.verification) == ["unverified", "unverified"])
        let shown = try ctl(["credentials", "--person", "ada"])
        #expect(shown.stdout.split(separator: "\n").contains { $0.contains("stats-cert") && $0.hasSuffix("verified") && !$0.contains("unverified") })

        // No other evidence was imported: ada's verified badge is the only evidence of statistics;
        // bo's unverified badges are none.
        let adaGaps = try daemon.gaps(Workforce.GetGapsParameters(person: "ada"))
        let statistics = try #require(adaGaps.requirements.first { $0.skill == "statistics" })
        #expect(statistics.evidence.contains { $0.source == "credential" })
        let boGaps = try daemon.gaps(Workforce.GetGapsParameters(person: "bo"))
        #expect(boGaps.requirements.allSatisfy { $0.evidence.allSatisfy { $0.source != "credential" } })
    }
}
