/// Which fusion passes the fused engine runs. Each can be switched off so a protocol can measure what it
/// contributes (ablation); all off is the traced engine.
public struct FusionOptions: Hashable, Sendable {
    /// Chains of elementwise ops become one blocked kernel.
    public var elementwise: Bool
    /// matmul + bias (+ ReLU) become one GEMM with an epilogue.
    public var epilogue: Bool
    /// Groups may write several outputs (an optimizer's new parameter and new state in one pass).
    public var multipleOutputs: Bool
    /// A sum over leading or trailing axes absorbs the elementwise group that produces its input (needs
    /// `elementwise`). CPU only for now: the OpenCL engine runs without it (`FusionOptions.device`).
    public var reductions: Bool
    /// Fused elementwise groups run as generated C compiled for this machine instead of the blocked interpreter
    /// (needs `elementwise` and a C compiler; CPU only).
    public var generatedCode: Bool
    /// Sums of padded pieces (the gradient of slicing) write each piece into its window (CPU only for now).
    public var paddedSums: Bool

    public init(elementwise: Bool = true, epilogue: Bool = true, multipleOutputs: Bool = true, reductions: Bool = true,
                generatedCode: Bool = true, paddedSums: Bool = true) {
        self.paddedSums = paddedSums
        self.elementwise = elementwise
        self.epilogue = epilogue
        self.multipleOutputs = multipleOutputs
        self.reductions = reductions
        self.generatedCode = generatedCode
    }

    public static let all = FusionOptions()
    public static let none = FusionOptions(elementwise: false, epilogue: false, multipleOutputs: false, reductions: false,
                                           generatedCode: false, paddedSums: false)
    /// What the OpenCL engine runs: every pass it has kernels for.
    public static let device = FusionOptions(reductions: false, generatedCode: false, paddedSums: false)

    /// The pass pipeline: the simplifications every graph engine runs, then the enabled fusions.
    public var passes: [any GraphPass] {
        var passes: [any GraphPass] = [SimplificationPass()]
        if epilogue { passes.append(EpilogueFusionPass()) }
        if paddedSums { passes.append(PaddedSumPass()) }
        if elementwise { passes.append(ElementwiseFusionPass(multipleOutputs: multipleOutputs, absorbsReductions: reductions)) }
        if elementwise && generatedCode { passes.append(GeneratedCodePass()) }
        return passes
    }
}
