/// The retention result's binary form: what a worker sends the supervisor and what the store
/// keeps. The same little-endian building blocks as the gap map's (`GapMapWriter`): arrays are a
/// `UInt32` count then the values, strings a `UInt32` byte length then UTF-8, doubles their
/// IEEE-754 bits, so a result round-trips exactly and equal results give equal bytes.
///
///     "CRET"  UInt16 version (1)  UInt16 flags (0)  Int64 asOf (days since 1970-01-01)
///     policy:   Double researchSharePercent, [Double] defaultCoefficients, Double ridge,
///               Int64 minimumLeavers, Int64 maximumIterations, Double meetsTolerance
///     model:    UInt8 source (0 fitted, 1 defaults), [Double] coefficients, String reason,
///               Int64 iterations, then twice (fitting, out-of-time): Int64 day, Int64 people,
///               Int64 voluntaryLeavers, UInt8 hasAUC, Double auc
///     people:   [String] person, [String] team, [String] role, [Int32] rung, [Int32] roleLevel,
///               [Int64] reachedDay, [Int32] monthsAtLevel, [Int32] expectedMonths (−1: none),
///               [Double] overdue, [UInt8] flags (1 readyNotPromoted, 2 noNextRung,
///               4 researchBelowPolicy, 8 noConference12m, 16 managerChange6m, 32 research known),
///               [Double] researchShare (0 when unknown), [Double] risk, [UInt8] reasonCount,
///               [UInt8] reasonSignal, [Double] reasonContribution (reasons of all people in turn)
///     segments: [UInt8] dimension (AttritionDimension.allCases order), [String] key,
///               [Int64] headcountStart, [Int64] headcountEnd, [Int64] voluntary,
///               [Int64] involuntary, [UInt8] hasRate, [Double] rate
///     distribution: Int64 count, Double mean, [Int64] histogram, [Double] deciles
///     coverage: Int64 people, Int64 withNextRung, Int64 withLadderData, Int64 researchNoData,
///               [Int64] signalCounts
extension RetentionResult {
    public static let magic: [UInt8] = Array("CRET".utf8)
    public static let formatVersion: UInt16 = 1

    public func encoded() -> [UInt8] {
        var w = GapMapWriter(capacity: 256 + people.count * 96 + segments.count * 64)
        for byte in Self.magic { w.write(byte) }
        w.write(Self.formatVersion)
        w.write(UInt16(0))
        w.write(asOf.daysSinceEpoch)
        w.write(policy.researchSharePercent)
        w.write(policy.defaultCoefficients)
        w.write(policy.ridge)
        w.write(Int64(policy.minimumLeavers))
        w.write(Int64(policy.maximumIterations))
        w.write(policy.meetsTolerance)
        w.write(UInt8(model.source == .fitted ? 0 : 1))
        w.write(model.coefficients)
        w.write(model.reason)
        w.write(Int64(model.iterations))
        for snapshot in [model.fitting, model.outOfTime] {
            w.write(snapshot.day.daysSinceEpoch)
            w.write(Int64(snapshot.people))
            w.write(Int64(snapshot.voluntaryLeavers))
            w.write(UInt8(snapshot.auc == nil ? 0 : 1))
            w.write(snapshot.auc ?? 0)
        }
        w.write(people.map(\.person))
        w.write(people.map(\.team))
        w.write(people.map(\.roleLevel.role))
        w.write(people.map { Int32(clamping: $0.roleLevel.rung) })
        w.write(people.map { Int32(clamping: $0.signals.roleLevel) })
        w.write(people.map(\.signals.reachedLevel.daysSinceEpoch))
        w.write(people.map { Int32(clamping: $0.signals.monthsAtLevel) })
        w.write(people.map { Int32(clamping: $0.signals.expectedMonths ?? -1) })
        w.write(people.map(\.signals.overdue))
        w.write(people.map { Self.flags($0.signals) })
        w.write(people.map { $0.signals.researchShare ?? 0 })
        w.write(people.map(\.risk))
        w.write(people.map { UInt8($0.reasons.count) })
        w.write(people.flatMap { $0.reasons.map { UInt8($0.signal.rawValue) } })
        w.write(people.flatMap { $0.reasons.map(\.contribution) })
        w.write(segments.map { UInt8(AttritionDimension.allCases.firstIndex(of: $0.dimension) ?? 0) })
        w.write(segments.map(\.key))
        w.write(segments.map { Int64($0.headcountStart) })
        w.write(segments.map { Int64($0.headcountEnd) })
        w.write(segments.map { Int64($0.voluntaryDepartures) })
        w.write(segments.map { Int64($0.involuntaryDepartures) })
        w.write(segments.map { UInt8($0.rate == nil ? 0 : 1) })
        w.write(segments.map { $0.rate ?? 0 })
        w.write(Int64(distribution.count))
        w.write(distribution.mean)
        w.write(distribution.histogram.map(Int64.init))
        w.write(distribution.deciles)
        for count in [coverage.people, coverage.withNextRung, coverage.withLadderData, coverage.researchNoData] {
            w.write(Int64(count))
        }
        w.write(coverage.signalCounts.map(Int64.init))
        return w.bytes
    }

    /// Reads `encoded()` bytes back, refusing anything truncated, out of shape or from an unknown
    /// version (the bytes come from a socket or a database row).
    public init(decoding bytes: [UInt8]) throws(RetentionDecodingError) {
        var reader = GapMapReader(bytes)
        do {
            self = try Self.read(&reader)
        } catch {
            throw RetentionDecodingError(offset: error.offset, message: error.message)
        }
    }

    private static func flags(_ s: RetentionSignals) -> UInt8 {
        (s.readyNotPromoted ? 1 : 0) | (s.noNextRung ? 2 : 0) | (s.researchBelowPolicy ? 4 : 0)
            | (s.noConference12m ? 8 : 0) | (s.managerChange6m ? 16 : 0) | (s.researchShare != nil ? 32 : 0)
    }

    private static func read(_ r: inout GapMapReader) throws(GapMapDecodingError) -> RetentionResult {
        func bad(_ message: String) -> GapMapDecodingError { GapMapDecodingError(.malformed, at: r.offset, message) }
        for byte in magic where try r.read(UInt8.self, "magic") != byte {
            throw GapMapDecodingError(.notAGapMap, at: 0, "not a retention result")
        }
        let version = try r.read(UInt16.self, "version")
        guard version == formatVersion else {
            throw GapMapDecodingError(.unsupportedVersion, at: 4, "retention result version \(version) is not known")
        }
        _ = try r.read(UInt16.self, "flags")
        func day(_ what: String) throws(GapMapDecodingError) -> CalendarDay {
            let days = try r.read(Int64.self, what)
            guard abs(days) < 2_900_000 else { throw bad("\(what) is out of range") }
            return CalendarDay(daysSinceEpoch: days)
        }
        func count(_ what: String) throws(GapMapDecodingError) -> Int {
            let value = try r.read(Int64.self, what)
            guard value >= 0, value < Int64(Int32.max) else { throw bad("\(what) is out of range") }
            return Int(value)
        }
        let asOf = try day("asOf")
        let policy = RetentionPolicy(
            researchSharePercent: try r.readDouble("researchSharePercent"), defaultCoefficients: try r.readDoubles("defaultCoefficients"),
            ridge: try r.readDouble("ridge"), minimumLeavers: try count("minimumLeavers"),
            maximumIterations: try count("maximumIterations"), meetsTolerance: try r.readDouble("meetsTolerance"))
        let source = try r.read(UInt8.self, "source")
        guard source <= 1 else { throw bad("unknown model source \(source)") }
        let coefficients = try r.readDoubles("coefficients")
        guard coefficients.count == RetentionSignal.coefficientCount else { throw bad("\(coefficients.count) coefficients") }
        let reason = try r.readString("reason")
        let iterations = try count("iterations")
        var snapshots: [SnapshotSummary] = []
        for _ in 0..<2 {
            let snapshotDay = try day("snapshot day")
            let people = try count("snapshot people"), leavers = try count("snapshot leavers")
            let hasAUC = try r.read(UInt8.self, "hasAUC")
            let auc = try r.readDouble("auc")
            snapshots.append(SnapshotSummary(day: snapshotDay, people: people, voluntaryLeavers: leavers, auc: hasAUC == 1 ? auc : nil))
        }
        let model = RetentionModel(
            source: source == 0 ? .fitted : .defaults, coefficients: coefficients, reason: reason,
            iterations: iterations, fitting: snapshots[0], outOfTime: snapshots[1])

        let ids = try r.readStrings("person"), teams = try r.readStrings("team"), roles = try r.readStrings("role")
        let rungs = try r.readArray(Int32.self, "rung"), levels = try r.readArray(Int32.self, "roleLevel")
        let reached = try r.readArray(Int64.self, "reachedDay"), months = try r.readArray(Int32.self, "monthsAtLevel")
        let expected = try r.readArray(Int32.self, "expectedMonths"), overdue = try r.readDoubles("overdue")
        let flags = try r.readArray(UInt8.self, "flags"), shares = try r.readDoubles("researchShare")
        let risks = try r.readDoubles("risk"), reasonCounts = try r.readArray(UInt8.self, "reasonCount")
        let reasonSignals = try r.readArray(UInt8.self, "reasonSignal"), contributions = try r.readDoubles("reasonContribution")
        let n = ids.count
        guard [teams.count, roles.count, rungs.count, levels.count, reached.count, months.count, expected.count,
               overdue.count, flags.count, shares.count, risks.count, reasonCounts.count].allSatisfy({ $0 == n }),
              reasonSignals.count == contributions.count,
              reasonCounts.reduce(0, { $0 + Int($1) }) == reasonSignals.count,
              reached.allSatisfy({ abs($0) < 2_900_000 })
        else { throw bad("the people's columns disagree in length or range") }
        var people: [PersonRisk] = []
        people.reserveCapacity(n)
        var next = 0
        for i in 0..<n {
            var reasons: [RetentionReason] = []
            for k in next..<(next + Int(reasonCounts[i])) {
                guard let signal = RetentionSignal(rawValue: Int(reasonSignals[k])) else { throw bad("unknown signal \(reasonSignals[k])") }
                reasons.append(RetentionReason(signal: signal, contribution: contributions[k]))
            }
            next += Int(reasonCounts[i])
            let f = flags[i]
            let signals = RetentionSignals(
                roleLevel: Int(levels[i]), reachedLevel: CalendarDay(daysSinceEpoch: reached[i]), monthsAtLevel: Int(months[i]),
                expectedMonths: expected[i] < 0 ? nil : Int(expected[i]), overdue: overdue[i],
                readyNotPromoted: f & 1 != 0, noNextRung: f & 2 != 0, researchShare: f & 32 != 0 ? shares[i] : nil,
                researchBelowPolicy: f & 4 != 0, noConference12m: f & 8 != 0, managerChange6m: f & 16 != 0)
            people.append(PersonRisk(person: ids[i], team: teams[i], roleLevel: RoleLevelRef(role: roles[i], rung: Int(rungs[i])),
                                     signals: signals, risk: risks[i], reasons: reasons))
        }

        let dimensions = try r.readArray(UInt8.self, "dimension"), keys = try r.readStrings("key")
        let starts = try r.readArray(Int64.self, "headcountStart"), ends = try r.readArray(Int64.self, "headcountEnd")
        let voluntary = try r.readArray(Int64.self, "voluntary"), involuntary = try r.readArray(Int64.self, "involuntary")
        let hasRate = try r.readArray(UInt8.self, "hasRate"), rates = try r.readDoubles("rate")
        let m = dimensions.count
        guard [keys.count, starts.count, ends.count, voluntary.count, involuntary.count, hasRate.count, rates.count].allSatisfy({ $0 == m }),
              dimensions.allSatisfy({ Int($0) < AttritionDimension.allCases.count })
        else { throw bad("the segments' columns disagree in length or range") }
        let segments = (0..<m).map { i in
            AttritionSegment(
                dimension: AttritionDimension.allCases[Int(dimensions[i])], key: keys[i], headcountStart: Int(starts[i]),
                headcountEnd: Int(ends[i]), voluntaryDepartures: Int(voluntary[i]), involuntaryDepartures: Int(involuntary[i]),
                rate: hasRate[i] == 1 ? rates[i] : nil)
        }
        let distribution = RiskDistribution(
            count: try count("count"), mean: try r.readDouble("mean"),
            histogram: try r.readArray(Int64.self, "histogram").map { Int($0) }, deciles: try r.readDoubles("deciles"))
        let coverage = RetentionCoverage(
            people: try count("people"), withNextRung: try count("withNextRung"), withLadderData: try count("withLadderData"),
            researchNoData: try count("researchNoData"), signalCounts: try r.readArray(Int64.self, "signalCounts").map { Int($0) })
        guard r.isAtEnd else { throw bad("bytes follow the end of the result") }
        return RetentionResult(asOf: asOf, policy: policy, model: model, people: people, segments: segments,
                               distribution: distribution, coverage: coverage)
    }
}

/// Why bytes could not be read back as a retention result.
public struct RetentionDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Byte offset where the problem was found.
    public var offset: Int
    public var message: String

    public var description: String { "retention result at byte \(offset): \(message)" }
}
