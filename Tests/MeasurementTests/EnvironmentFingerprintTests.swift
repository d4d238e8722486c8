import XCTest
@testable import Measurement

final class EnvironmentFingerprintTests: XCTestCase {
    static func sample() -> EnvironmentFingerprint {
        EnvironmentFingerprint(
            cpuModel: "Test CPU", cpuFlags: ["avx2", "fma"], logicalCores: 8, memoryBytes: 16 << 30,
            osName: "Test OS 1.0", kernel: "Linux 6.0 x86_64", swiftVersion: "6.3",
            openBLASConfig: "OpenBLAS 0.3.26", openBLASCore: "Haswell", threads: 4,
            openCLDevices: ["Portable Computing Language / cpu / 5.0"], gitCommit: "abc123", gitDirty: false,
            environmentVariables: ["OPENBLAS_NUM_THREADS": "4"], loadAverage1m: 0.5)
    }

    func testCollectFillsTheFieldsWithoutCrashing() {
        let fingerprint = EnvironmentFingerprint.collect(
            threads: 3, libraries: .init(openBLASConfig: "OpenBLAS 0.3.21", openBLASCore: "Haswell", openCLDevices: ["p / d / 1"]))
        XCTAssertEqual(fingerprint.threads, 3)
        XCTAssertGreaterThan(fingerprint.logicalCores, 0)
        XCTAssertGreaterThan(fingerprint.memoryBytes, 0)
        XCTAssertFalse(fingerprint.cpuModel.isEmpty)
        XCTAssertFalse(fingerprint.kernel.isEmpty)
        XCTAssertEqual(fingerprint.openBLASConfig, "OpenBLAS 0.3.21")
        XCTAssertEqual(fingerprint.openCLDevices, ["p / d / 1"])
        XCTAssertTrue(fingerprint.environmentVariables.keys.allSatisfy { key in
            EnvironmentFingerprint.relevantVariablePrefixes.contains { key.hasPrefix($0) }
        })
    }

    func testIdentityHashIsStableHexAndIgnoresLoadAndDirtiness() {
        let base = Self.sample()
        XCTAssertEqual(base.identityHash.count, 64)
        XCTAssertTrue(base.identityHash.allSatisfy { $0.isHexDigit })
        var busier = base
        busier.loadAverage1m = 7
        busier.gitDirty = true
        XCTAssertEqual(busier.identityHash, base.identityHash)
        var moreThreads = base
        moreThreads.threads = 8
        XCTAssertNotEqual(moreThreads.identityHash, base.identityHash)
        var otherVariable = base
        otherVariable.environmentVariables["OMP_NUM_THREADS"] = "2"
        XCTAssertNotEqual(otherVariable.identityHash, base.identityHash)
    }

    func testCodableRoundTrip() throws {
        let original = Self.sample()
        let decoded = try JSONDecoder().decode(EnvironmentFingerprint.self, from: JSONEncoder().encode(original))
        XCTAssertEqual(decoded, original)
    }

    func testCPUInfoParsing() {
        let text = """
            processor\t: 0
            model name\t: Example CPU @ 3.0GHz
            flags\t\t: fpu sse4_2 avx avx2 fma avx512f tsc
            processor\t: 1
            model name\t: Example CPU @ 3.0GHz
            flags\t\t: fpu sse4_2 avx avx2 fma avx512f tsc
            """
        let info = CPUInfo.parse(text)
        XCTAssertEqual(info.model, "Example CPU @ 3.0GHz")
        XCTAssertEqual(info.flags, ["avx", "avx2", "avx512f", "fma", "sse4_2"])
    }

    func testRelevantEnvironmentFilter() {
        let filtered = EnvironmentFingerprint.relevantEnvironment([
            "OPENBLAS_NUM_THREADS": "1", "OMP_PROC_BIND": "true", "HOME": "/root", "DLBENCH_SEED": "7",
        ])
        XCTAssertEqual(Set(filtered.keys), ["OPENBLAS_NUM_THREADS", "OMP_PROC_BIND", "DLBENCH_SEED"])
    }

    func testGitStateOutsideARepositoryIsNil() {
        let state = GitState.read(in: URL(fileURLWithPath: "/"))
        XCTAssertNil(state.commit)
        XCTAssertNil(state.dirty)
    }

}
