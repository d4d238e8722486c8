import Foundation
import ProtocolModel
import TrialExecution

extension BenchmarkRunner {
    /// Every output path of the protocol, checked before the run is recorded (a refused path costs nothing).
    func checkOutputs(of benchmark: BenchmarkProtocol, protocolPath: String) throws {
        let directory = (protocolPath as NSString).deletingLastPathComponent
        for task in benchmark.tasks {
            guard case let .train(spec) = task.workload, let path = spec.exportWeights else { continue }
            try OutputFileGuard.check(path, key: "task '\(task.name)' exportWeights",
                                      protocolDirectory: directory.isEmpty ? "." : directory,
                                      permissions: outputPermissions)
        }
    }
}
