extension BinaryFunction {
    /// The function as a C expression over two float expressions; C99 and OpenCL C spell these alike, so the
    /// generated CPU kernels and the OpenCL kernels share it.
    public func cExpression(_ a: String, _ b: String) -> String {
        switch self {
        case .add: return "(\(a) + \(b))"
        case .subtract: return "(\(a) - \(b))"
        case .multiply: return "(\(a) * \(b))"
        case .divide: return "(\(a) / \(b))"
        case .equalMask: return "(\(a) == \(b) ? 1.0f : 0.0f)"
        }
    }
}
