/// One step of a lowered graph: a closure that enqueues a node's kernel(s) on buffers bound at compile time.
/// Replaying a graph is a loop over these, so a step allocates no device memory and builds no program.
struct DeviceLaunch {
    /// The node's op signature, for errors and kernel listings.
    let label: String
    /// True when the node runs on the host (download, CPU kernel, upload) for want of a device kernel.
    let isFallback: Bool
    let encode: () throws -> Void
}
