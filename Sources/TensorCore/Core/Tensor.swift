/// A Float32 tensor. Concrete tensors own a pooled buffer; symbolic tensors (during graph capture) have a shape
/// and an origin but no storage. Integer data (class labels, token ids) is stored exactly as Float32 (< 2^24).
public final class Tensor: @unchecked Sendable {
    public let shape: Shape
    public let storage: TensorBuffer?
    /// The op and inputs that produced this tensor, kept while gradients are recorded or a graph is captured.
    public let origin: TensorOrigin?
    /// Whether gradients flow to this tensor (parameters, and results of ops on them).
    public let requiresGradient: Bool
    /// An identifier for graph capture (leaves and placeholders); nil for eager intermediates.
    public var symbol: Int?

    public init(shape: Shape, storage: TensorBuffer?, origin: TensorOrigin? = nil, requiresGradient: Bool = false) {
        self.shape = shape
        self.storage = storage
        self.origin = origin
        self.requiresGradient = requiresGradient
    }

    /// A concrete tensor filled from `values` (count must match the shape).
    public convenience init(shape: Shape, values: [Float], requiresGradient: Bool = false) {
        precondition(values.count == shape.elementCount, "Tensor(values:): \(values.count) values for shape \(shape)")
        let buffer = TensorBuffer(count: shape.elementCount)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.pointer.update(from: base, count: values.count) }
        }
        self.init(shape: shape, storage: buffer, requiresGradient: requiresGradient)
    }

    public static func zeros(_ shape: Shape, requiresGradient: Bool = false) -> Tensor {
        filled(shape, value: 0, requiresGradient: requiresGradient)
    }

    public static func filled(_ shape: Shape, value: Float, requiresGradient: Bool = false) -> Tensor {
        let buffer = TensorBuffer(count: shape.elementCount)
        buffer.pointer.update(repeating: value, count: shape.elementCount)
        return Tensor(shape: shape, storage: buffer, requiresGradient: requiresGradient)
    }

    public static func scalar(_ value: Float) -> Tensor { filled(.scalar, value: value) }

    /// The same storage, marked as a gradient leaf (a parameter), with no history.
    /// Keeps `symbol`, so a captured placeholder stays the same graph node when a Parameter re-wraps it.
    public func asLeaf(requiresGradient: Bool = true) -> Tensor {
        let leaf = Tensor(shape: shape, storage: storage, requiresGradient: requiresGradient)
        leaf.symbol = symbol
        return leaf
    }

    /// The same storage without history, as `detach()` in PyTorch.
    public func detached() -> Tensor {
        let tensor = Tensor(shape: shape, storage: storage)
        tensor.symbol = symbol
        return tensor
    }

    public var isSymbolic: Bool { storage == nil }
    public var elementCount: Int { shape.elementCount }

    /// Reads the values. Throws under graph capture, where a tensor has no value yet.
    public func values() throws -> [Float] {
        guard let storage else { throw TensorError.symbolicValue(op: "values()") }
        return Array(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Reads a one-element tensor.
    public func scalarValue() throws -> Float {
        guard let storage else { throw TensorError.symbolicValue(op: "scalarValue()") }
        guard shape.elementCount == 1 else {
            throw TensorError.invalidValue(op: "scalarValue()", reason: "tensor of shape \(shape) is not a scalar")
        }
        return storage.pointer[0]
    }
}

/// How a tensor was produced: enough to replay or differentiate it.
public struct TensorOrigin: @unchecked Sendable {
    public let op: any PrimitiveOp
    public let inputs: [Tensor]

    public init(op: any PrimitiveOp, inputs: [Tensor]) {
        self.op = op
        self.inputs = inputs
    }
}
