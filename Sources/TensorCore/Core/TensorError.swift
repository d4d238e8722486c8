/// Errors raised by tensor operations. Each names the op and the shapes involved so a user can find the layer at fault.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    case shapeMismatch(op: String, shapes: [Shape], reason: String)
    case invalidAttribute(op: String, shapes: [Shape], reason: String)
    case notDifferentiable(op: String)
    case invalidValue(op: String, reason: String)
    case symbolicValue(op: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, shapes, reason):
            return "\(op): incompatible shapes \(shapes.map(\.description).joined(separator: " and ")): \(reason)"
        case let .invalidAttribute(op, shapes, reason):
            return "\(op) on \(shapes.map(\.description).joined(separator: ", ")): \(reason)"
        case let .notDifferentiable(op):
            return "\(op) has no gradient rule (it is itself part of a gradient)"
        case let .invalidValue(op, reason):
            return "\(op): \(reason)"
        case let .symbolicValue(op):
            return "\(op): the value of a symbolic tensor was read during graph capture; "
                + "control flow must not depend on tensor values inside a captured step"
        }
    }
}

extension TensorError: LocalizedError {
    public var errorDescription: String? { description }
}

import Foundation
