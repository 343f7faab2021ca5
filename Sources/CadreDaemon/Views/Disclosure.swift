import CadreEngine
import CadreWire

/// What a caller may see of a run's figures: the one place the small-group rule lives
/// (docs/PROTOCOL.md, "Who sees what"). Every view over a run asks it, so a new view can neither
/// forget the rule nor apply another.
///
/// - Operators see everything.
/// - Readers never see one person's figures: no list of people with their readiness, plan, risk
///   or holdings, and no person view. A list of named people with their readiness is their
///   figures however large the group it comes from.
/// - Readers see a group's figures only when it holds `threshold` people or more; a smaller group
///   shows its headcount only, or is left out of a list.
/// - Groups listed beside their whole (the teams of the organisation, the rungs of a role, the
///   role levels within a team) must not give a small group away by subtraction: when the groups
///   left out hold between 1 and `threshold − 1` people together, the smallest groups shown are
///   left out too, until those left out hold `threshold` people or every group is left out.
struct Disclosure: Sendable {
    let threshold: Int
    let seesPeople: Bool

    init(threshold: Int, seesPeople: Bool) {
        self.threshold = threshold
        self.seesPeople = seesPeople
    }

    init(policy: AssessmentPolicy, seesPeople: Bool) {
        self.init(threshold: policy.smallTeamThreshold, seesPeople: seesPeople)
    }

    /// Whether the figures of a group of `headcount` people may be shown.
    func showsFigures(ofGroupOf headcount: Int) -> Bool {
        seesPeople || headcount >= threshold
    }

    /// The groups whose figures may be shown, in their order. With `whole`, the headcount of a
    /// whole whose own figures are shown beside them, the groups left out never add up to a group
    /// under `threshold` people (the subtraction rule above).
    func shown<Group>(_ groups: [Group], whole: Int? = nil, headcount: (Group) -> Int) -> [Group] {
        if seesPeople { return groups }
        var keep = groups.indices.map { headcount(groups[$0]) >= threshold }
        if let whole {
            var left = whole - groups.indices.filter { keep[$0] }.reduce(0) { $0 + headcount(groups[$1]) }
            let smallestFirst = groups.indices.filter { keep[$0] }.sorted { (headcount(groups[$0]), $0) < (headcount(groups[$1]), $1) }
            for index in smallestFirst where left > 0 && left < threshold {
                keep[index] = false
                left += headcount(groups[index])
            }
        }
        return groups.indices.filter { keep[$0] }.map { groups[$0] }
    }

    /// The note for `count` groups left out of a list, or nil.
    func leftOut(_ count: Int, of what: String = "group") -> String? {
        guard count > 0 else { return nil }
        return "\(count) \(what)\(count == 1 ? "" : "s") left out (readers see groups of \(threshold) or more, "
            + "and no group that the others would give away)"
    }

    /// The note for a group whose own figures are withheld.
    func ownFiguresWithheld(headcount: Int) -> String {
        "this group's figures (readers see groups of \(threshold) or more; it has \(headcount))"
    }

    /// Throws `PermissionDenied` unless the caller may see people: `what` says what was asked for.
    func requirePeople(_ method: Workforce.Method, uid: Int, what: String) throws {
        guard !seesPeople else { return }
        throw ControlFailure(
            Workforce.ErrorName.permissionDenied,
            Workforce.PermissionDeniedError(
                method: method.qualifiedName, uid: uid, required: "operator rights: \(what) is shown to operators only"))
    }
}
