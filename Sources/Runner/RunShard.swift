import Foundation
import TrialExecution

/// One of N disjoint parts of a protocol's cases (`dlbench run --shard I/N`): every case lands in exactly one
/// shard, the same one on every machine, so N runs started at once by a Slurm array or a Kubernetes Indexed Job
/// measure the protocol once between them.
public struct RunShard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (1...count).contains(index) else {
            throw RunShardError.outOfRange(index: index, count: count)
        }
        self.index = index
        self.count = count
    }

    /// "I/N", as `--shard` takes it and the store records it.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw RunShardError.malformed(text)
        }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// The indices into `planned` this shard runs, in plan order.
    ///
    /// The unit is a slot — one task on one machine at one batch size, with every engine — so the engines a
    /// report compares always run in one shard, interleaved in one run on one machine. Slots are balanced by an
    /// estimate that depends on the protocol alone (optimizer steps or inference iterations × batch size, summed
    /// over the slot's engines), longest first onto the least-loaded shard: every machine computes the same split
    /// without talking to the others or to the database.
    public func select(_ planned: [PlannedCase]) -> [Int] {
        var slotOrder: [String] = []
        var slots: [String: [Int]] = [:]
        for (index, plannedCase) in planned.enumerated() {
            let key = "\(plannedCase.task.name)\u{0}\(plannedCase.machine.name)\u{0}\(plannedCase.batchSize)"
            if slots[key] == nil { slotOrder.append(key) }
            slots[key, default: []].append(index)
        }
        let costs = slotOrder.map { key in slots[key, default: []].reduce(0) { $0 + Self.estimatedCost(planned[$1]) } }
        let order = slotOrder.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
        var load = Array(repeating: 0.0, count: count)
        var mine: [Int] = []
        for slot in order {
            var target = 0
            for shard in 1..<count where load[shard] < load[target] { target = shard }
            load[target] += costs[slot]
            if target == index - 1 { mine += slots[slotOrder[slot], default: []] }
        }
        return mine.sorted()
    }

    /// Work units of a case: examples processed per trial, as far as the protocol says.
    static func estimatedCost(_ plannedCase: PlannedCase) -> Double {
        switch plannedCase.task.workload {
        case let .train(spec):
            // Epochs depend on the dataset's size, unknown until it loads: a nominal 100 steps per epoch.
            let steps = spec.length.totalSteps(trainSamples: 100 * plannedCase.batchSize, batchSize: plannedCase.batchSize)
            return Double(max(1, steps * plannedCase.batchSize))
        case let .infer(spec):
            return Double(max(1, spec.iterations * plannedCase.batchSize))
        }
    }
}

/// A `--shard` value that cannot be used.
public enum RunShardError: Error, CustomStringConvertible, Equatable {
    case malformed(String)
    case outOfRange(index: Int, count: Int)
    case noScheduler
    case badEnvironment(variable: String, value: String)

    public var description: String {
        switch self {
        case let .malformed(text):
            return "--shard '\(text)': expected I/N (e.g. 2/4: the second of four shards) or auto"
        case let .outOfRange(index, count):
            return "--shard \(index)/\(count): the shard number must be between 1 and the shard count (\(max(count, 1)))"
        case .noScheduler:
            return "--shard auto found no job array: set SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (Slurm) or "
                + "JOB_COMPLETION_INDEX and DLBENCH_SHARD_COUNT (a Kubernetes Indexed Job), or pass --shard I/N"
        case let .badEnvironment(variable, value):
            return "--shard auto: \(variable)='\(value)' is not a whole number"
        }
    }
}
