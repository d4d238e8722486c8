import Engines
import ProtocolModel

extension FusionOptions {
    /// The passes a protocol's `"fusion"` object switches on (ProtocolModel knows no engine types).
    public init(_ spec: FusionSpec) {
        self.init(elementwise: spec.elementwise, epilogue: spec.epilogue, multipleOutputs: spec.multipleOutputs,
                  reductions: spec.reductions, generatedCode: spec.generatedCode, paddedSums: spec.paddedSums)
    }
}
