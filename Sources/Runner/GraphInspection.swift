import Engines
import Foundation
import ProtocolModel
import TensorCore
import TrialExecution

/// What a graph engine captures for a task, as text: so a user can see the nodes, the kernels after fusion and
/// what the memory plan saved, without running the benchmark.
public enum GraphInspection {
    public enum Step: String, CaseIterable, Sendable { case train, infer }

    public static func describe(_ benchmark: BenchmarkProtocol, task taskName: String, engine engineName: String?,
                                step: Step = .train) throws -> String {
        guard let task = benchmark.task(named: taskName) else {
            throw RunnerError.unsupported("no task '\(taskName)' in protocol '\(benchmark.name)' (tasks: "
                                          + benchmark.tasks.map(\.name).joined(separator: ", ") + ")")
        }
        let engines = benchmark.engines(for: task).filter { $0.kind == .traced || $0.kind == .fused }
        let engine = try engineName.map { name -> EngineSpec in
            guard let found = benchmark.engine(named: name), found.kind == .traced || found.kind == .fused else {
                throw RunnerError.unsupported("engine '\(name)' is not a traced or fused engine of this protocol")
            }
            return found
        } ?? engines.last ?? EngineSpec(name: "traced", kind: .traced)
        guard let modelSpec = benchmark.model(named: task.model), let machine = benchmark.machines(for: task).first else {
            throw RunnerError.unsupported("task '\(taskName)' names no model or machine")
        }
        let planned = PlannedCase(task: task, machine: machine, engine: engine, batchSize: batchSize(task))
        let dataset = try WorkloadFactory.dataset(for: planned, in: benchmark)
        let model = try WorkloadFactory.model(modelSpec, dataset: dataset, protocolSeed: benchmark.seed)
        let inputShape = Shape([planned.batchSize] + dataset.train.exampleShape)
        let passes = engine.kind == .fused
            ? FusionOptions(engine.fusion).passes
            : FusionOptions.none.passes
        var graph: ComputationGraph
        switch (step, task.workload) {
        case let (.train, .train(spec)):
            graph = try GraphCapture.trainingStep(model: model, optimizer: WorkloadFactory.optimizer(spec.optimizer),
                                                  inputShape: inputShape, labelShape: [planned.batchSize])
        default:
            graph = try GraphCapture.inference(model: model, inputShape: inputShape)
        }
        let captured = graph.operationCount
        for pass in passes { graph = try pass.run(graph) }
        return render(graph, title: "\(benchmark.name) · \(task.name) · \(engine.name) (\(engine.kind.rawValue)) · \(step.rawValue) step, batch \(planned.batchSize)",
                      capturedOperations: captured)
    }

    static func batchSize(_ task: TaskSpec) -> Int {
        switch task.workload {
        case let .train(spec): return spec.batchSize
        case let .infer(spec): return spec.batchSizes.first ?? 1
        }
    }

    static func render(_ graph: ComputationGraph, title: String, capturedOperations: Int) -> String {
        let plan = MemoryPlan(graph: graph, aliasReshapes: true)
        let moved = graph.kernelBytesPerStep(skipping: plan.aliases)
        var lines = [title,
                     "captured ops: \(capturedOperations), kernels after passes: \(graph.operationCount - plan.aliases.count) "
                         + "(+\(plan.aliases.count) reshapes as views), nodes: \(graph.nodes.count)",
                     "arena: \(plan.arenaBytes) bytes planned vs \(plan.naiveBytes) bytes with one buffer per intermediate",
                     "bytes read + written by kernels per step: \(moved)",
                     ""]
        for (index, node) in graph.nodes.enumerated() {
            let what: String
            switch node.kind {
            case let .input(role): what = "input \(role)"
            case .constant: what = "constant"
            case let .operation(op): what = op.signature.count > 90 ? String(op.signature.prefix(87)) + "…" : op.signature
            case let .additionalOutput(producer, outputIndex): what = "output \(outputIndex + 1) of %\(producer)"
            }
            let inputs = node.inputs.map { "%\($0)" }.joined(separator: ", ")
            let location: String
            switch plan.locations[index] {
            case let .arena(offset):
                location = (plan.aliases.contains(index) ? "view of " : "") + "arena+\(offset * MemoryLayout<Float>.stride)"
            case let .output(role): location = "→ \(role)"
            case .input, .constant: location = ""
            }
            lines.append("%\(index) = \(what)(\(inputs)) \(node.shape) \(location)")
        }
        return lines.joined(separator: "\n")
    }
}
