@testable import CadreEngine
import Testing

@Suite struct TaxonomyDigestTests {
    /// FIPS 180-4 / NIST example vectors, so the hand-written SHA-256 is checked on its own,
    /// including the two-block and multi-block paths.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func sha256MatchesPublishedVectors(input: String, hex: String) {
        #expect(SHA256.hex(Array(input.utf8)) == hex)
    }

    static let small = Taxonomy(
        skills: [Skill(id: "python", name: "Python", discipline: .softwareEngineering,
                       description: "Writes code — well", onet: ["2.B.3.e"])],
        roles: [Role(id: "mle", name: "ML Engineer", levels: [
            RoleLevel(rung: 1, title: "MLE I", requirements: [Requirement(skill: "python", level: 3, importance: 4)]),
        ])])

    /// The canonical encoding as documented in docs/TAXONOMY.md, and its SHA-256 computed outside
    /// Swift (Python's hashlib over the same bytes), so another tool can reproduce a digest.
    @Test func digestIsSHA256OfTheDocumentedCanonicalEncoding() {
        let encoding = "16:cadre-taxonomy/1,1:1,6:python,6:Python,20:software-engineering,20:Writes code — well,"
            + "1:1,7:2.B.3.e,1:0,1:1,3:mle,11:ML Engineer,0:,1:1,1:1,5:MLE I,1:1,6:python,1:3,1:4,"
        #expect(String(decoding: Self.small.canonicalEncoding, as: UTF8.self) == encoding)
        #expect(Self.small.digest == "349d0a722e75668c171b0524e0ff034ddc79e17cf3673c89177711c1c53815fa")
    }

    @Test func anyChangeChangesTheDigest() {
        var levelUp = Self.small
        levelUp.roles[0].levels[0].requirements[0].level = 4
        var renamed = Self.small
        renamed.skills[0].name = "Python "
        // Moving text between neighbouring fields must not collide: length prefixes prevent it.
        var shifted = Self.small
        shifted.skills[0].name = "Python6:"
        shifted.skills[0].description = "Writes code — well"
        let digests = Set([Self.small, levelUp, renamed, shifted].map(\.digest))
        #expect(digests.count == 4)
    }

    @Test func sameFilesGiveTheSameDigest() throws {
        let first = try TaxonomyParser.parse(TaxonomyFixture.sources())
        let second = try TaxonomyParser.parse(TaxonomyFixture.sources())
        #expect(first.digest == second.digest)
        #expect(first.digest.count == 64)
    }
}
