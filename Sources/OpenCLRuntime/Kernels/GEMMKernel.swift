/// C = activation(alpha·op(A)·op(B) + beta·C + bias) on row-major device buffers, one built kernel per
/// transpose/epilogue/tiling combination. Shapes: op(A) is M×K, op(B) is K×N, C is M×N, bias has N values;
/// with `batch` > 1 each operand advances by its batch stride (0 shares B across the batch, as TensorCore's MatMul).
public struct GEMMKernel {
    public let transposeA: Bool
    public let transposeB: Bool
    public let epilogue: GEMMEpilogue
    public let tiling: GEMMTiling
    let context: OpenCLContext
    let kernel: OpenCLKernel

    public init(context: OpenCLContext, transposeA: Bool = false, transposeB: Bool = false,
                epilogue: GEMMEpilogue = .none, tiling: GEMMTiling? = nil) throws {
        let tiling = tiling ?? GEMMTiling.defaultTiling(for: context.device.info)
        try tiling.validate()
        self.transposeA = transposeA
        self.transposeB = transposeB
        self.epilogue = epilogue
        self.tiling = tiling
        self.context = context
        let options = [
            "-D TILE_M=\(tiling.tileM)", "-D TILE_N=\(tiling.tileN)", "-D TILE_K=\(tiling.tileK)",
            "-D WORK_M=\(tiling.workM)", "-D WORK_N=\(tiling.workN)",
            "-D TRANSPOSE_A=\(transposeA ? 1 : 0)", "-D TRANSPOSE_B=\(transposeB ? 1 : 0)",
            "-D HAS_BIAS=\(epilogue.hasBias ? 1 : 0)", "-D ACTIVATION=\(epilogue.activation.rawValue)",
        ].joined(separator: " ")
        let program = try context.program(source: GEMMSource.text, options: options,
                                          label: "gemm(tA: \(transposeA), tB: \(transposeB), \(epilogue.activation))")
        kernel = try program.kernel("gemm")
    }

    /// Enqueues the product; `bias` is required exactly when the epilogue has one.
    public func encode(m: Int, n: Int, k: Int, a: DeviceBuffer, b: DeviceBuffer, c: DeviceBuffer,
                       bias: DeviceBuffer? = nil, alpha: Float = 1, beta: Float = 0, batch: Int = 1,
                       sharedB: Bool = false) throws {
        let operation = "gemm \(m)×\(n)×\(k) (batch \(batch))"
        guard m >= 0, n >= 0, k >= 0, batch >= 1 else {
            throw OpenCLError.invalidArgument(operation: operation, reason: "sizes must be non-negative and batch ≥ 1")
        }
        let strideA = m * k, strideB = sharedB ? 0 : k * n, strideC = m * n
        guard a.count >= batch * strideA, b.count >= (sharedB ? k * n : batch * strideB), c.count >= batch * strideC else {
            throw OpenCLError.invalidArgument(operation: operation,
                                              reason: "buffers of \(a.count), \(b.count), \(c.count) floats are too small")
        }
        guard epilogue.hasBias == (bias != nil), (bias?.count ?? n) >= n else {
            throw OpenCLError.invalidArgument(operation: operation,
                                              reason: epilogue.hasBias ? "needs a bias of \(n) values" : "was built without a bias")
        }
        guard m > 0, n > 0 else { return }
        if k == 0 {
            throw OpenCLError.invalidArgument(operation: operation, reason: "K = 0 is not supported; fill C instead")
        }
        let groupsX = (n + tiling.tileN - 1) / tiling.tileN, groupsY = (m + tiling.tileM - 1) / tiling.tileM
        let local = tiling.localSize
        try context.launch(kernel, globalSize: [groupsX * local[0], groupsY * local[1], batch], localSize: local,
                           arguments: [
                               try .int(m), try .int(n), try .int(k),
                               .buffer(a), try .int(strideA), .buffer(b), try .int(strideB),
                               .buffer(c), try .int(strideC), .buffer(bias ?? c), .float(alpha), .float(beta),
                           ])
    }
}
