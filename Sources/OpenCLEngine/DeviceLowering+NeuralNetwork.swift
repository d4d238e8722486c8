import OpenCLRuntime
import TensorCore

extension DeviceLowering {
    func softmax(_ node: BoundNode, _ op: Softmax) throws -> (() throws -> Void)? {
        let shape = node.inputShapes[0]
        let axis = try shape.normalizedAxis(op.axis, op: op.signature)
        let length = shape[axis]
        guard length > 0 else { return nil }
        let outer = shape.dimensions[..<axis].reduce(1, *), inner = shape.dimensions[(axis + 1)...].reduce(1, *)
        let kernel = try library.kernel("softmax") { try SoftmaxKernel(context: $0) }
        let (input, output, logarithmic) = (node.inputs[0], node.output, op.logarithmic)
        return { try kernel.encode(input: input, outer: outer, length: length, inner: inner, logarithmic: logarithmic, output: output) }
    }

    /// The mean loss stays on the device; only the engine's final one-float read crosses the bus.
    func softmaxCrossEntropy(_ node: BoundNode) throws -> (() throws -> Void) {
        let rows = node.inputShapes[0][0], classes = node.inputShapes[0][1]
        let kernel = try library.kernel("softmax_cross_entropy") { try SoftmaxCrossEntropyKernel(context: $0) }
        let rowLosses = try scratch(for: node, count: max(rows, 1))
        let (logits, labels, loss) = (node.inputs[0], node.inputs[1], node.output)
        return {
            try kernel.encodeForward(logits: logits, labels: labels, rows: rows, classes: classes, rowLosses: rowLosses, loss: loss)
        }
    }

    func oneHot(_ node: BoundNode, _ op: OneHot) throws -> (() throws -> Void) {
        let rows = node.inputShapes[0][0]
        let kernel = try library.kernel("one_hot") { try OneHotKernel(context: $0) }
        let (labels, output) = (node.inputs[0], node.output)
        return { try kernel.encode(labels: labels, rows: rows, classes: op.classes, output: output) }
    }

    func layerNormalization(_ node: BoundNode, epsilon: Float, backward: Bool) throws -> (() throws -> Void) {
        let shape = node.inputShapes[0]
        let width = shape[shape.rank - 1], rows = shape.elementCount / max(width, 1)
        let kernel = try library.kernel("layer_normalization \(epsilon)") { try LayerNormalizationKernel(context: $0, epsilon: epsilon) }
        let inputs = node.inputs, output = node.output
        if backward {
            return { try kernel.encodeBackward(input: inputs[0], cotangent: inputs[1], rows: rows, width: width, gradient: output) }
        }
        return { try kernel.encodeForward(input: inputs[0], rows: rows, width: width, output: output) }
    }

    func embeddingLookup(_ node: BoundNode) throws -> (() throws -> Void) {
        let vocabulary = node.inputShapes[0][0], width = node.inputShapes[0][1], rows = node.inputShapes[1].elementCount
        let kernel = try library.kernel("embedding") { try EmbeddingKernel(context: $0) }
        let (table, ids, output) = (node.inputs[0], node.inputs[1], node.output)
        return { try kernel.encodeGather(table: table, ids: ids, rows: rows, vocabulary: vocabulary, width: width, output: output) }
    }

    func embeddingScatterAdd(_ node: BoundNode, _ op: EmbeddingScatterAdd) throws -> (() throws -> Void) {
        let rows = node.inputShapes[0].elementCount, width = node.outputShape[1]
        let kernel = try library.kernel("embedding") { try EmbeddingKernel(context: $0) }
        let (ids, cotangent, output) = (node.inputs[0], node.inputs[1], node.output)
        return {
            try kernel.encodeScatterAdd(ids: ids, cotangent: cotangent, rows: rows, vocabulary: op.vocabulary, width: width,
                                        tableGradient: output)
        }
    }

    func im2col(_ node: BoundNode, window: Window2D, fold: Bool, imageShape: Shape) throws -> (() throws -> Void) {
        let geometry = try WindowGeometry(imageShape: imageShape, window: window)
        let kernel = try library.kernel("im2col") { try Im2ColKernel(context: $0) }
        let (input, output) = (node.inputs[0], node.output)
        if fold { return { try kernel.encodeFold(columns: input, geometry: geometry, image: output) } }
        return { try kernel.encodeUnfold(image: input, geometry: geometry, columns: output) }
    }

    /// Max pooling's backward reads the forward input ([x, cotangent]); average pooling's has only the cotangent,
    /// and its kernel never reads `input`, so the gradient buffer stands in for it.
    func pooling(_ node: BoundNode, _ kind: PoolingKernel.Kind, window: Window2D, backward: Bool, imageShape: Shape)
        throws -> (() throws -> Void) {
        let geometry = try WindowGeometry(imageShape: imageShape, window: window)
        let kernel = try library.kernel("pooling \(kind.rawValue)") { try PoolingKernel(context: $0, kind: kind) }
        let inputs = node.inputs, output = node.output
        guard backward else { return { try kernel.encodeForward(input: inputs[0], geometry: geometry, output: output) } }
        if kind == .max {
            return { try kernel.encodeBackward(input: inputs[0], cotangent: inputs[1], geometry: geometry, gradient: output) }
        }
        return { try kernel.encodeBackward(input: output, cotangent: inputs[0], geometry: geometry, gradient: output) }
    }
}
