import TensorCore

/// One named tensor of a checkpoint, in the layout PyTorch's `state_dict()` uses.
public struct CheckpointTensor: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    public var values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// Maps a model's parameters to and from named tensors so trained weights can leave dlbench and PyTorch weights
/// can enter it (the Runner stores them as safetensors).
///
/// Naming: a tensor's name is the parameter's name (`layers.0.weight`, `features.1.conv.bias`,
/// `blocks.0.attention.in_proj.weight`), which the layers give in PyTorch's `state_dict` spelling.
/// Layout: every tensor is stored as PyTorch stores it. The one difference is `Linear`: dlbench keeps its weight
/// as [inputs, outputs] (the forward pass is one GEMM without a transpose) while `nn.Linear` keeps
/// [outputs, inputs], so `Linear` weights — found by walking the model, wherever they sit — are transposed on
/// export and on import. Convolution ([out, in, kH, kW]), embedding and normalisation tensors match PyTorch
/// as they are. Not converted: the LSTM's gate order and fused bias (see `LSTM`), whose tensors round-trip
/// through dlbench but need re-arranging to come from `nn.LSTM`.
/// Loading is strict, like `load_state_dict(strict=True)`: every parameter needs a tensor of the right
/// shape and every tensor a parameter, or nothing is changed and a `CheckpointError` says which.
public enum Checkpoint {
    /// The model's parameters in PyTorch layout, in parameter order.
    public static func tensors(of model: any Layer) throws -> [CheckpointTensor] {
        let transposed = LinearWeights.identifiers(in: model)
        return try model.parameters.map { parameter in
            let shape = parameter.value.shape.dimensions
            let values = try parameter.value.values()
            guard transposed.contains(ObjectIdentifier(parameter)), shape.count == 2 else {
                return CheckpointTensor(name: parameter.name, shape: shape, values: values)
            }
            return CheckpointTensor(name: parameter.name, shape: [shape[1], shape[0]],
                                    values: transpose(values, rows: shape[0], columns: shape[1]))
        }
    }

    /// Replaces every parameter of `model` with the tensor of the same name; `source` names the file in errors.
    public static func load(_ tensors: [CheckpointTensor], into model: any Layer, source: String) throws {
        var byName: [String: CheckpointTensor] = [:]
        for tensor in tensors {
            guard byName.updateValue(tensor, forKey: tensor.name) == nil else {
                throw CheckpointError.duplicateTensor(source: source, name: tensor.name)
            }
        }
        let parameters = model.parameters
        let missing = parameters.map(\.name).filter { byName[$0] == nil }
        guard missing.isEmpty else { throw CheckpointError.missingTensors(source: source, names: missing) }
        let parameterNames = Set(parameters.map(\.name))
        let unexpected = tensors.map(\.name).filter { !parameterNames.contains($0) }
        guard unexpected.isEmpty else { throw CheckpointError.unexpectedTensors(source: source, names: unexpected) }
        let transposed = LinearWeights.identifiers(in: model)
        var replacements: [(Parameter, Tensor)] = []
        for parameter in parameters {
            guard let tensor = byName[parameter.name] else { continue }
            let shape = parameter.value.shape.dimensions
            let isLinearWeight = transposed.contains(ObjectIdentifier(parameter)) && shape.count == 2
            let expected = isLinearWeight ? [shape[1], shape[0]] : shape
            guard tensor.shape == expected, tensor.values.count == shape.reduce(1, *) else {
                throw CheckpointError.shapeMismatch(source: source, name: parameter.name, expected: expected, found: tensor.shape,
                                                    isLinearWeight: isLinearWeight)
            }
            let values = isLinearWeight ? transpose(tensor.values, rows: expected[0], columns: expected[1]) : tensor.values
            replacements.append((parameter, Tensor(shape: Shape(shape), values: values)))
        }
        for (parameter, value) in replacements { parameter.assign(value) }
    }

    /// Row-major [rows, columns] → [columns, rows].
    static func transpose(_ values: [Float], rows: Int, columns: Int) -> [Float] {
        var result = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for row in 0..<rows {
                    for column in 0..<columns { target[column * rows + row] = source[row * columns + column] }
                }
            }
        }
        return result
    }
}

/// Why a checkpoint does not fit a model; each message names the file and the tensors.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    case missingTensors(source: String, names: [String])
    case unexpectedTensors(source: String, names: [String])
    case duplicateTensor(source: String, name: String)
    case shapeMismatch(source: String, name: String, expected: [Int], found: [Int], isLinearWeight: Bool)

    public var description: String {
        func list(_ names: [String]) -> String {
            names.prefix(8).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 8 ? " and \(names.count - 8) more" : "")
        }
        switch self {
        case let .missingTensors(source, names):
            return "\(source): missing tensors for parameters \(list(names)); expected one tensor per model parameter"
        case let .unexpectedTensors(source, names):
            return "\(source): tensors \(list(names)) match no model parameter; expected only the model's parameter names"
        case let .duplicateTensor(source, name):
            return "\(source): tensor '\(name)' appears twice; expected each name once"
        case let .shapeMismatch(source, name, expected, found, isLinearWeight):
            let layout = isLinearWeight ? " (PyTorch layout [outputs, inputs])" : ""
            return "\(source): tensor '\(name)' has shape \(found); expected \(expected)\(layout)"
        }
    }
}
