/// Reverse-mode differentiation over tensor origins. Each op's VJP is written with tensor ops, so the same walk
/// computes numbers eagerly and emits backward nodes under capture.
public enum Gradients {
    /// d(output)/d(each of `parameters`), seeded with ones (or `seed`). A parameter the output does not depend on
    /// gets a zero gradient.
    public static func of(_ output: Tensor, withRespectTo parameters: [Tensor], seed: Tensor? = nil) throws -> [Tensor] {
        let order = topologicalOrder(from: output)
        var cotangents: [ObjectIdentifier: Tensor] = [:]
        cotangents[ObjectIdentifier(output)] = try seed ?? Tensor.onesLike(output)
        try ExecutionContext.withoutGradients {
            for tensor in order.reversed() {
                guard let origin = tensor.origin, let cotangent = cotangents[ObjectIdentifier(tensor)] else { continue }
                let inputGradients = try origin.op.vjp(inputs: origin.inputs, output: tensor, cotangent: cotangent,
                                                       needed: origin.inputs.map(\.requiresGradient))
                for (input, gradient) in zip(origin.inputs, inputGradients) {
                    guard input.requiresGradient, let gradient else { continue }
                    let key = ObjectIdentifier(input)
                    if let existing = cotangents[key] {
                        cotangents[key] = try existing + gradient
                    } else {
                        cotangents[key] = gradient
                    }
                }
                // Intermediates' cotangents are not needed once propagated; dropping them returns buffers early.
                if !parameters.contains(where: { $0 === tensor }) { cotangents[ObjectIdentifier(tensor)] = nil }
            }
        }
        return try parameters.map { parameter in
            try cotangents[ObjectIdentifier(parameter)] ?? Tensor.zerosLike(parameter)
        }
    }

    /// Tensors reachable from `output` through origins, each after all of its inputs.
    static func topologicalOrder(from output: Tensor) -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(output, false)]
        while let (tensor, expanded) = stack.popLast() {
            if expanded { order.append(tensor); continue }
            guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
            stack.append((tensor, true))
            for input in tensor.origin?.inputs ?? [] where input.requiresGradient && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }
}
