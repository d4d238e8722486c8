import OpenCLRuntime
import TensorCore

/// Why the OpenCL engine could not lower or run a graph, with the op and shapes involved, so a failed case says
/// which node broke rather than only which OpenCL call did.
public enum OpenCLEngineError: Error, CustomStringConvertible {
    /// A node could not be lowered to a device launch (an unexpected graph shape, or a kernel refused its sizes).
    case lowering(op: String, shapes: [Shape], reason: String)
    /// A parameter had no host values to upload (a symbolic tensor).
    case symbolicParameter(index: Int)

    public var description: String {
        switch self {
        case let .lowering(op, shapes, reason):
            return "opencl engine cannot lower \(op) on \(shapes.map(\.description).joined(separator: ", ")): \(reason)"
        case let .symbolicParameter(index):
            return "opencl engine: parameter \(index) has no values to upload; build the model with concrete weights"
        }
    }
}
