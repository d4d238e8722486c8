/// What the GEMM applies to each output before storing it: `activation(alpha·op(A)·op(B) + beta·C + bias)`.
/// Fusing the bias and activation saves a full pass over C, the matmul+bias+activation pattern of every MLP layer.
public struct GEMMEpilogue: Hashable, Sendable {
    public enum Activation: Int, Hashable, Sendable {
        case none = 0, relu = 1, geluTanh = 2
    }

    public var hasBias: Bool
    public var activation: Activation

    public init(hasBias: Bool = false, activation: Activation = .none) {
        self.hasBias = hasBias
        self.activation = activation
    }

    public static let none = GEMMEpilogue()
}

/// Tile shape of the GEMM: work-group tile TILE_M × TILE_N, K slab TILE_K, WORK_M × WORK_N outputs per work item.
/// GPUs want many threads per group; PoCL wants few, fat work items with long vectors.
public struct GEMMTiling: Hashable, Sendable {
    public let tileM: Int, tileN: Int, tileK: Int
    public let workM: Int, workN: Int

    public init(tileM: Int, tileN: Int, tileK: Int, workM: Int, workN: Int) {
        self.tileM = tileM
        self.tileN = tileN
        self.tileK = tileK
        self.workM = workM
        self.workN = workN
    }

    /// 64×64 tiles with 4×4 per item (256 threads) on a GPU; on a CPU device 64×64 with 8×16 per item (32 fat
    /// work items with float16 rows), the best of the tilings tried on PoCL 3.1 / Zen 4 (≈40 GFLOP/s at 1024³).
    public static func defaultTiling(for device: OpenCLDeviceDescription) -> GEMMTiling {
        device.isGPU ? GEMMTiling(tileM: 64, tileN: 64, tileK: 16, workM: 4, workN: 4)
            : GEMMTiling(tileM: 64, tileN: 64, tileK: 32, workM: 8, workN: 16)
    }

    var localSize: [Int] { [tileN / workN, tileM / workM, 1] }

    func validate() throws {
        let valid = [4, 8, 16].contains(workN) && tileM % workM == 0 && tileN % workN == 0 && tileK > 0
            && (tileN * tileK / workN) > 0
        guard valid else {
            throw OpenCLError.invalidArgument(operation: "GEMMTiling",
                                              reason: "\(self) needs WORK_N in 4, 8, 16 and tiles divisible by the work per item")
        }
    }
}
