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

    public var description: String {
        let figures = String(format: "%.3g", deviation)
        return "losses deviate from eager by \(figures) (relative) at step \(step): \(engine) \(loss) vs eager \(eagerLoss) "
            + "over the first \(comparedSteps) steps; tolerance \(tolerance) — check the engine's layer definitions and "
            + "initial weights, or raise agreement.tolerance"
    }
}
