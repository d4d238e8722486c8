import Foundation
import Measurement
import ResultStore
@testable import Reports

/// Fixed rows and a populated in-memory store shared by the report tests.
enum ReportFixtures {
    static let rows: [ReportRow] = [
        ReportRow(runID: 7, machine: "cpu-4", task: "mnist-train", taskKind: "train", engine: "eager", model: "mlp",
                  dataset: "mnist", batchSize: 64, metric: "step_time", unit: "s", n: 10, median: 0.0123,
                  p10: 0.0119, p90: 0.0131, mean: 0.01245, min: 0.0118, max: 0.0142, caseStatus: "succeeded",
                  message: nil),
        ReportRow(runID: 7, machine: "cpu-4", task: "mnist-train", taskKind: "train", engine: "eager", model: "mlp",
                  dataset: "mnist", batchSize: 64, metric: "peak_live_bytes", unit: "bytes", n: 10, median: 3_145_728,
                  p10: 3_145_728, p90: 3_145_728, mean: 3_145_728, min: 3_145_728, max: 3_145_728,
                  caseStatus: "succeeded", message: nil),
        ReportRow(runID: 7, machine: "cpu-4", task: "mnist-train", taskKind: "train", engine: "opencl", model: "mlp",
                  dataset: "mnist", batchSize: nil, metric: "", unit: "", n: 0, median: nil, p10: nil, p90: nil,
                  mean: nil, min: nil, max: nil, caseStatus: "failed",
                  message: "kernel build failed, \"gemm\" said:\nline 2"),
    ]

    static func fingerprint() -> EnvironmentFingerprint {
        EnvironmentFingerprint(
            cpuModel: "Test CPU", cpuFlags: [], logicalCores: 4, memoryBytes: 1 << 30, osName: "Test OS",
            kernel: "Linux", swiftVersion: "6.3", openBLASConfig: "OpenBLAS", openBLASCore: "Haswell", threads: 4,
            openCLDevices: [], gitCommit: nil, gitDirty: nil, environmentVariables: [:], loadAverage1m: nil)
    }
}

/// Splits RFC 4180 text into records of fields (quoted fields, doubled quotes, CRLF records).
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var inQuotes = false
    var characters = Array(text.unicodeScalars)[...]
    while let character = characters.popFirst() {
        if inQuotes {
            if character == "\"" {
                if characters.first == "\"" {
                    field.unicodeScalars.append("\"")
                    characters.removeFirst()
                } else {
                    inQuotes = false
                }
            } else {
                field.unicodeScalars.append(character)
            }
        } else if character == "\"" {
            inQuotes = true
        } else if character == "," {
            record.append(field)
            field = ""
        } else if character == "\r", characters.first == "\n" {
            characters.removeFirst()
            record.append(field)
            records.append(record)
            record = []
            field = ""
        } else {
            field.unicodeScalars.append(character)
        }
    }
    if !field.isEmpty || !record.isEmpty {
        record.append(field)
        records.append(record)
    }
    return records
}
