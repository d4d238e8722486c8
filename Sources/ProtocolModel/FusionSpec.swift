/// Which fusion passes a `fused` engine runs; switching one off measures its contribution (ablation).
/// JSON: `"fusion": {"elementwise": true, "epilogue": false, "multipleOutputs": true, "reductions": true,
/// "generatedCode": true, "paddedSums": true}`, each defaulting to true.
public struct FusionSpec: Sendable, Equatable, Hashable {
    public var elementwise: Bool
    public var epilogue: Bool
    public var multipleOutputs: Bool
    /// Sums absorb the elementwise group producing their input (rides on `elementwise`).
    public var reductions: Bool
    /// Fused groups run as generated C compiled for the machine, not the blocked interpreter.
    public var generatedCode: Bool
    /// The gradient of slicing writes each piece into its window instead of adding padded copies.
    public var paddedSums: Bool

    public static let keys = ["elementwise", "epilogue", "multipleOutputs", "reductions", "generatedCode", "paddedSums"]

    public init(elementwise: Bool = true, epilogue: Bool = true, multipleOutputs: Bool = true, reductions: Bool = true,
                generatedCode: Bool = true, paddedSums: Bool = true) {
        self.paddedSums = paddedSums
        self.elementwise = elementwise
        self.epilogue = epilogue
        self.multipleOutputs = multipleOutputs
        self.reductions = reductions
        self.generatedCode = generatedCode
    }
}
