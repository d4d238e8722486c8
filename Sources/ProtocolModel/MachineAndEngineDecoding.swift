/// Decoding of `machines[]` and `engines[]` entries.
extension ProtocolDecoder {
    func decodeMachine(_ value: JSONValue, at path: JSONPath) -> MachineSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        reader.checkKeys(allowed: ["name", "threads", "device", "deviceFilter", "fallback"], aliases: ProtocolDecoder.keyAliases)
        let name = reader.string("name")
        let threads = reader.integer("threads", .defaulted(1), bounds: .within(MachineSpec.threadRange))
        let device = reader.enumeration("device", .defaulted(DeviceKind.cpu), as: DeviceKind.self)
        let deviceFilter = reader.string("deviceFilter", .optional)
        let fallback = reader.enumeration("fallback", .defaulted(DeviceFallback.fail), as: DeviceFallback.self)
        guard let name, let threads, let device, let fallback else { return nil }
        if reader.value("deviceFilter") != nil && deviceFilter == nil { return nil }
        return MachineSpec(name: name, threads: threads, device: device, deviceFilter: deviceFilter, fallback: fallback)
    }

    func decodeEngine(_ value: JSONValue, at path: JSONPath) -> EngineSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        reader.checkKeys(allowed: ["name", "kind", "fusion", "profileKernels"] + ProtocolDecoder.externalEngineKeys,
                         aliases: ProtocolDecoder.keyAliases)
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
        if let kind, !kind.profilesKernels, let found = reader.value("profileKernels") {
            let kinds = EngineKind.profilingKinds.map { "'\($0.rawValue)'" }
            context.report("'profileKernels' applies only to engines of kind \(kinds.dropLast().joined(separator: ", ")) "
                           + "or \(kinds.last ?? ""), found kind '\(kind.rawValue)'",
                           at: found.path, position: found.value.position)
            return nil
        }
        let profileKernels = reader.bool("profileKernels", .defaulted(false))
        guard let name, let kind, let fusion, let profileKernels else { return nil }
        guard kind == .external else {
            if let key = ProtocolDecoder.externalEngineKeys.first(where: reader.contains), let found = reader.value(key) {
                context.report("'\(key)' applies only to engines of kind 'external', found kind '\(kind.rawValue)'",
                               at: found.path, position: found.value.position)
                return nil
            }
            return EngineSpec(name: name, kind: kind, fusion: fusion, profileKernels: profileKernels)
        }
        guard let external = decodeExternalWorker(reader) else { return nil }
        return EngineSpec(name: name, kind: kind, fusion: fusion, external: external)
    }

    func decodeFusion(_ value: JSONValue, at path: JSONPath) -> FusionSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        reader.checkKeys(allowed: FusionSpec.keys, aliases: ProtocolDecoder.keyAliases)
        let defaults = FusionSpec()
        guard let elementwise = reader.bool("elementwise", .defaulted(defaults.elementwise)),
              let epilogue = reader.bool("epilogue", .defaulted(defaults.epilogue)),
              let multipleOutputs = reader.bool("multipleOutputs", .defaulted(defaults.multipleOutputs)),
              let reductions = reader.bool("reductions", .defaulted(defaults.reductions)),
              let generatedCode = reader.bool("generatedCode", .defaulted(defaults.generatedCode)),
              let paddedSums = reader.bool("paddedSums", .defaulted(defaults.paddedSums))
        else { return nil }
        return FusionSpec(elementwise: elementwise, epilogue: epilogue, multipleOutputs: multipleOutputs,
                          reductions: reductions, generatedCode: generatedCode, paddedSums: paddedSums)
    }
}
