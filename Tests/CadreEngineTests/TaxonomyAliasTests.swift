import CadreEngine
import Testing

/// Outside YAML is bounded before it is composed: no anchors or aliases (a few hundred bytes of
/// them expand into billions of nodes), and no file past the size limit.
@Suite struct TaxonomyAliasTests {
    /// Nine levels of nine aliases, the last used as a mapping key: composing it hashes 9⁹ nodes.
    static let bomb: String = {
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = Array("abcdefghi")
        for level in 1..<names.count {
            let alias = "*\(names[level - 1])"
            lines.append("\(names[level]): &\(names[level]) [" + Array(repeating: alias, count: 9).joined(separator: ", ") + "]")
        }
        lines.append("? *i\n: boom")
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func aBillionLaughsIsRefusedAtItsFirstAnchor() {
        #expect((400...500).contains(Self.bomb.utf8.count))
        let errors = taxonomyErrors([TaxonomySource(name: "bomb.yaml", contents: Self.bomb)])
        #expect(errors.map(taxonomyErrorSummary) == ["taxonomy.alias bomb.yaml:1:4 "])
        #expect(errors.first?.message == "the anchor `&a`: YAML anchors and aliases are not accepted")
    }

    @Test func anAliasAsAValueIsRefusedWhereItStands() {
        let skills = TaxonomyFixture.skills
            .replacingOccurrences(of: "name: Python Engineering", with: "name: &n Python Engineering")
            .replacingOccurrences(of: "name: Statistics", with: "name: *n")
        let errors = taxonomyErrors(TaxonomyFixture.sources(skills: skills))
        // Only the first is reported; cross-file checks wait, as for a syntax error.
        #expect(errors.map(taxonomyErrorSummary) == ["taxonomy.alias skills.yaml:3:11 "])
    }

    @Test func ampersandsAndAsterisksInTextAreNotAnchors() throws {
        let skills = TaxonomyFixture.skills
            .replacingOccurrences(of: "name: Python Engineering", with: "name: Research & Development *Python*")
            .replacingOccurrences(
                of: "description: Writes maintainable Python.",
                with: "description: |\n      * writes &maintainable Python\n      * \"*quoted*\" & more")
        let taxonomy = try TaxonomyParser.parse(TaxonomyFixture.sources(skills: skills))
        #expect(taxonomy.skills.first?.name == "Research & Development *Python*")
        #expect(taxonomy.skills.first?.description == "* writes &maintainable Python\n* \"*quoted*\" & more")
    }

    @Test func aFileOverTheLimitIsRefusedBeforeItIsParsed() {
        let padding = String(repeating: "# padding\n", count: TaxonomyLimits.maximumFileBytes / 10 + 1)
        let errors = taxonomyErrors(TaxonomyFixture.sources(skills: TaxonomyFixture.skills + "\n" + padding))
        #expect(errors.map(taxonomyErrorSummary) == ["taxonomy.file-too-large skills.yaml:0:0 "])
    }
}
