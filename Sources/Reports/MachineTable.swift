import Foundation
import Measurement

/// Machines side by side: for each task · engine · batch size, the primary metric on every machine with its
/// trial-level CI, and each machine's speedup over the first (the reference) — the "which of my machines"
/// question, as the pivot answers "which engine". Machines are told apart by their environment identity, never
/// by name alone: two hosts both called "cpu" in a protocol are two columns.
public struct MachineTable: Sendable, Equatable {
    public struct Machine: Sendable, Equatable {
        public var name: String
        public var identity: String
        /// The name, with the identity's first characters when another machine has the same name.
        public var label: String
    }

    public struct Cell: Sendable, Equatable {
        public var estimate: Double?
        public var interval: ConfidenceInterval?
        /// Reference over this machine, oriented by the metric (above 1: faster than the reference).
        public var speedup: Double?
        public var speedupInterval: ConfidenceInterval?
        public var trials = 0
    }

    public struct Line: Sendable, Equatable {
        public var task: String
        public var engine: String
        public var batchSize: Int?
        public var metric: String
        public var unit: String
        /// One per machine of `MachineTable.machines`, in that order.
        public var cells: [Cell]

        public var label: String {
            var text = task + " · " + engine
            if let batchSize { text += " · b\(batchSize)" }
            return text
        }
    }

    /// In first-seen order; the first is the reference.
    public var machines: [Machine]
    public var lines: [Line]

    public init(rows: [ReportRow], settings: ComparisonSettings = ComparisonSettings()) {
        let measured = RunComparison.measured(rows).filter {
            $0.metric == MetricDirection.primaryMetric(taskKind: $0.taskKind)
        }
        var machines: [Machine] = []
        for row in measured where !machines.contains(where: { $0.identity == row.machineIdentity && $0.name == row.machine }) {
            machines.append(Machine(name: row.machine, identity: row.machineIdentity, label: row.machine))
        }
        for index in machines.indices where machines.filter({ $0.name == machines[index].name }).count > 1 {
            machines[index].label = machines[index].name + " · " + String(machines[index].identity.prefix(8))
        }
        self.machines = machines
        var lines: [Line] = []
        var seen = Set<String>()
        for row in measured {
            let key = "\(row.task)\u{0}\(row.engine)\u{0}\(row.batchSize ?? -1)"
            guard seen.insert(key).inserted else { continue }
            let slot = measured.filter { $0.task == row.task && $0.engine == row.engine && $0.batchSize == row.batchSize }
            func rowOn(_ machine: Machine) -> ReportRow? {
                slot.first { $0.machine == machine.name && $0.machineIdentity == machine.identity }
            }
            let reference = machines.first.flatMap(rowOn)
            let cells = machines.enumerated().map { index, machine -> Cell in
                guard let candidate = rowOn(machine) else { return Cell() }
                let estimate = candidate.trialEstimate(settings: settings)
                var cell = Cell(estimate: estimate?.estimate ?? candidate.median, interval: estimate?.interval,
                                trials: candidate.trialCount)
                if index == 0 {
                    cell.speedup = 1
                } else if let reference,
                          let comparison = SampleComparison(baseline: reference, candidate: candidate, settings: settings) {
                    cell.speedup = comparison.speedup
                    cell.speedupInterval = comparison.speedupInterval
                }
                return cell
            }
            lines.append(Line(task: row.task, engine: row.engine, batchSize: row.batchSize, metric: row.metric,
                              unit: row.unit, cells: cells))
        }
        self.lines = lines
    }
}

extension ReportRow {
    func trialEstimate(settings: ComparisonSettings) -> TrialEstimate? {
        trialEstimate(level: settings.confidenceLevel, runSpread: settings.runSpread)
    }
}
