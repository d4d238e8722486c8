import CBLAS
import Foundation
import OpenCLRuntime
import XCTest

/// Not a pass/fail benchmark: prints the OpenCL GEMM's GFLOP/s beside cblas_sgemm measured in the same process,
/// so the log of every CI run shows where the device kernel stands (ratios, not absolute times, are comparable).
final class GEMMThroughputTests: XCTestCase {
    private func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = start.duration(to: .now)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    func testReportsGEMMThroughputBesideCBLAS() throws {
        let context = try OpenCLTestSupport.context()
        var tiling: GEMMTiling?
        if let text = ProcessInfo.processInfo.environment["DLBENCH_GEMM_TILING"] {
            let parts = text.split(separator: ",").compactMap { Int($0) }
            if parts.count == 5 {
                tiling = GEMMTiling(tileM: parts[0], tileN: parts[1], tileK: parts[2], workM: parts[3], workN: parts[4])
            }
        }
        let gemm = try GEMMKernel(context: context, tiling: tiling)
        for size in [256, 1024] {
            let a = OpenCLTestSupport.randomValues(size * size, seed: 21), b = OpenCLTestSupport.randomValues(size * size, seed: 22)
            let deviceA = try context.makeBuffer(values: a), deviceB = try context.makeBuffer(values: b)
            let deviceC = try context.makeBuffer(count: size * size)
            try gemm.encode(m: size, n: size, k: size, a: deviceA, b: deviceB, c: deviceC)
            try context.finish()
            let repetitions = size <= 256 ? 10 : 2
            let openCLSeconds = try seconds {
                for _ in 0..<repetitions { try gemm.encode(m: size, n: size, k: size, a: deviceA, b: deviceB, c: deviceC) }
                try context.finish()
            } / Double(repetitions)
            var c = [Float](repeating: 0, count: size * size)
            let n = Int32(size)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, &c, n)
            let blasSeconds = seconds {
                for _ in 0..<repetitions { cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, &c, n) }
            } / Double(repetitions)
            let flops = 2 * Double(size * size * size)
            let line = String(format: "GEMM %d³ on %@ (tiling %@): OpenCL %.1f GFLOP/s, cblas_sgemm %.1f GFLOP/s",
                              size, context.device.info.deviceName, "\(gemm.tiling)", flops / openCLSeconds * 1e-9,
                              flops / blasSeconds * 1e-9)
            print(line)
        }
    }
}
