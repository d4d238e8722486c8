/// Decoding of the `repetition` object: warm-up, trial counts, the stopping rule and the per-case budget.
extension ProtocolDecoder {
    static let repetitionKeys = [
        "warmupSteps", "warmupUntilStable", "warmupStabilityTolerance", "maxWarmupSteps", "trials", "minTrials",
        "maxTrials", "maxDurationSeconds", "targetRelativeCIWidth", "caseTimeoutSeconds", "noiseWarningCV",
        "maxSecondsPerCase",
    ]

    func decodeRepetition(_ value: JSONValue, at path: JSONPath) -> RepetitionPolicy? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        let mark = context.issueCount
        reader.checkKeys(allowed: ProtocolDecoder.repetitionKeys, aliases: ProtocolDecoder.keyAliases)
        let defaults = RepetitionPolicy()
        let trialBounds = IntegerBounds.within(RepetitionPolicy.trialRange)
        let warmupSteps = reader.integer("warmupSteps", .defaulted(defaults.warmupSteps), bounds: .within(0...ProtocolLimits.warmupSteps))
        let untilStable = reader.bool("warmupUntilStable", .defaulted(false))
        let tolerance = reader.number("warmupStabilityTolerance", .defaulted(defaults.warmupStabilityTolerance),
                                      bounds: NumberBounds(minimum: 0, minimumIsExclusive: true, maximum: 1,
                                                           maximumIsExclusive: true))
        let maxWarmupSteps = reader.integer("maxWarmupSteps", .defaulted(defaults.maxWarmupSteps), bounds: .within(1...ProtocolLimits.warmupSteps))
        let trials = reader.integer("trials", .optional, bounds: trialBounds)
        let minTrials = reader.integer("minTrials", .optional, bounds: trialBounds)
        let maxTrials = reader.integer("maxTrials", .optional, bounds: trialBounds)
        let maxDuration = reader.number("maxDurationSeconds", .optional, bounds: .seconds)
        let ciWidth = reader.number("targetRelativeCIWidth", .optional, bounds: .greaterThan(0))
        let timeout = reader.number("caseTimeoutSeconds", .defaulted(defaults.caseTimeoutSeconds), bounds: .seconds)
        let noiseCV = reader.number("noiseWarningCV", .defaulted(defaults.noiseWarningCV), bounds: .greaterThan(0))
        let caseSeconds = reader.number("maxSecondsPerCase", .optional, bounds: .seconds)
        if let minTrials, let maxTrials, minTrials > maxTrials, let found = reader.value("minTrials") {
            context.report("expected minTrials ≤ maxTrials (\(maxTrials)), found \(minTrials)",
                           at: found.path, position: found.value.position)
        }
        guard context.hasNoIssues(since: mark), let warmupSteps, let untilStable, let tolerance, let maxWarmupSteps,
              let timeout, let noiseCV
        else { return nil }
        // A fixed `trials` count alone keeps its meaning; anything else gets the adaptive stopping rule.
        let fixed = trials != nil && ciWidth == nil && minTrials == nil && maxTrials == nil && caseSeconds == nil
        var policy = fixed
            ? RepetitionPolicy(warmupSteps: warmupSteps, trials: trials ?? defaults.trials)
            : RepetitionPolicy.adaptive(warmupSteps: warmupSteps, minTrials: minTrials ?? trials, maxTrials: maxTrials,
                                        targetRelativeCIWidth: ciWidth, maxSecondsPerCase: caseSeconds)
        policy.warmupUntilStable = untilStable
        policy.warmupStabilityTolerance = tolerance
        policy.maxWarmupSteps = maxWarmupSteps
        policy.maxDurationSeconds = maxDuration
        policy.caseTimeoutSeconds = timeout
        policy.noiseWarningCV = noiseCV
        return policy
    }
}
