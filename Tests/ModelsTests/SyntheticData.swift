import TensorCore

/// Small synthetic classification tasks that a working model learns in a few dozen steps.
enum SyntheticData {
    /// Images [n, 1, size, size] whose class c ∈ 0..<4 is the quadrant that is bright (1 + noise) against noise.
    static func quadrants(count: Int, size: Int = 8, seed: UInt64) -> (inputs: Tensor, labels: Tensor) {
        var generator = SeededGenerator(seed: seed)
        var pixels: [Float] = []
        var labels: [Float] = []
        let half = size / 2
        for _ in 0..<count {
            let label = Int(generator.next() % 4)
            labels.append(Float(label))
            for row in 0..<size {
                for column in 0..<size {
                    let quadrant = (row >= half ? 2 : 0) + (column >= half ? 1 : 0)
                    pixels.append((quadrant == label ? 1 : 0) + 0.3 * generator.nextNormal())
                }
            }
        }
        return (Tensor(shape: [count, 1, size, size], values: pixels), Tensor(shape: [count], values: labels))
    }

    /// Token sequences [n, length] over `vocabulary` in which tokens 3 and 5 each appear exactly once;
    /// the label is 1 when 3 comes before 5, else 0 (balanced by construction).
    static func order(count: Int, length: Int = 8, vocabulary: Int = 10, seed: UInt64) -> (inputs: Tensor, labels: Tensor) {
        var generator = SeededGenerator(seed: seed)
        let fillers = (0..<vocabulary).filter { $0 != 3 && $0 != 5 }
        var tokens: [Float] = []
        var labels: [Float] = []
        for _ in 0..<count {
            var sequence = (0..<length).map { _ in Float(fillers[Int(generator.next() % UInt64(fillers.count))]) }
            let first = Int(generator.next() % UInt64(length))
            var second = Int(generator.next() % UInt64(length - 1))
            if second >= first { second += 1 }
            sequence[first] = 3
            sequence[second] = 5
            tokens += sequence
            labels.append(first < second ? 1 : 0)
        }
        return (Tensor(shape: [count, length], values: tokens), Tensor(shape: [count], values: labels))
    }

    /// The fraction of rows of `logits` [n, classes] whose arg-max equals the label.
    static func accuracy(_ logits: Tensor, _ labels: Tensor) throws -> Float {
        let values = try logits.values(), truth = try labels.values()
        let classes = logits.shape[1]
        var correct = 0
        for row in 0..<logits.shape[0] {
            let scores = values[(row * classes)..<((row + 1) * classes)]
            let predicted = scores.indices.max { scores[$0] < scores[$1] }! - row * classes
            if Float(predicted) == truth[row] { correct += 1 }
        }
        return Float(correct) / Float(logits.shape[0])
    }
}
