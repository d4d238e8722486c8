/// Decoding of the measurement settings of tasks: a training task's quality `target` and an inference
/// task's server-scenario keys.
extension ProtocolDecoder {
    static let serverTaskKeys = ["targetRate", "latencyBoundMs", "searchHighestRate"]
    static let targetKeys = ["metric", "value", "evaluateEvery"]

    func decodeQualityTarget(_ value: JSONValue, at path: JSONPath) -> QualityTarget? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        reader.checkKeys(allowed: ProtocolDecoder.targetKeys, aliases: ProtocolDecoder.keyAliases)
        let metric = reader.enumeration("metric", as: TargetMetric.self)
        let threshold = reader.number("value", bounds: .any)
        let every = reader.integer("evaluateEvery", bounds: .within(1...ProtocolLimits.steps))
        guard let metric, let threshold, let every else { return nil }
        return QualityTarget(metric: metric, value: threshold, evaluateEvery: every)
    }

    /// The server settings, required for `.server` and rejected (one issue per key) for other scenarios.
    func decodeServerSettings(_ reader: ObjectReader, scenario: InferenceScenario) -> ServerSettings? {
        guard scenario == .server else {
            for key in ProtocolDecoder.serverTaskKeys {
                if let found = reader.value(key) {
                    context.report("key '\(key)' applies only to scenario 'server'; expected it absent for scenario '\(scenario.rawValue)'",
                                   at: found.path, position: found.value.position)
                }
            }
            return nil
        }
        let rate = reader.number("targetRate", bounds: NumberBounds(minimum: 0, minimumIsExclusive: true, maximum: ProtocolLimits.rate))
        let bound = reader.number("latencyBoundMs", bounds: NumberBounds(minimum: 0, minimumIsExclusive: true, maximum: ProtocolLimits.seconds * 1000))
        let search = reader.bool("searchHighestRate", .defaulted(false))
        guard let rate, let bound, let search else { return nil }
        return ServerSettings(targetRate: rate, latencyBoundMilliseconds: bound, searchHighestRate: search)
    }
}
