/// Credentials as assessment evidence (DESIGN.md): a holding is `credential` evidence for each
/// skill its credential evidences, at that level on the `level` scale, observed at the start of
/// the day it was earned and valid until the start of E — assessment's own rule then counts it
/// exactly while the holding is valid.
public enum CredentialEvidence {
    /// - Parameters:
    ///   - validOn: when given, only holdings valid (or expiring) on that day contribute; when nil,
    ///     every holding does and the assessment's time window decides.
    ///   - includingUnverified: unverified Open Badges are shown but, by default, never count as
    ///     evidence until a signature check marks them verified.
    /// - Returns: records in holding order (person, credential, earned…), then the credential's
    ///   skill order; holdings of credentials the catalogue lacks contribute nothing.
    public static func records(
        for holdings: [CredentialHolding], catalogue: CredentialCatalogue, validOn day: CalendarDay? = nil,
        includingUnverified: Bool = false
    ) -> [EvidenceRecord] {
        var records: [EvidenceRecord] = []
        for holding in holdings.sorted(by: CredentialHolding.precedes) {
            guard includingUnverified || holding.verification != .unverified,
                  let credential = catalogue.credential(holding.credential) else { continue }
            if let day, !CredentialStatus.of(earnedOn: holding.earnedOn, expiresOn: holding.expiresOn, on: day,
                                             renewalLeadDays: 0).counts { continue }
            for evidenced in credential.skills {
                records.append(EvidenceRecord(
                    person: holding.person, skill: evidenced.skill, value: Double(evidenced.level),
                    scale: "level", source: SourceKind.credential.rawValue,
                    observedAt: holding.earnedOn.secondsSinceEpoch, validUntil: holding.expiresOn?.secondsSinceEpoch))
            }
        }
        return records
    }
}
