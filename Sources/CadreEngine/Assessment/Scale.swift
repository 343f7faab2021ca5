/// How the number in an evidence record is read onto Cadre's one 0–5 proficiency scale.
///
/// Every source reports on its own scale (a percentage score, an O*NET level, a 0–5 rating); a
/// `Scale` is the linear map of `[min, max]` onto `[0, 5]`, clamped, so a score of 120 % is read
/// as 5.0 rather than as more than "authority".
public struct Scale: Codable, Hashable, Sendable {
    public var name: String
    public var min: Double
    public var max: Double

    public init(name: String, min: Double, max: Double) {
        self.name = name
        self.min = min
        self.max = max
    }

    /// The value on the 0–5 scale.
    ///
    /// Multiplies before dividing, `(raw − min) · 5 / (max − min)`, so that whole-number inputs
    /// land exactly where a person computing by hand expects (`percent` 55 → 2.75, not 2.7500…01).
    public func level(_ raw: Double) -> Double {
        let mapped = (raw - min) * 5 / (max - min)
        if mapped < 0 { return 0 }
        if mapped > 5 { return 5 }
        return mapped
    }

    /// Why a configured scale cannot be used, or nil when it can.
    public var problem: String? {
        if name.isEmpty { return "a scale needs a name" }
        if !min.isFinite || !max.isFinite { return "scale '\(name)' has a bound that is not a finite number" }
        if !(max > min) { return "scale '\(name)' needs max greater than min (min \(min), max \(max))" }
        return nil
    }

    /// Cadre's own 0–5 proficiency levels, read as they are.
    public static let level = Scale(name: "level", min: 0, max: 5)
    /// Test scores and completion rates.
    public static let percent = Scale(name: "percent", min: 0, max: 100)
    /// O*NET's 0–7 level anchors.
    public static let onetLevel = Scale(name: "onet-level", min: 0, max: 7)

    public static let builtIn: [Scale] = [.level, .percent, .onetLevel]
}
