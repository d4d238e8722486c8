import Foundation
import TensorCore

/// Replaces every fused elementwise group by generated C compiled for this machine (`CompiledElementwise`):
/// all groups of a graph go into one source file and one compiler run, cached across processes. Where no
/// compiler is available, or a group uses a function without an exact C spelling, groups stay interpreted —
/// the results are the same either way, only the speed differs; `lastFailure` says why the latest graph's groups
/// were not compiled (nil after a graph compiled).
public struct GeneratedCodePass: GraphPass {
    public init() {}
    public var name: String { "generated-code" }

    nonisolated(unsafe) public private(set) static var lastFailure: String?

    public func run(_ graph: ComputationGraph) throws -> ComputationGraph {
        var sources: [String: ElementwiseCSource] = [:]   // by kernel key
        var keyOf: [Int: String] = [:]                      // node → kernel key
        for (index, node) in graph.nodes.enumerated() {
            guard let fused = node.op as? FusedElementwise else { continue }
            let key = "\(fused.signature)|\(fused.inputShapes)"
            if sources[key] == nil {
                guard let source = ElementwiseCSource(fused, name: "k_\(NativeCompiler.hash(key))") else { continue }
                sources[key] = source
            }
            keyOf[index] = key
        }
        guard !sources.isEmpty else { return graph }
        let ordered = sources.values.sorted { $0.name < $1.name }
        let text = CFunctionSource.prelude + ordered.map(\.text).joined(separator: "\n\n") + "\n"
        let kernels: [String: NativeCompiler.Kernel]
        do {
            kernels = try NativeCompiler.shared.load(source: text, names: ordered.map(\.name))
            Self.lastFailure = nil
        } catch {
            Self.lastFailure = "\(error)"
            return graph
        }
        return GraphRewriter.rebuild(graph, dropping: []) { index, node in
            guard let key = keyOf[index], let source = sources[key], let kernel = kernels[source.name],
                  let fused = node.op as? FusedElementwise else { return nil }
            let compiled = CompiledElementwise(interpreted: fused, kernel: kernel, rows: source.rows, columns: source.columns)
            return GraphNode(kind: .operation(compiled), inputs: node.inputs, shape: node.shape)
        }
    }
}
