import Foundation

/// The figures of a failed agreement check, so the case's message says by how much and where.
public struct Disagreement: Sendable, Equatable, CustomStringConvertible {
    public var engine: String
    /// max over the compared steps of |loss − loss_eager| / max(|loss_eager|, 1e-6).
    public var deviation: Double
    /// 0-based step of the largest deviation.
    public var step: Int
    public var loss: Double
    public var eagerLoss: Double
    public var tolerance: Double
    public var comparedSteps: Int
    /// What was compared: the first training losses, or (infer tasks) one logit of the first query batches, where
    /// `step` is the query batch, `loss`/`eagerLoss` the two logits and `deviation` relative to the batch's scale.
    public var quantity: Quantity = .losses

    public enum Quantity: Sendable, Equatable {
        case losses
        case logits(element: Int)
    }

    public var description: String {
        let figures = String(format: "%.3g", deviation)
        if case let .logits(element) = quantity {
            return "logits deviate from eager by \(figures) (relative to the batch's largest logit) in query batch \(step), "
                + "element \(element): \(engine) \(loss) vs eager \(eagerLoss) over the first \(comparedSteps) query batches; "
                + "tolerance \(tolerance) — check the engine's layer definitions and weights, or raise agreement.tolerance"
        }
        return "losses deviate from eager by \(figures) (relative) at step \(step): \(engine) \(loss) vs eager \(eagerLoss) "
            + "over the first \(comparedSteps) steps; tolerance \(tolerance) — check the engine's layer definitions and "
            + "initial weights, or raise agreement.tolerance"
    }
}
