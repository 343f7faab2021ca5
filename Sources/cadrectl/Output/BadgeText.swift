import CadreWire

/// An `ImportBadges` reply as an operator reads it: the summary, then one line per badge with
/// the holding it makes and whether its signature was verified — and, when it was not, why, so a
/// badge Cadre could not check is never mistaken for one it did.
enum BadgeText {
    static func text(_ reply: Workforce.ImportBadgesReply, style: Style) -> String {
        let summary = ImportUpload.text(reply.summary, style: style)
        guard !reply.badges.isEmpty else { return summary }
        var text = summary + "\n"
        let verified = reply.badges.count(where: { $0.verification == "verified" })
        text += "signatures: \(verified) of \(Formatting.plural(reply.badges.count, "badge")) verified against trusted issuer keys"
            + (verified < reply.badges.count ? "; unverified ones are shown but not counted as assessment evidence" : "") + "\n"
        var table = TextTable(
            [
                .init("FILE"), .init("PERSON"), .init("CREDENTIAL"), .init("PROOF"),
                .init("VERIFIED", style: { $0.hasPrefix("verified") ? style.green($0) : style.yellow($0) }), .init("DETAIL"),
            ], indent: "  ")
        for badge in reply.badges {
            table.add([badge.file, badge.person, badge.credential, badge.proof, badge.verification, badge.detail])
        }
        text += table.render(headerStyle: style.bold)
        return String(text.dropLast())  // Console.line ends the last line
    }
}
