import TensorCore

/// A single-layer LSTM over [B, S, inputs] returning the last hidden state [B, hidden].
/// Per step t: gates = x_t·W_ih + h·W_hh + b, i, f, o = σ(…), g = tanh(…), c = f·c + i·g, h = o·tanh(c).
/// The input projection of all steps is one GEMM before the loop; the loop is unrolled with slice ops, so the
/// recorded graph (and its gradient) is ordinary ops. Gate blocks are stored in the order (i, f, o, g) so one
/// sigmoid covers three of them (PyTorch stores i, f, g, o; permute the blocks to import its weights), and the
/// two PyTorch biases b_ih + b_hh are one bias here.
/// Initialised as PyTorch's `nn.LSTM`: every weight and the bias ~ U(−1/√hidden, 1/√hidden).
public final class LSTM: Layer {
    public let inputWidth: Int
    public let hiddenWidth: Int
    public let inputWeight: Parameter
    public let hiddenWeight: Parameter
    public let bias: Parameter

    public init(inputs: Int, hidden: Int, name: String, generator: inout SeededGenerator) {
        let bound = 1 / Float(hidden).squareRoot()
        inputWidth = inputs
        hiddenWidth = hidden
        inputWeight = Parameter(name: "\(name).weight_ih", value: .uniform([inputs, 4 * hidden], bound: bound, generator: &generator))
        hiddenWeight = Parameter(name: "\(name).weight_hh", value: .uniform([hidden, 4 * hidden], bound: bound, generator: &generator))
        bias = Parameter(name: "\(name).bias", value: .uniform([4 * hidden], bound: bound, generator: &generator))
    }

    public var parameters: [Parameter] { [inputWeight, hiddenWeight, bias] }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.shape.rank == 3, input.shape[2] == inputWidth, input.shape[1] > 0 else {
            throw TensorError.shapeMismatch(op: "lstm", shapes: [input.shape, [inputWidth, 4 * hiddenWidth]],
                                            reason: "expects a non-empty sequence [B, S, \(inputWidth)]")
        }
        let batch = input.shape[0], length = input.shape[1], h = hiddenWidth
        // [B, S, 4H] → time-major [S, B, 4H] so each step's slice is contiguous.
        let projected = try (input.matmul(inputWeight.value) + bias.value).permuted([1, 0, 2])
        var hiddenState: Tensor?
        var cell: Tensor?
        for step in 0..<length {
            var gates = try projected.slice(axis: 0, range: step..<(step + 1)).reshaped([batch, 4 * h])
            if let hiddenState { gates = try gates + hiddenState.matmul(hiddenWeight.value) }
            let sigmoids = try gates.slice(axis: 1, range: 0..<(3 * h)).sigmoid()
            let inputGate = try sigmoids.slice(axis: 1, range: 0..<h)
            let outputGate = try sigmoids.slice(axis: 1, range: (2 * h)..<(3 * h))
            let candidate = try gates.slice(axis: 1, range: (3 * h)..<(4 * h)).tanh()
            var next = try inputGate * candidate
            if let cell { next = try next + sigmoids.slice(axis: 1, range: h..<(2 * h)) * cell }
            cell = next
            hiddenState = try outputGate * next.tanh()
        }
        return hiddenState!
    }
}
