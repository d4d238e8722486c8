import Foundation
import ProtocolModel
import TrialExecution

/// The configuration stored with each case, as JSON, so a result can be interpreted without the protocol file.
enum CaseConfiguration {
    static func json(_ plannedCase: PlannedCase) -> String {
        var object: [String: Any] = [
            "task": plannedCase.task.name, "model": plannedCase.task.model, "dataset": plannedCase.task.dataset,
            "engine": plannedCase.engine.name, "engineKind": plannedCase.engine.kind.rawValue,
            "machine": plannedCase.machine.name, "threads": plannedCase.machine.threads,
            "device": plannedCase.machine.device.rawValue, "batchSize": plannedCase.batchSize,
            "deviceFallback": plannedCase.machine.fallback.rawValue,
        ]
        if let filter = plannedCase.machine.deviceFilter { object["deviceFilter"] = filter }
        // Profiling adds time per kernel, so a stored step time says whether it was measured with it.
        if plannedCase.engine.profileKernels { object["profileKernels"] = true }
        if plannedCase.engine.kind == .opencl {
            object["openclDevice"] = OpenCLEngineFactory.deviceSummary(for: plannedCase.machine)
        }
        if let external = plannedCase.engine.external {
            // The framework and its settings are the engine, so a stored result names them.
            object["worker"] = external.command
            if let options = try? JSONEncoder().encode(external.options) {
                object["workerOptions"] = try? JSONSerialization.jsonObject(with: options, options: [.fragmentsAllowed])
            }
        }
        switch plannedCase.task.workload {
        case let .train(spec):
            object["optimizer"] = spec.optimizer.kind.rawValue
            object["learningRate"] = spec.optimizer.learningRate
            switch spec.length {
            case let .steps(count): object["steps"] = count
            case let .epochs(count): object["epochs"] = count
            }
            if let target = spec.target {
                object["target"] = ["metric": target.metric.rawValue, "value": target.value, "evaluateEvery": target.evaluateEvery]
            }
        case let .infer(spec):
            object["iterations"] = spec.iterations
            object["scenario"] = spec.scenario.rawValue
            object["minDurationSeconds"] = spec.minDurationSeconds
            if let server = spec.server {
                object["targetRate"] = server.targetRate
                object["latencyBoundMs"] = server.latencyBoundMilliseconds
                object["searchHighestRate"] = server.searchHighestRate
            }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
