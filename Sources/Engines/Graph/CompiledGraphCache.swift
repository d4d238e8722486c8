import TensorCore

/// The executables a graph engine has compiled, one per input shape: a new batch size captures and compiles a
/// new graph, a repeated one replays. Shared by the CPU graph engines and the OpenCL engine, whose executables
/// differ but whose capture-once-per-shape rule does not.
public struct CompiledGraphCache<Executable> {
    private var training: [[Shape]: Executable] = [:]
    private var inference: [Shape: Executable] = [:]

    public init() {}

    /// The training step for these shapes; on a miss `compile` receives the capture to run and `isNew` is true.
    public mutating func trainingStep(model: any Layer, optimizer: any Optimizer, inputShape: Shape, labelShape: Shape,
                                      compile: (() throws -> ComputationGraph) throws -> Executable)
        rethrows -> (executable: Executable, isNew: Bool) {
        let key = [inputShape, labelShape]
        if let cached = training[key] { return (cached, false) }
        let executable = try compile {
            try GraphCapture.trainingStep(model: model, optimizer: optimizer, inputShape: inputShape, labelShape: labelShape)
        }
        training[key] = executable
        return (executable, true)
    }

    /// The inference graph for this input shape, compiled on first use.
    public mutating func inference(model: any Layer, inputShape: Shape,
                                   compile: (() throws -> ComputationGraph) throws -> Executable) rethrows -> Executable {
        if let cached = inference[inputShape] { return cached }
        let executable = try compile { try GraphCapture.inference(model: model, inputShape: inputShape) }
        inference[inputShape] = executable
        return executable
    }

    /// Drops every executable (an engine releasing device buffers in a set order).
    public mutating func removeAll() {
        training = [:]
        inference = [:]
    }
}
