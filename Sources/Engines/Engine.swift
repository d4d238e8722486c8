import TensorCore

/// One execution strategy for a model's training step and inference. Engines differ in *how* they run the
/// same model, optimizer and loss; the runner measures them side by side.
public protocol Engine: AnyObject {
    var name: String { get }
    /// One forward + backward + update on a batch; returns the loss before the update.
    func trainStep(inputs: Tensor, labels: Tensor) throws -> Float
    /// A forward pass in evaluation mode, without recording gradients.
    func infer(inputs: Tensor) throws -> Tensor
    /// Bytes of optimizer state currently held.
    var optimizerStateBytes: Int { get }
    /// Capture and memory-plan figures; nil for engines that do not capture.
    var statistics: EngineStatistics? { get }
    /// Makes the model's `Parameter` values current (engines that keep their own copies write them back),
    /// before weights are exported or read by another engine.
    func synchronizeModelParameters()
    /// Per-kernel times recorded since the previous call (which starts a new stretch); nil when the engine was
    /// not asked to profile or has no kernel list to time (eager).
    func takeKernelProfile() throws -> KernelProfile?
}
