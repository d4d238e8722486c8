/// The open extension point for update rules. The rule itself is a pure function of tensors
/// (`apply`): parameter, gradient and per-parameter state in, new parameter and new state out, plus a few
/// per-step scalars (Adam's bias corrections) passed as tensors. Eager engines call it step by step; graph
/// engines capture it once with the scalars as graph inputs, so one rule serves every engine.
public protocol Optimizer: AnyObject {
    /// How many state tensors (each shaped like its parameter) the rule keeps per parameter.
    var stateSlotsPerParameter: Int { get }
    /// Advances the step counter and returns this step's scalar inputs to `apply`.
    func nextStepScalars() -> [Float]
    /// How many scalars `nextStepScalars` returns (without advancing the counter).
    var nextStepScalarsCount: Int { get }
    func apply(parameter: Tensor, gradient: Tensor, state: [Tensor], scalars: [Tensor]) throws -> (parameter: Tensor, state: [Tensor])

    /// State held for eager use: `stateSlotsPerParameter` tensors per parameter, in parameter order.
    var stateTensors: [Tensor] { get }
    var eagerState: [[Tensor]] { get set }
}

extension Optimizer {
    public var stateTensors: [Tensor] { eagerState.flatMap { $0 } }
    public var stateBytes: Int { stateTensors.reduce(0) { $0 + $1.elementCount * MemoryLayout<Float>.stride } }

    /// One eager update of `parameters` in place (each Parameter gets its new value), keeping state between calls.
    public func update(_ parameters: [Parameter], gradients: [Tensor]) throws {
        try ExecutionContext.withoutGradients {
            if eagerState.count != parameters.count {
                eagerState = try parameters.map { parameter in
                    try (0..<stateSlotsPerParameter).map { _ in try Tensor.zerosLike(parameter.value) }
                }
            }
            let scalars = nextStepScalars().map { Tensor.scalar($0) }
            for (index, (parameter, gradient)) in zip(parameters, gradients).enumerated() {
                let result = try apply(parameter: parameter.value.detached(), gradient: gradient,
                                       state: eagerState[index], scalars: scalars)
                parameter.assign(result.parameter)
                eagerState[index] = result.state
            }
        }
    }
}
