/// The tunable part of assessment: scales, per-kind weights and half-lives, the tolerance for
/// "meets", and the size below which a team's per-person figures are hidden from readers.
///
/// Decoding is forgiving in one way only: anything left out takes DESIGN.md's default, and the
/// scales and source policies a configuration names are laid over the built-in ones, so a file
/// that only says `peer: {weight: 0.5}` changes the peer weight and nothing else.
public struct AssessmentPolicy: Codable, Hashable, Sendable {
    /// Scales by name; always holds at least the built-in `level`, `percent` and `onet-level`.
    public var scales: [String: Scale]
    public var sources: [SourceKind: SourcePolicy]
    /// A person meets a role level when every gap is at most this.
    public var meetsTolerance: Double
    /// A team view over fewer people than this shows no per-person figures to a mere reader.
    public var smallTeamThreshold: Int

    public init(
        scales: [Scale] = [],
        sources: [SourceKind: SourcePolicy] = [:],
        meetsTolerance: Double = 0.25,
        smallTeamThreshold: Int = 5
    ) {
        var byName: [String: Scale] = [:]
        for scale in Scale.builtIn + scales { byName[scale.name] = scale }
        self.scales = byName
        var policies: [SourceKind: SourcePolicy] = [:]
        for kind in SourceKind.allCases { policies[kind] = sources[kind] ?? kind.defaultPolicy }
        self.sources = policies
        self.meetsTolerance = meetsTolerance
        self.smallTeamThreshold = smallTeamThreshold
    }

    public static let standard = AssessmentPolicy()

    public func scale(named name: String) -> Scale? { scales[name] }

    public func policy(for kind: SourceKind) -> SourcePolicy { sources[kind] ?? kind.defaultPolicy }

    /// Every reason this policy cannot be used, each naming the field to fix in `file`.
    public func problems(file: String = "<configuration>") -> [InputError] {
        var found: [InputError] = []
        for name in scales.keys.sorted() {
            guard let scale = scales[name] else { continue }
            if let problem = scale.problem {
                found.append(InputError(
                    .assessmentInvalidScale, file: file, field: "assessment.scales.\(name)", message: problem,
                    hint: "give the scale finite min and max with max > min"))
            } else if scale.name != name {
                found.append(InputError(
                    .assessmentInvalidScale, file: file, field: "assessment.scales.\(name)",
                    message: "scale stored under '\(name)' is named '\(scale.name)'"))
            }
        }
        for kind in SourceKind.allCases {
            if let problem = policy(for: kind).problem {
                found.append(InputError(
                    .assessmentInvalidSourcePolicy, file: file, field: "assessment.sources.\(kind.rawValue)",
                    message: problem))
            }
        }
        if !(meetsTolerance.isFinite && meetsTolerance >= 0) {
            found.append(InputError(
                .assessmentInvalidPolicy, file: file, field: "assessment.meetsTolerance",
                message: "the meets tolerance must be a finite number ≥ 0 (got \(meetsTolerance))"))
        }
        if smallTeamThreshold < 0 {
            found.append(InputError(
                .assessmentInvalidPolicy, file: file, field: "assessment.smallTeamThreshold",
                message: "the small-team threshold must be ≥ 0 (got \(smallTeamThreshold))"))
        }
        return found
    }

    private enum CodingKeys: String, CodingKey {
        case scales, sources, meetsTolerance, smallTeamThreshold
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            scales: try container.decodeIfPresent([Scale].self, forKey: .scales) ?? [],
            sources: try Self.decodeSources(container),
            meetsTolerance: try container.decodeIfPresent(Double.self, forKey: .meetsTolerance) ?? 0.25,
            smallTeamThreshold: try container.decodeIfPresent(Int.self, forKey: .smallTeamThreshold) ?? 5)
    }

    /// Each kind's entry may give only `weight` or only `halfLifeDays`; the other keeps its
    /// default. `halfLifeDays: null` (present, but null) means "does not decay", which is not the
    /// same as leaving it out.
    private static func decodeSources(_ container: KeyedDecodingContainer<CodingKeys>) throws -> [SourceKind: SourcePolicy] {
        guard container.contains(.sources) else { return [:] }
        let entries = try container.nestedContainer(keyedBy: SourceKey.self, forKey: .sources)
        var sources: [SourceKind: SourcePolicy] = [:]
        for key in entries.allKeys {
            guard let kind = SourceKind(rawValue: key.stringValue) else {
                let known = SourceKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: entries, debugDescription: "unknown source kind '\(key.stringValue)'; known: \(known)")
            }
            let entry = try entries.nestedContainer(keyedBy: SourcePolicyKey.self, forKey: key)
            var policy = kind.defaultPolicy
            if let weight = try entry.decodeIfPresent(Double.self, forKey: .weight) { policy.weight = weight }
            if entry.contains(.halfLifeDays) {
                policy.halfLifeDays = try entry.decodeNil(forKey: .halfLifeDays)
                    ? nil : try entry.decode(Double.self, forKey: .halfLifeDays)
            }
            sources[kind] = policy
        }
        return sources
    }

    private struct SourceKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private enum SourcePolicyKey: String, CodingKey { case weight, halfLifeDays }

    /// Scales are written as a list sorted by name so the encoding is the same on every run.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scales.keys.sorted().compactMap { scales[$0] }, forKey: .scales)
        var entries = container.nestedContainer(keyedBy: SourceKey.self, forKey: .sources)
        for kind in SourceKind.allCases {
            let policy = self.policy(for: kind)
            var entry = entries.nestedContainer(keyedBy: SourcePolicyKey.self, forKey: SourceKey(stringValue: kind.rawValue))
            try entry.encode(policy.weight, forKey: .weight)
            if let halfLife = policy.halfLifeDays {
                try entry.encode(halfLife, forKey: .halfLifeDays)
            } else {
                try entry.encodeNil(forKey: .halfLifeDays)
            }
        }
        try container.encode(meetsTolerance, forKey: .meetsTolerance)
        try container.encode(smallTeamThreshold, forKey: .smallTeamThreshold)
    }
}
