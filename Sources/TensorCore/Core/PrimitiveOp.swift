/// Raw pointers and shapes handed to a CPU kernel. Engines fill them from fresh buffers (eager) or from arena
/// offsets (replay), so a kernel never allocates or knows which engine called it.
public struct KernelArguments {
    public let inputs: [UnsafePointer<Float>]
    public let inputShapes: [Shape]
    public let output: UnsafeMutablePointer<Float>
    public let outputShape: Shape
    /// Further outputs of multi-output kernels (fused groups), each shaped like `outputShape`.
    public let additionalOutputs: [UnsafeMutablePointer<Float>]

    public init(inputs: [UnsafePointer<Float>], inputShapes: [Shape], output: UnsafeMutablePointer<Float>, outputShape: Shape,
                additionalOutputs: [UnsafeMutablePointer<Float>] = []) {
        self.inputs = inputs
        self.inputShapes = inputShapes
        self.output = output
        self.outputShape = outputShape
        self.additionalOutputs = additionalOutputs
    }
}

/// The one extension point every engine shares: an op knows its output shape, its CPU kernel, and its
/// vector–Jacobian product written with other primitive ops — so the same rule computes gradients eagerly
/// and emits backward nodes under tracing.
public protocol PrimitiveOp: Sendable, CustomStringConvertible {
    /// The op's name with its attributes; two ops with equal signatures compute the same function.
    var signature: String { get }
    func outputShape(for inputs: [Shape]) throws -> Shape
    func execute(_ arguments: KernelArguments)
    /// Cotangents of the inputs given the output's cotangent; nil where an input gets no gradient.
    func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?]
    /// The VJP when only some inputs need a gradient (`needed[i]`), so an op can skip work nobody uses — a
    /// matmul then runs one GEMM instead of two for a layer whose input is data. Defaults to `vjp`.
    func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor, needed: [Bool]) throws -> [Tensor?]
}

extension PrimitiveOp {
    public var description: String { signature }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor, needed: [Bool]) throws -> [Tensor?] {
        try vjp(inputs: inputs, output: output, cotangent: cotangent)
    }
}
