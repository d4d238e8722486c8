import Measurement
import ProtocolModel

/// An engine's first losses against eager's: the one check shared by in-process engines and external workers, so a
/// framework and a dlbench engine fail agreement by the same rule.
public enum AgreementCheck {
    /// The `deviation_from_eager` sample (when recorded); throws `disagreement` beyond the tolerance.
    public static func samples(_ losses: [Double], reference: [Double], engine: String, policy: AgreementPolicy,
                                 record: Bool) throws -> [MetricSample] {
        guard losses.count >= reference.count, let worst = policy.deviation(of: losses, from: reference) else {
            throw RunnerError.workerFailed(
                "worker protocol violation: result.losses has \(losses.count) losses; expected the first \(reference.count) "
                    + "step losses (external.agreementSteps) for the agreement check")
        }
        guard worst.value <= policy.tolerance else {
            throw RunnerError.disagreement(Disagreement(
                engine: engine, deviation: worst.value, step: worst.step, loss: losses[worst.step],
                eagerLoss: reference[worst.step], tolerance: policy.tolerance, comparedSteps: reference.count))
        }
        let metric = Metric.deviationFromEager
        return record ? [MetricSample(metric: metric.rawValue, unit: metric.unit, value: worst.value)] : []
    }

    /// The same for an infer task: the engine's logits of the first query batches against eager's forward pass.
    public static func logitSamples(_ logits: [[Double]], reference: [[Double]], engine: String, policy: AgreementPolicy,
                                    record: Bool) throws -> [MetricSample] {
        guard logits.count >= reference.count, let worst = policy.logitDeviation(of: logits, from: reference) else {
            let sizes = logits.map { String($0.count) }.joined(separator: ", ")
            throw RunnerError.workerFailed(
                "worker protocol violation: result.logits has \(logits.count) batches (sizes [\(sizes)]); expected the "
                    + "logits of the first \(reference.count) query batches (external.agreementSteps), "
                    + "\(reference.first?.count ?? 0) values each, for the agreement check")
        }
        guard worst.value <= policy.tolerance else {
            throw RunnerError.disagreement(Disagreement(
                engine: engine, deviation: worst.value, step: worst.batch, loss: logits[worst.batch][worst.element],
                eagerLoss: reference[worst.batch][worst.element], tolerance: policy.tolerance,
                comparedSteps: reference.count, quantity: .logits(element: worst.element)))
        }
        let metric = Metric.deviationFromEager
        return record ? [MetricSample(metric: metric.rawValue, unit: metric.unit, value: worst.value)] : []
    }
}
