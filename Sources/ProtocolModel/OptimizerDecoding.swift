/// Decoding of a train task's `optimizer` object.
///
/// Only the keys of the chosen kind are accepted (`momentum` with adam is a mistake, not a no-op).
extension ProtocolDecoder {
    func decodeOptimizer(_ value: JSONValue, at path: JSONPath) -> OptimizerSpec? {
        guard let reader = ObjectReader(value, at: path, context: context, expectation: "an optimizer object") else { return nil }
        let kind = reader.enumeration("kind", as: OptimizerKind.self)
        let settingKeys: [String]
        if let kind {
            settingKeys = kind.settingKeys
        } else {
            var union: [String] = []
            for candidate in OptimizerKind.allCases {
                union += candidate.settingKeys.filter { !union.contains($0) }
            }
            settingKeys = union
        }
        reader.checkKeys(allowed: ["kind"] + settingKeys, aliases: ProtocolDecoder.keyAliases)
        let defaults = OptimizerSpec(kind: .sgd, learningRate: 1)
        let learningRate = reader.number("lr", bounds: .greaterThan(0))
        let momentum = reader.number("momentum", .defaulted(defaults.momentum), bounds: .halfOpen(0, 1))
        let nesterov = reader.bool("nesterov", .defaulted(defaults.nesterov))
        let weightDecay = reader.number("weightDecay", .defaulted(defaults.weightDecay), bounds: .atLeast(0))
        let beta1 = reader.number("beta1", .defaulted(defaults.beta1), bounds: .halfOpen(0, 1))
        let beta2 = reader.number("beta2", .defaulted(defaults.beta2), bounds: .halfOpen(0, 1))
        let epsilon = reader.number("epsilon", .defaulted(defaults.epsilon), bounds: .greaterThan(0))
        guard let kind, let learningRate, let momentum, let nesterov, let weightDecay, let beta1, let beta2, let epsilon
        else { return nil }
        return OptimizerSpec(
            kind: kind, learningRate: learningRate, momentum: momentum, nesterov: nesterov,
            weightDecay: weightDecay, beta1: beta1, beta2: beta2, epsilon: epsilon)
    }
}
