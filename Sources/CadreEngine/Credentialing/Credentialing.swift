/// Phase 5: the status of every holding on D, counts per credential, coverage per role level
/// and the renewal worklist (DESIGN.md, "Credentialing semantics").
public enum Credentialing {
    /// An expired holding stays on the worklist while E is within the last this-many days:
    /// E in (D − 365, D], "within 365 days" by the common rules.
    public static let expiredWindowDays: Int64 = 365

    public static func run(_ input: CredentialingInput) -> CredentialingResult {
        let day = input.asOf
        let catalogue = input.catalogue
        let roster = Dictionary(uniqueKeysWithValues: input.personIDs.enumerated().map { ($1, $0) })
        var unknownPeople = 0, unknownCredentials = 0
        var statuses: [HoldingStatus] = []
        for holding in input.holdings {
            guard roster[holding.person] != nil else { unknownPeople += 1; continue }
            guard let credential = catalogue.credential(holding.credential) else { unknownCredentials += 1; continue }
            let status = CredentialStatus.of(earnedOn: holding.earnedOn, expiresOn: holding.expiresOn, on: day,
                                             renewalLeadDays: input.renewalLeadDays)
            statuses.append(HoldingStatus(holding: holding, status: status, retired: credential.isRetired(on: day),
                                          daysToExpiry: holding.expiresOn.map { day.days(until: $0) }))
        }
        statuses.sort { CredentialHolding.precedes($0.holding, $1.holding) }

        return CredentialingResult(
            asOf: day, renewalLeadDays: input.renewalLeadDays, catalogueDigest: catalogue.digest,
            currency: catalogue.currency, holdings: statuses,
            byCredential: counts(statuses, catalogue: catalogue, on: day),
            coverage: coverage(statuses, input: input, roster: roster),
            worklist: worklist(statuses, catalogue: catalogue, on: day),
            holdingsOfUnknownPeople: unknownPeople, holdingsOfUnknownCredentials: unknownCredentials)
    }

    static func counts(_ statuses: [HoldingStatus], catalogue: CredentialCatalogue, on day: CalendarDay) -> [CredentialStatusCounts] {
        let ids = catalogue.idsAscending
        var counts = ids.map { CredentialStatusCounts(credential: $0, retired: catalogue.credential($0)?.isRetired(on: day) ?? false) }
        var position: [String: Int] = [:]
        for (index, id) in ids.enumerated() { position[id] = index }
        for entry in statuses {
            guard let index = position[entry.holding.credential] else { continue }
            switch entry.status {
            case .valid: counts[index].valid += 1
            case .expiring: counts[index].expiring += 1
            case .expired: counts[index].expired += 1
            case .none: counts[index].notYetEarned += 1
            }
        }
        return counts
    }

    static func coverage(_ statuses: [HoldingStatus], input: CredentialingInput, roster: [String: Int]) -> [RoleLevelCoverage] {
        var headcount = Array(repeating: 0, count: input.taxonomy.roleLevelCount)
        for level in input.personRoleLevel { headcount[Int(level)] += 1 }
        // A person counts once per role level however many recommended credentials they hold.
        var coveredPeople = Array(repeating: Set<Int>(), count: input.taxonomy.roleLevelCount)
        for entry in statuses where entry.status.counts {
            guard let person = roster[entry.holding.person] else { continue }
            let level = Int(input.personRoleLevel[person])
            if input.recommended[level].contains(entry.holding.credential) { coveredPeople[level].insert(person) }
        }
        return input.taxonomy.roleLevels.indices.compactMap { level in
            guard !input.recommended[level].isEmpty else { return nil }
            return RoleLevelCoverage(roleLevel: input.taxonomy.roleLevels[level], recommended: input.recommended[level],
                                     covered: coveredPeople[level].count, headcount: headcount[level])
        }
    }

    /// Per person and credential, the latest-expiring holding earned by D; listed when it is
    /// expiring, or expired with E in (D − 365, D], and the person holds no valid holding of the
    /// credential's successor.
    static func worklist(_ statuses: [HoldingStatus], catalogue: CredentialCatalogue, on day: CalendarDay) -> [RenewalItem] {
        struct PersonCredential: Hashable {
            var person: String
            var credential: String
        }
        var latest: [PersonCredential: HoldingStatus] = [:]
        var validHeld: Set<PersonCredential> = []
        for entry in statuses where entry.status != .none {
            let key = PersonCredential(person: entry.holding.person, credential: entry.holding.credential)
            if entry.status.counts { validHeld.insert(key) }
            if let current = latest[key], !CredentialOrder.less(current.holding.expiresOn, entry.holding.expiresOn) { continue }
            latest[key] = entry
        }
        var items: [RenewalItem] = []
        for (key, entry) in latest {
            guard let expiresOn = entry.holding.expiresOn, let credential = catalogue.credential(key.credential) else { continue }
            let daysToExpiry = day.days(until: expiresOn)
            let listed = entry.status == .expiring || (entry.status == .expired && daysToExpiry > -expiredWindowDays)
            guard listed else { continue }
            if let successor = credential.successor, validHeld.contains(PersonCredential(person: key.person, credential: successor)) {
                continue
            }
            var action = RenewalAction.renew
            var target: String? = credential.id
            var cost = credential.cost
            if entry.retired {
                if let successor = credential.successor.flatMap(catalogue.credential) {
                    (action, target, cost) = (.successor, successor.id, successor.cost)
                } else {
                    (action, target, cost) = (.none, nil, 0)
                }
            }
            items.append(RenewalItem(person: key.person, credential: key.credential, expiresOn: expiresOn,
                                     status: entry.status, daysToExpiry: daysToExpiry, retired: entry.retired,
                                     action: action, target: target, cost: cost))
        }
        // Dictionary order must not leak: the sort key is total.
        return items.sorted { a, b in
            if a.expiresOn != b.expiresOn { return a.expiresOn < b.expiresOn }
            if a.person != b.person { return CredentialOrder.less(a.person, b.person) }
            return CredentialOrder.less(a.credential, b.credential)
        }
    }
}
