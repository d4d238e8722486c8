import Foundation
@testable import Reports

/// A quickstart-like set of rows for the HTML tests: a ~100 µs and a ~2 ms training task and a latency task, four
/// engines (one failed), per-trial samples so every chart has dots and whiskers.
enum HTMLFixtures {
    static let engines: [(name: String, factor: Double)] = [("eager", 1), ("traced", 0.9), ("fused", 0.55)]

    static func rows(machine: String = "cpu-1-thread") -> [ReportRow] {
        var rows: [ReportRow] = []
        let scales = [1, 1.03125, 0.96875, 1.015625, 0.984375]
        for (task, step) in [("train-small", 0.1), ("train-wide", 2.0)] {
            for engine in engines {
                rows.append(HeadlineFixtures.row(task: task, engine: engine.name, metric: "step_time", unit: "ms",
                                                 trials: HeadlineFixtures.steps(step * engine.factor, trialScales: scales),
                                                 machine: machine))
                rows.append(HeadlineFixtures.row(task: task, engine: engine.name, metric: "time_to_first_step", unit: "ms",
                                                 trials: scales.map { [step * (engine.name == "eager" ? 2 : 40) * $0] },
                                                 machine: machine))
                rows.append(HeadlineFixtures.row(task: task, engine: engine.name, metric: "peak_rss_bytes", unit: "bytes",
                                                 trials: scales.map { [150_000_000 * engine.factor * $0] }, machine: machine))
            }
            rows.append(failed(task: task, kind: "train", machine: machine))
        }
        for engine in engines {
            rows.append(HeadlineFixtures.row(task: "infer-small", kind: "infer", engine: engine.name, batchSize: 1,
                                             metric: "latency", unit: "ms",
                                             trials: HeadlineFixtures.steps(0.25 * engine.factor, trialScales: scales),
                                             machine: machine))
        }
        return rows
    }

    static func failed(task: String, kind: String, machine: String) -> ReportRow {
        var row = HeadlineFixtures.empty(task: task, kind: kind, engine: "opencl", status: "failed",
                                         message: "no OpenCL device <found>")
        row.machine = machine
        return row
    }

    static let run = ReportRun(id: 1, protocolName: "quickstart", protocolHash: "abc", startedAt: GoldenDatabase.startedAt,
                               endedAt: nil, status: "completed", dlbenchCommit: nil, machines: [])
}
