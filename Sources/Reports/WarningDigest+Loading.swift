import Foundation
import ResultStore

/// Reading a digest from the store, with the case labels its messages start with.
extension WarningDigest {
    /// The warnings of several runs in one digest (case ids are unique across runs).
    public static func load(from store: ResultStore, runIDs: [Int64]) throws -> WarningDigest {
        var warnings: [StoredWarning] = []
        var labels: [Int64: String] = [:]
        for runID in runIDs {
            warnings += try store.warnings(runID: runID)
            for result in try store.caseResults(runID: runID) {
                labels[result.id] = caseLabel(task: result.task, engine: result.engine, machine: result.machine.name,
                                              batchSize: result.batchSize)
            }
        }
        return WarningDigest(warnings: warnings, caseLabels: labels)
    }

    /// The label the runner puts before a case's warning (`PlannedCase.label`).
    static func caseLabel(task: String, engine: String, machine: String, batchSize: Int?) -> String {
        "\(task) · \(engine) · \(machine) · batch \(batchSize ?? 0)"
    }
}
