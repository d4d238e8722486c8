import OpenCLRuntime
import TensorCore
import XCTest
import _TestSupport

/// Layer norm, embedding, im2col and pooling kernels held to TensorCore's primitive ops on the same inputs.
final class NeuralNetworkKernelTests: XCTestCase {
    private func cpu(_ op: any PrimitiveOp, _ inputs: [Tensor]) throws -> [Float] { try Tensor.apply(op, inputs).values() }

    func testLayerNormalizationForwardAndBackwardMatchTensorCore() throws {
        let context = try OpenCLTestSupport.context()
        let rows = 6, width = 45
        let x = OpenCLTestSupport.randomValues(rows * width, seed: 81).map { $0 * 2 + 3 }
        let g = OpenCLTestSupport.randomValues(rows * width, seed: 82)
        let kernel = try LayerNormalizationKernel(context: context)
        let deviceX = try context.makeBuffer(values: x)
        let output = try context.makeBuffer(count: x.count), gradient = try context.makeBuffer(count: x.count)
        try kernel.encodeForward(input: deviceX, rows: rows, width: width, output: output)
        try kernel.encodeBackward(input: deviceX, cotangent: try context.makeBuffer(values: g), rows: rows, width: width,
                                  gradient: gradient)
        let hostX = Tensor(shape: [rows, width], values: x), hostG = Tensor(shape: [rows, width], values: g)
        assertAllClose(try output.download(), try cpu(LayerNormalization(), [hostX]), relative: 1e-4, absolute: 1e-5)
        assertAllClose(try gradient.download(), try cpu(LayerNormalizationBackward(), [hostX, hostG]),
                       relative: 1e-4, absolute: 1e-5)
    }

    func testEmbeddingGatherAndScatterAddMatchTensorCoreIncludingOutOfRangeIds() throws {
        let context = try OpenCLTestSupport.context()
        let vocabulary = 7, width = 5
        let table = OpenCLTestSupport.randomValues(vocabulary * width, seed: 83)
        let ids: [Float] = [0, 3, 3, 6, -1, 9, 2, 3]
        let cotangent = OpenCLTestSupport.randomValues(ids.count * width, seed: 84)
        let kernel = try EmbeddingKernel(context: context)
        let deviceIDs = try context.makeBuffer(values: ids)
        let gathered = try context.makeBuffer(count: ids.count * width)
        let tableGradient = try context.makeBuffer(values: [Float](repeating: 9, count: vocabulary * width))
        try kernel.encodeGather(table: try context.makeBuffer(values: table), ids: deviceIDs, rows: ids.count,
                                vocabulary: vocabulary, width: width, output: gathered)
        try kernel.encodeScatterAdd(ids: deviceIDs, cotangent: try context.makeBuffer(values: cotangent), rows: ids.count,
                                    vocabulary: vocabulary, width: width, tableGradient: tableGradient)
        let hostIDs = Tensor(shape: [2, 4], values: ids)
        assertAllClose(try gathered.download(),
                       try cpu(EmbeddingLookup(), [Tensor(shape: [vocabulary, width], values: table), hostIDs]))
        assertAllClose(try tableGradient.download(),
                       try cpu(EmbeddingScatterAdd(vocabulary: vocabulary), [hostIDs, Tensor(shape: [2, 4, width], values: cotangent)]))
    }

    func testIm2ColAndCol2ImMatchTensorCoreWithStrideAndPadding() throws {
        let context = try OpenCLTestSupport.context()
        let shape: Shape = [2, 3, 7, 6]
        let window = Window2D(kernel: (3, 2), stride: (2, 1), padding: (1, 1))
        let geometry = try WindowGeometry(imageShape: shape, window: window)
        let image = OpenCLTestSupport.randomValues(shape.elementCount, seed: 85)
        let kernel = try Im2ColKernel(context: context)
        let columns = try context.makeBuffer(count: geometry.columnRows * geometry.columnCount)
        try kernel.encodeUnfold(image: try context.makeBuffer(values: image), geometry: geometry, columns: columns)
        let expectedColumns = try cpu(Im2Col(window), [Tensor(shape: shape, values: image)])
        assertAllClose(try columns.download(), expectedColumns)

        let columnValues = OpenCLTestSupport.randomValues(expectedColumns.count, seed: 86)
        let folded = try context.makeBuffer(count: shape.elementCount)
        try kernel.encodeFold(columns: try context.makeBuffer(values: columnValues), geometry: geometry, image: folded)
        let columnShape: Shape = [geometry.columnRows, geometry.columnCount]
        assertAllClose(try folded.download(),
                       try cpu(Col2Im(window, imageShape: shape), [Tensor(shape: columnShape, values: columnValues)]),
                       relative: 1e-5, absolute: 1e-6)
    }

    func testMaxAndAveragePoolingForwardAndBackwardMatchTensorCore() throws {
        let context = try OpenCLTestSupport.context()
        let shape: Shape = [2, 2, 7, 5]
        let input = OpenCLTestSupport.randomValues(shape.elementCount, seed: 87)
        let hostInput = Tensor(shape: shape, values: input)
        for window in [Window2D(kernel: 2, stride: 2), Window2D(kernel: 3, stride: 2, padding: 1)] {
            let geometry = try WindowGeometry(imageShape: shape, window: window)
            let cotangent = OpenCLTestSupport.randomValues(geometry.pooledCount, seed: 88)
            let pooledShape: Shape = [2, 2, geometry.outputHeight, geometry.outputWidth]
            let hostCotangent = Tensor(shape: pooledShape, values: cotangent)
            for kind in [PoolingKernel.Kind.max, .average] {
                let kernel = try PoolingKernel(context: context, kind: kind)
                let deviceInput = try context.makeBuffer(values: input)
                let output = try context.makeBuffer(count: geometry.pooledCount)
                let gradient = try context.makeBuffer(count: shape.elementCount)
                try kernel.encodeForward(input: deviceInput, geometry: geometry, output: output)
                try kernel.encodeBackward(input: deviceInput, cotangent: try context.makeBuffer(values: cotangent),
                                          geometry: geometry, gradient: gradient)
                let forward: any PrimitiveOp = kind == .max ? MaxPooling2D(window) : AveragePooling2D(window)
                let backward = kind == .max ? try cpu(MaxPooling2DBackward(window), [hostInput, hostCotangent])
                    : try cpu(AveragePooling2DBackward(window, imageShape: shape), [hostCotangent])
                assertAllClose(try output.download(), try cpu(forward, [hostInput]), "\(kind) \(window)")
                assertAllClose(try gradient.download(), backward, relative: 1e-5, absolute: 1e-6, "\(kind) \(window) backward")
            }
        }
    }
}
