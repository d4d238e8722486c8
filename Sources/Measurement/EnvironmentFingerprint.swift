import Foundation

/// What machine and software produced a set of results.
///
/// Benchmark numbers are only comparable when they come from the same hardware, OS, toolchain,
/// BLAS build and thread count. The fingerprint is stored with every run, and `identityHash`
/// decides which results may be pooled: results of different identities are never pooled.
public struct EnvironmentFingerprint: Sendable, Codable, Equatable, Hashable {
    public var cpuModel: String
    /// The ISA extensions that matter for numeric kernels (avx2, avx512f, fma, …), sorted.
    public var cpuFlags: [String]
    public var logicalCores: Int
    public var memoryBytes: UInt64
    /// PRETTY_NAME from /etc/os-release, or the system name when that file is missing.
    public var osName: String
    /// `uname` system name, release and machine, e.g. "Linux 6.8.0-45-generic x86_64".
    public var kernel: String
    public var swiftVersion: String
    public var openBLASConfig: String
    public var openBLASCore: String
    /// Worker threads the benchmark was configured with.
    public var threads: Int
    /// One "platform / device / driver" entry per OpenCL device; empty when no platform exists.
    public var openCLDevices: [String]
    public var gitCommit: String?
    public var gitDirty: Bool?
    /// OPENBLAS_*, OMP_*, GOTO_* and DLBENCH_* variables, which change kernel behaviour.
    public var environmentVariables: [String: String]
    public var loadAverage1m: Double?
    /// CPU frequency governor of cpu0 (`performance`, `powersave`, …); nil where cpufreq is not exposed.
    public var scalingGovernor: String?
    /// How workers are given threads (`ThreadPolicy.summary`); nil in runs recorded before the policy existed.
    public var threadPolicy: String?
    /// The CPUs the runner could use (workers take the first `threads` of them); nil in older runs.
    public var allowedCPUs: [Int]?

    public init(
        cpuModel: String, cpuFlags: [String], logicalCores: Int, memoryBytes: UInt64,
        osName: String, kernel: String, swiftVersion: String, openBLASConfig: String,
        openBLASCore: String, threads: Int, openCLDevices: [String], gitCommit: String?,
        gitDirty: Bool?, environmentVariables: [String: String], loadAverage1m: Double?,
        scalingGovernor: String? = nil, threadPolicy: String? = nil, allowedCPUs: [Int]? = nil
    ) {
        self.cpuModel = cpuModel
        self.cpuFlags = cpuFlags
        self.logicalCores = logicalCores
        self.memoryBytes = memoryBytes
        self.osName = osName
        self.kernel = kernel
        self.swiftVersion = swiftVersion
        self.openBLASConfig = openBLASConfig
        self.openBLASCore = openBLASCore
        self.threads = threads
        self.openCLDevices = openCLDevices
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.environmentVariables = environmentVariables
        self.loadAverage1m = loadAverage1m
        self.scalingGovernor = scalingGovernor
        self.threadPolicy = threadPolicy
        self.allowedCPUs = allowedCPUs
    }

    /// Hex SHA-256 over the fields that define the machine and the software stack.
    ///
    /// Included: CPU model and flags, cores, memory, OS, kernel, Swift version, OpenBLAS config
    /// and core, threads, OpenCL devices, git commit, the relevant environment variables and the
    /// frequency governor (only when readable, so hashes of machines without cpufreq are unchanged), and the thread
    /// policy with the allowed CPUs (absent from older runs, whose hashes stay as they were).
    /// Excluded: `loadAverage1m` (a measurement of the moment, not of the setup) and `gitDirty`
    /// (a flag cannot say *what* changed, and a dirty tree during development should still pool
    /// with itself; the commit is what identifies the code). The hashed text is a fixed,
    /// line-based canonical form, so the hash does not depend on JSON key order or encoder
    /// version.
    public var identityHash: String {
        SHA256Hex.digest(of: identityText)
    }

    /// The canonical text hashed by `identityHash`; useful to see why two identities differ.
    public var identityText: String {
        var lines = [
            "cpu_model=\(cpuModel)",
            "cpu_flags=\(cpuFlags.sorted().joined(separator: ","))",
            "logical_cores=\(logicalCores)",
            "memory_bytes=\(memoryBytes)",
            "os_name=\(osName)",
            "kernel=\(kernel)",
            "swift_version=\(swiftVersion)",
            "openblas_config=\(openBLASConfig)",
            "openblas_core=\(openBLASCore)",
            "threads=\(threads)",
            "git_commit=\(gitCommit ?? "")",
        ]
        if let scalingGovernor { lines.append("scaling_governor=\(scalingGovernor)") }
        if let threadPolicy { lines.append("thread_policy=\(threadPolicy)") }
        if let allowedCPUs { lines.append("allowed_cpus=\(allowedCPUs.map(String.init).joined(separator: ","))") }
        lines += openCLDevices.map { "opencl_device=\($0)" }
        lines += environmentVariables.keys.sorted().map { "env.\($0)=\(environmentVariables[$0] ?? "")" }
        return lines.joined(separator: "\n")
    }
}
