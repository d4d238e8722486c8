/// Decoding of the top-level `agreement` object.
extension ProtocolDecoder {
    static let agreementKeys = ["steps", "tolerance"]

    func decodeAgreement(_ value: JSONValue, at path: JSONPath) -> AgreementPolicy? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        reader.checkKeys(allowed: ProtocolDecoder.agreementKeys, aliases: ProtocolDecoder.keyAliases)
        let steps = reader.integer("steps", .defaulted(AgreementPolicy.defaultSteps), bounds: .within(1...ProtocolLimits.steps))
        let tolerance = reader.number("tolerance", .defaulted(AgreementPolicy.defaultTolerance), bounds: .greaterThan(0))
        guard let steps, let tolerance else { return nil }
        return AgreementPolicy(steps: steps, tolerance: tolerance)
    }
}
