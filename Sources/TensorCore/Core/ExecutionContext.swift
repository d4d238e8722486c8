/// Decides what applying an op means: compute it now (eager) or record it (capture). Model and gradient code
/// only ever calls `Tensor.apply`, so it runs unchanged under either.
public protocol OpExecutor: AnyObject {
    func execute(_ op: any PrimitiveOp, inputs: [Tensor], outputShape: Shape) throws -> Tensor
}

/// Runs each op at once on pooled CPU buffers, recording the origin only when a gradient will be needed.
public final class EagerExecutor: OpExecutor {
    public init() {}

    public func execute(_ op: any PrimitiveOp, inputs: [Tensor], outputShape: Shape) throws -> Tensor {
        var pointers: [UnsafePointer<Float>] = []
        pointers.reserveCapacity(inputs.count)
        for input in inputs {
            guard let storage = input.storage else { throw TensorError.symbolicValue(op: op.signature) }
            pointers.append(UnsafePointer(storage.pointer))
        }
        let output = TensorBuffer(count: outputShape.elementCount)
        op.execute(KernelArguments(inputs: pointers, inputShapes: inputs.map(\.shape), output: output.pointer,
                                   outputShape: outputShape))
        let recordsGradient = ExecutionContext.isRecordingGradients && inputs.contains(where: \.requiresGradient)
        return Tensor(shape: outputShape, storage: output,
                      origin: recordsGradient ? TensorOrigin(op: op, inputs: inputs) : nil,
                      requiresGradient: recordsGradient)
    }
}

/// The executor in force and the mode flags. One benchmark case runs on one thread at a time, so a process-wide
/// setting is enough; `with…` helpers restore the previous value on every exit path.
public enum ExecutionContext {
    nonisolated(unsafe) public private(set) static var executor: any OpExecutor = EagerExecutor()
    nonisolated(unsafe) public private(set) static var isRecordingGradients = true
    nonisolated(unsafe) public private(set) static var isTraining = true

    public static func withExecutor<T>(_ executor: any OpExecutor, _ body: () throws -> T) rethrows -> T {
        let saved = self.executor
        self.executor = executor
        defer { self.executor = saved }
        return try body()
    }

    public static func withoutGradients<T>(_ body: () throws -> T) rethrows -> T {
        let saved = isRecordingGradients
        isRecordingGradients = false
        defer { isRecordingGradients = saved }
        return try body()
    }

    /// Evaluation mode: dropout becomes the identity.
    public static func withTraining<T>(_ training: Bool, _ body: () throws -> T) rethrows -> T {
        let saved = isTraining
        isTraining = training
        defer { isTraining = saved }
        return try body()
    }
}

extension Tensor {
    /// Applies `op` through the current executor after checking shapes.
    public static func apply(_ op: any PrimitiveOp, _ inputs: [Tensor]) throws -> Tensor {
        let shape = try op.outputShape(for: inputs.map(\.shape))
        return try ExecutionContext.executor.execute(op, inputs: inputs, outputShape: shape)
    }
}
