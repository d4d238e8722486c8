/// How closely every engine must reproduce dlbench eager's training losses (`agreement` in a protocol).
///
/// From the same initial weights and the same batches, the losses of the first `steps` training steps of a
/// trial are compared with eager's: `deviation_from_eager` = max over those steps of
/// |loss_engine − loss_eager| / max(|loss_eager|, 1e-6). Above `tolerance` the case fails, because a fast engine
/// that computes something else is not a result.
public struct AgreementPolicy: Sendable, Equatable, Hashable {
    /// Training steps compared (warm-up steps included: they are the first steps of the trial). JSON default 10.
    public var steps: Int
    /// Largest accepted relative deviation. JSON default 1e-3 (float32 with differently ordered sums).
    public var tolerance: Double

    public static let defaultSteps = 10
    public static let defaultTolerance = 1e-3
    /// The floor of the denominator, so a loss near zero does not turn rounding into a huge relative figure.
    public static let denominatorFloor = 1e-6

    public init(steps: Int = AgreementPolicy.defaultSteps, tolerance: Double = AgreementPolicy.defaultTolerance) {
        self.steps = steps
        self.tolerance = tolerance
    }

    /// The deviation of an inference engine's logits from eager's over the compared query batches: per batch,
    /// the largest |logit − eager logit| over its elements, relative to the batch's largest |eager logit| (floored
    /// like losses), so a logit near zero does not turn rounding into a huge figure; the worst batch wins. nil when
    /// there is nothing to compare or a batch's sizes differ; NaN counts as an infinite deviation.
    public func logitDeviation(of logits: [[Double]], from reference: [[Double]]) -> (value: Double, batch: Int, element: Int)? {
        let count = min(steps, logits.count, reference.count)
        guard count > 0 else { return nil }
        var worst = (value: -1.0, batch: 0, element: 0)
        for batch in 0..<count {
            let engine = logits[batch], eager = reference[batch]
            guard engine.count == eager.count, !eager.isEmpty else { return nil }
            let scale = max(eager.lazy.map(abs).max() ?? 0, AgreementPolicy.denominatorFloor)
            for element in eager.indices {
                let relative = abs(engine[element] - eager[element]) / scale
                let value = relative.isNaN ? Double.infinity : relative
                if value > worst.value { worst = (value, batch, element) }
            }
        }
        return worst
    }

    /// The relative deviation of `losses` from `reference` over their common first `steps`; nil when there is
    /// nothing to compare. A NaN on either side counts as an infinite deviation.
    public func deviation(of losses: [Double], from reference: [Double]) -> (value: Double, step: Int)? {
        let count = min(steps, losses.count, reference.count)
        guard count > 0 else { return nil }
        var worst = (value: -1.0, step: 0)
        for step in 0..<count {
            let difference = abs(losses[step] - reference[step])
            let relative = difference / max(abs(reference[step]), AgreementPolicy.denominatorFloor)
            let value = relative.isNaN ? Double.infinity : relative
            if value > worst.value { worst = (value, step) }
        }
        return worst
    }
}
