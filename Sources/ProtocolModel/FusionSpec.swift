/// Which fusion passes a `fused` engine runs; switching one off measures its contribution (ablation).
/// JSON: `"fusion": {"elementwise": true, "epilogue": false, "multipleOutputs": true}`, each defaulting to true.
public struct FusionSpec: Sendable, Equatable, Hashable {
    public var elementwise: Bool
    public var epilogue: Bool
    public var multipleOutputs: Bool

    public static let keys = ["elementwise", "epilogue", "multipleOutputs"]

    public init(elementwise: Bool = true, epilogue: Bool = true, multipleOutputs: Bool = true) {
        self.elementwise = elementwise
        self.epilogue = epilogue
        self.multipleOutputs = multipleOutputs
    }
}
