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

    /// The same for an infer task: the engine's outputs (logits or embeddings) of the first query batches against
    /// eager's forward pass, each batch flattened row-major [rows, width]; records `deviation_from_eager` and, when
    /// wanted, `cosine_to_eager` (the smallest cosine similarity of a row with eager's).
    public static func logitSamples(_ logits: [[Double]], reference: [[Double]], engine: String, policy: AgreementPolicy,
                                    rows: Int, metrics: Set<Metric>) throws -> [MetricSample] {
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
        var samples: [MetricSample] = []
        if metrics.contains(.deviationFromEager) {
            samples.append(MetricSample(metric: Metric.deviationFromEager.rawValue, unit: Metric.deviationFromEager.unit,
                                        value: worst.value))
        }
        if metrics.contains(.cosineToEager),
           let cosine = smallestRowCosine(logits, reference, rows: rows, batches: min(policy.steps, reference.count)) {
            samples.append(MetricSample(metric: Metric.cosineToEager.rawValue, unit: Metric.cosineToEager.unit, value: cosine))
        }
        return samples
    }

    /// The smallest cosine similarity between corresponding rows; nil when the batches do not split into `rows`
    /// rows. A zero row on both sides counts as identical (1), on one side only as orthogonal (0); a NaN as
    /// opposite (−1), the worst.
    static func smallestRowCosine(_ outputs: [[Double]], _ reference: [[Double]], rows: Int, batches: Int) -> Double? {
        var smallest = 1.0
        for batch in 0..<batches {
            let engine = outputs[batch], eager = reference[batch]
            guard rows > 0, engine.count == eager.count, eager.count % rows == 0 else { return nil }
            let width = eager.count / rows
            for row in 0..<rows {
                var dot = 0.0, engineNorm = 0.0, eagerNorm = 0.0
                for index in row * width..<(row + 1) * width {
                    dot += engine[index] * eager[index]
                    engineNorm += engine[index] * engine[index]
                    eagerNorm += eager[index] * eager[index]
                }
                let cosine: Double
                switch (engineNorm == 0, eagerNorm == 0) {
                case (true, true): cosine = 1
                case (true, false), (false, true): cosine = 0
                case (false, false): cosine = dot / (engineNorm * eagerNorm).squareRoot()
                }
                smallest = min(smallest, cosine.isNaN ? -1 : max(-1, min(1, cosine)))
            }
        }
        return smallest
    }
}
