/// The open extension point for update rules. Updates are written with tensor ops, so a tracer captures them
/// as part of the training step like the forward and backward passes.
public protocol Optimizer: AnyObject {
    func update(_ parameters: [Parameter], gradients: [Tensor]) throws
    /// Tensors the optimizer keeps between steps (momenta), for memory accounting.
    var stateTensors: [Tensor] { get }
}

extension Optimizer {
    public var stateBytes: Int { stateTensors.reduce(0) { $0 + $1.elementCount * MemoryLayout<Float>.stride } }
}
