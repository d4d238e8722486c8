// swift-tools-version:6.0
import PackageDescription
import Foundation

// Kernel targets are compiled for Haswell (AVX2 + FMA, every x86 server CPU since 2013): the baseline x86-64
// target limits the elementwise loops to 4-wide SSE. Measured on W4 (1 thread, fused): see docs/ARCHITECTURE.md.
// DLBENCH_PORTABLE=1 at build time keeps the baseline for older CPUs.
let kernelSettings: [SwiftSetting] = {
    #if arch(x86_64)
    if ProcessInfo.processInfo.environment["DLBENCH_PORTABLE"] == nil {
        return [.unsafeFlags(["-target-cpu", "haswell"])]
    }
    #endif
    return []
}()

// Layers, lowest first: TensorCore → Engines → OpenCLRuntime → OpenCLEngine → Models → ProtocolModel → Measurement/Datasets →
// TrialExecution → ResultStore → PostgreSQLStore → Runner → Reports → dlbench (CLI). A target may depend only on targets above it here.
let package = Package(
    name: "dlbench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dlbench", targets: ["dlbench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // SHA-256 of protocol texts, dataset files and machine identities (on Linux it builds BoringSSL's C sources).
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        // The shared result store for a fleet (`--db postgres://…`); SQLite stays the embedded default.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        // C libraries behind tiny system-library targets.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "COpenCL", path: "Sources/COpenCL"),
        .systemLibrary(name: "CProcessControl", path: "Sources/CProcessControl"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The few kernels where C's code generation beats Swift's by a measured margin (see CKernels.h).
        .target(name: "CKernels"),
        // The one pool of compute threads every parallel kernel and split matrix product shares (see its header).
        .target(name: "CThreadPool"),
        .target(name: "TensorCore", dependencies: ["CBLAS", "CKernels", "CThreadPool"], swiftSettings: kernelSettings),
        .target(name: "Engines", dependencies: ["TensorCore"], swiftSettings: kernelSettings),
        // OpenCL device selection, buffers, program cache and kernels; the GPU engine lowers graphs onto it.
        .target(name: "OpenCLRuntime", dependencies: ["COpenCL", "TensorCore"]),
        // The GPU engine: the fused graph lowered onto OpenCLRuntime (kept apart so Engines stays CPU-only).
        .target(name: "OpenCLEngine", dependencies: ["Engines", "OpenCLRuntime", "TensorCore"]),
        .target(name: "Models", dependencies: ["TensorCore"]),
        .target(name: "Datasets", dependencies: ["CZlib"]),
        .target(name: "ProtocolModel"),
        // Statistics, clocks and the fingerprint's shape: no system C library (Runner fills in OpenBLAS and OpenCL facts);
        // SHA-256 from swift-crypto (its BoringSSL is compiled in, nothing to install).
        .target(name: "Measurement", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "ResultStore", dependencies: [
            "Measurement",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // What runs inside one trial (in a worker): workloads, engines, the step loops, the worker's side of the
        // protocol. No storage: a worker never opens the database.
        .target(name: "TrialExecution", dependencies: [
            "TensorCore", "Engines", "OpenCLRuntime", "OpenCLEngine", "Models", "Datasets", "ProtocolModel", "Measurement",
            "CProcessControl",
        ]),
        // Orchestration: plans cases, starts workers, applies stopping rules, records trials.
        .target(name: "Runner", dependencies: [
            "TrialExecution", "TensorCore", "Engines", "OpenCLRuntime", "Datasets", "ProtocolModel", "Measurement", "ResultStore",
            "CProcessControl", "CBLAS",
        ]),
        // The same store on a PostgreSQL server: ResultStore's queries over postgres-nio, for many machines at once.
        .target(name: "PostgreSQLStore", dependencies: [
            "ResultStore", .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Reports", dependencies: ["ResultStore", "Measurement", "ProtocolModel"]),
        .executableTarget(name: "dlbench", dependencies: [
            "Runner", "TrialExecution", "Reports", "ProtocolModel", "ResultStore", "PostgreSQLStore", "Measurement",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Release-build micro-benchmark: GFLOP/s of kernels and eager training steps beside raw cblas_sgemm.
        .executableTarget(name: "dlbench-microbench", dependencies: ["TensorCore", "Models", "Engines", "CBLAS"],
                          path: "Sources/MicroBenchmark"),

        // Test helpers, split so a test target links only the layer it tests: comparisons and built-binary lookup
        // (XCTest only), tensors and gradient checks (TensorCore), engine-against-eager checks (Engines, Models).
        .target(name: "_TestSupport", path: "Sources/_TestSupport"),
        .target(name: "_TensorTestSupport", dependencies: ["TensorCore", "_TestSupport"], path: "Sources/_TensorTestSupport"),
        .target(name: "_EngineTestSupport", dependencies: ["TensorCore", "Engines", "Models", "_TensorTestSupport", "_TestSupport"],
                path: "Sources/_EngineTestSupport"),

        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "_TensorTestSupport", "_TestSupport"]),
        .testTarget(name: "OpenCLRuntimeTests", dependencies: ["OpenCLRuntime", "TensorCore", "CBLAS", "_TestSupport"]),
        .testTarget(name: "OpenCLEngineTests", dependencies: [
            "OpenCLEngine", "OpenCLRuntime", "Engines", "Models", "TensorCore", "Runner", "ResultStore", "ProtocolModel",
            "_EngineTestSupport", "_TensorTestSupport", "_TestSupport",
        ]),
        .testTarget(name: "EnginesTests", dependencies: [
            "Engines", "Models", "TensorCore", "_EngineTestSupport", "_TensorTestSupport", "_TestSupport",
        ]),
        .testTarget(name: "ModelsTests", dependencies: [
            "Models", "Engines", "TensorCore", "Datasets", "_TensorTestSupport", "_TestSupport",
        ]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "_TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ProtocolModelTests", dependencies: ["ProtocolModel", "_TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "MeasurementTests", dependencies: ["Measurement", "_TestSupport"]),
        .testTarget(name: "ResultStoreTests", dependencies: ["ResultStore", "Measurement", "_TestSupport"]),
        // The store's contract against SQLite and a real PostgreSQL server (scripts/start-test-postgres.sh).
        .testTarget(name: "PostgreSQLStoreTests", dependencies: [
            "PostgreSQLStore", "ResultStore", "Measurement", "_TestSupport",
        ]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "ResultStore", "Measurement", "_TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "TrialExecutionTests", dependencies: ["TrialExecution", "Measurement", "ProtocolModel"]),
        .testTarget(name: "RunnerTests", dependencies: [
            "Runner", "TrialExecution", "Reports", "ResultStore", "ProtocolModel", "_TestSupport",
        ]),
        // Runs the built `dlbench` binary: exit codes, error lines and signals as a user or a script sees them.
        .testTarget(name: "CommandLineTests", dependencies: [
            "ResultStore", "_TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)
