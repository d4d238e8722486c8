/// Decoding of `machines[]` and `engines[]` entries.
extension ProtocolDecoder {
    func decodeMachine(_ value: JSONValue, at path: JSONPath) -> MachineSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        reader.checkKeys(allowed: ["name", "threads", "device"], aliases: ProtocolDecoder.keyAliases)
        let name = reader.string("name")
        let threads = reader.integer("threads", .defaulted(1), bounds: .within(MachineSpec.threadRange))
        let device = reader.enumeration("device", .defaulted(DeviceKind.cpu), as: DeviceKind.self)
        guard let name, let threads, let device else { return nil }
        return MachineSpec(name: name, threads: threads, device: device)
    }

    func decodeEngine(_ value: JSONValue, at path: JSONPath) -> EngineSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        reader.checkKeys(allowed: ["name", "kind", "fusion"], aliases: ProtocolDecoder.keyAliases)
        let name = reader.string("name")
        let kind = reader.enumeration("kind", as: EngineKind.self)
        if let kind, !kind.isAvailable, let found = reader.value("kind") {
            let available = EngineKind.allCases.filter(\.isAvailable).map(\.rawValue).joined(separator: ", ")
            context.report(
                "engine kind '\(kind.rawValue)' is not available in this version of dlbench (available: \(available))",
                at: found.path, position: found.value.position)
            return nil
        }
        let fusion = reader.field("fusion", .defaulted(FusionSpec()), expectation: "an object of fusion switches") {
            decodeFusion($0, at: $1)
        }
        if let kind, kind != .fused, let found = reader.value("fusion") {
            context.report("'fusion' applies only to engines of kind 'fused', found kind '\(kind.rawValue)'",
                           at: found.path, position: found.value.position)
            return nil
        }
        guard let name, let kind, let fusion else { return nil }
        return EngineSpec(name: name, kind: kind, fusion: fusion)
    }

    func decodeFusion(_ value: JSONValue, at path: JSONPath) -> FusionSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        reader.checkKeys(allowed: FusionSpec.keys, aliases: ProtocolDecoder.keyAliases)
        let defaults = FusionSpec()
        guard let elementwise = reader.bool("elementwise", .defaulted(defaults.elementwise)),
              let epilogue = reader.bool("epilogue", .defaulted(defaults.epilogue)),
              let multipleOutputs = reader.bool("multipleOutputs", .defaulted(defaults.multipleOutputs))
        else { return nil }
        return FusionSpec(elementwise: elementwise, epilogue: epilogue, multipleOutputs: multipleOutputs)
    }
}
