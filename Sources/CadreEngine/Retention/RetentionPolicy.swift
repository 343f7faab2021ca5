/// The tunable part of retention. The default coefficients are illustrative — chosen so each
/// signal raises the risk by a plausible amount, not estimated from any data — and are used only
/// when the organisation's own history is too short to fit them.
public struct RetentionPolicy: Hashable, Sendable, Codable {
    /// Research-time share (percent) below which `researchBelowPolicy` is set.
    public var researchSharePercent: Double
    /// β0 (intercept) then one per `RetentionSignal`, in its order.
    public var defaultCoefficients: [Double]
    /// λ of the ridge penalty on the signal coefficients (not the intercept).
    public var ridge: Double
    /// The model is fitted only with at least this many voluntary leavers in the fitting year.
    public var minimumLeavers: Int
    /// Newton iterations before the fit gives up (it then reports itself unconverged and the
    /// defaults are used).
    public var maximumIterations: Int
    /// A person meets the next rung when every gap is at most this (the assessment's τ).
    public var meetsTolerance: Double

    public init(
        researchSharePercent: Double = 10,
        defaultCoefficients: [Double] = RetentionPolicy.illustrativeCoefficients,
        ridge: Double = 1,
        minimumLeavers: Int = 30,
        maximumIterations: Int = 100,
        meetsTolerance: Double = 0.25
    ) {
        self.researchSharePercent = researchSharePercent
        self.defaultCoefficients = defaultCoefficients
        self.ridge = ridge
        self.minimumLeavers = minimumLeavers
        self.maximumIterations = maximumIterations
        self.meetsTolerance = meetsTolerance
    }

    public static let standard = RetentionPolicy()

    /// β0 = −2.5 (about 8 % a year with no signal set); then overdue 0.6 (per unit of
    /// overdueness, up to 2), readyNotPromoted 0.8, noNextRung 0.7, researchBelowPolicy 0.4,
    /// noConference12m 0.3, managerChange6m 0.5.
    public static let illustrativeCoefficients: [Double] = [-2.5, 0.6, 0.8, 0.7, 0.4, 0.3, 0.5]

    /// Every reason this policy cannot be used, each naming the field to fix in `file`.
    public func problems(file: String = "<configuration>") -> [InputError] {
        var found: [InputError] = []
        func problem(_ field: String, _ message: String, _ hint: String) {
            found.append(InputError(.retentionInvalidPolicy, file: file, field: "retention.\(field)", message: message, hint: hint))
        }
        if !(researchSharePercent.isFinite && (0...100).contains(researchSharePercent)) {
            problem("researchSharePercent", "must be a percentage from 0 to 100", "the default is 10")
        }
        if defaultCoefficients.count != RetentionSignal.coefficientCount || !defaultCoefficients.allSatisfy(\.isFinite) {
            problem("defaultCoefficients", "needs \(RetentionSignal.coefficientCount) finite numbers",
                    "the intercept, then \(RetentionSignal.allCases.map(\.name).joined(separator: ", "))")
        }
        if !(ridge.isFinite && ridge > 0) { problem("ridge", "must be a positive number", "the default is 1") }
        if minimumLeavers < 1 { problem("minimumLeavers", "must be at least 1", "the default is 30") }
        if maximumIterations < 1 { problem("maximumIterations", "must be at least 1", "the default is 100") }
        if !(meetsTolerance.isFinite && meetsTolerance >= 0) {
            problem("meetsTolerance", "must be a non-negative number", "the default is 0.25")
        }
        return found
    }
}
