import Measurement
import ProtocolModel

/// Time to a target quality, MLPerf style: the clock starts before the first data touch and stops at the
/// first evaluation at or above the target; time spent evaluating is excluded and reported apart. A trial
/// that never gets there is not converged: its time is +∞, so it can never look fast.
struct TargetClock {
    struct Outcome: Equatable {
        var reached: Bool
        /// Seconds to target, evaluation excluded; +∞ when not reached.
        var seconds: Double
        var evaluationSeconds: Double
    }

    let target: QualityTarget?
    let start: UInt64
    private(set) var steps = 0
    private var evaluationNanoseconds: UInt64 = 0
    private var reachedAfterNanoseconds: UInt64?
    private var lastEvaluatedStep = 0

    init(target: QualityTarget?, start: UInt64) {
        self.target = target
        self.start = start
    }

    /// Counts a training step and evaluates when the target's cadence says so.
    mutating func stepFinished(evaluate: () throws -> Double) throws {
        steps += 1
        guard let target, reachedAfterNanoseconds == nil, steps % target.evaluateEvery == 0 else { return }
        try runEvaluation(evaluate)
    }

    /// Evaluates once more after the last step unless that step was just evaluated, so the budget's final
    /// state counts.
    mutating func trainingFinished(evaluate: () throws -> Double) throws {
        guard target != nil, reachedAfterNanoseconds == nil, lastEvaluatedStep != steps else { return }
        try runEvaluation(evaluate)
    }

    private mutating func runEvaluation(_ evaluate: () throws -> Double) throws {
        guard let target else { return }
        lastEvaluatedStep = steps
        let evaluationStart = MonotonicClock.now()
        let quality = try evaluate()
        let trainingNanoseconds = (evaluationStart &- start) &- evaluationNanoseconds
        evaluationNanoseconds &+= MonotonicClock.now() &- evaluationStart
        if TargetClock.meets(quality, target) { reachedAfterNanoseconds = trainingNanoseconds }
    }

    static func meets(_ quality: Double, _ target: QualityTarget) -> Bool {
        switch target.metric {
        case .testAccuracy: return quality >= target.value
        }
    }

    /// Nil when the task has no target.
    var outcome: Outcome? {
        guard target != nil else { return nil }
        return Outcome(reached: reachedAfterNanoseconds != nil,
                       seconds: reachedAfterNanoseconds.map { Double($0) / 1e9 } ?? .infinity,
                       evaluationSeconds: Double(evaluationNanoseconds) / 1e9)
    }
}
