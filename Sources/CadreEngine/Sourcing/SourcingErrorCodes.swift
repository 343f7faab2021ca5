/// The stable codes of the sourcing phase's inputs: the channel configuration and values handed to
/// the planner in code. Workforce plan files reuse the `import.*` codes of docs/IMPORT.md (plus
/// `import.control-character`); docs/SOURCING.md lists every code with its fix.
extension InputError.Code {
    /// The channels file is not well-formed YAML.
    public static let channelsSyntax = Self("channels.syntax")
    /// A field holds the wrong kind of value (a list where a number belongs).
    public static let channelsBadType = Self("channels.bad-type")
    /// A key the channels format does not know, most often a misspelling.
    public static let channelsUnknownField = Self("channels.unknown-field")
    /// A required field is absent or blank.
    public static let channelsMissingField = Self("channels.missing-field")
    /// A channel id with characters outside `[A-Za-z0-9._-]`.
    public static let channelsBadID = Self("channels.bad-id")
    /// Two channels share one id.
    public static let channelsDuplicateID = Self("channels.duplicate-id")
    /// A kind other than university, bootcamp, recruiter, direct.
    public static let channelsUnknownKind = Self("channels.unknown-kind")
    /// A rung, cost, time to fill or capacity outside its range.
    public static let channelsOutOfRange = Self("channels.out-of-range")

    /// Values handed to the planner in code that break its rules: lengths that disagree, an
    /// unknown or repeated role level, a policy out of range, a learning plan with a negative cost.
    public static let sourcingMalformedInput = Self("sourcing.malformed-input")
}

/// Bounds that keep every sum of money and every loop over seats within reach of `Int64` and of
/// a run's time, whatever a file says.
public enum SourcingLimits {
    /// 10¹¹ minor units (a billion in a two-decimal currency) per hire or per learning plan.
    public static let maximumCost: Int64 = 100_000_000_000
    /// Per role level.
    public static let maximumHeadcount = 1_000_000
    /// Over the whole workforce plan, so that seats × cost stays below 10¹⁸.
    public static let maximumTotalHeadcount = 10_000_000
    /// A hundred years.
    public static let maximumTimeToFillDays = 36_600
}
