import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension EnvironmentFingerprint {
    /// CPU flags worth recording: the ones that select different BLAS and kernel code paths.
    static let relevantCPUFlags: Set<String> = [
        "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni",
        "avx512_bf16", "avx512_fp16", "amx_tile", "amx_bf16", "asimd", "sve",
    ]

    /// Environment variable prefixes that change numeric or threading behaviour.
    static let relevantVariablePrefixes = ["OPENBLAS_", "OMP_", "GOTO_", "DLBENCH_"]

    /// What the libraries dlbench measures with report about themselves. Read by the caller that links them
    /// (Runner: OpenBLAS and OpenCL), so Measurement, and everything that only stores or reports, links neither.
    public struct Libraries: Sendable, Equatable {
        public var openBLASConfig: String
        public var openBLASCore: String
        public var openCLDevices: [String]

        public init(openBLASConfig: String = "unknown", openBLASCore: String = "unknown", openCLDevices: [String] = []) {
            self.openBLASConfig = openBLASConfig
            self.openBLASCore = openBLASCore
            self.openCLDevices = openCLDevices
        }
    }

    /// Reads the current machine and process. Never throws: a field that cannot be read is
    /// "unknown" (or nil / empty), so a fingerprint is always recorded.
    public static func collect(threads: Int, libraries: Libraries) -> EnvironmentFingerprint {
        let cpuInfo = CPUInfo.read()
        let git = GitState.ofRunningBinary()
        return EnvironmentFingerprint(
            cpuModel: cpuInfo.model,
            cpuFlags: cpuInfo.flags,
            logicalCores: ProcessInfo.processInfo.processorCount,
            memoryBytes: ProcessInfo.processInfo.physicalMemory,
            osName: readOSName(),
            kernel: readKernel(),
            swiftVersion: compilerVersion,
            openBLASConfig: libraries.openBLASConfig,
            openBLASCore: libraries.openBLASCore,
            threads: threads,
            openCLDevices: libraries.openCLDevices,
            gitCommit: git.commit,
            gitDirty: git.dirty,
            environmentVariables: relevantEnvironment(ProcessInfo.processInfo.environment),
            loadAverage1m: readLoadAverage(),
            scalingGovernor: readScalingGovernor()
        )
    }

    static func relevantEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter { key, _ in relevantVariablePrefixes.contains { key.hasPrefix($0) } }
    }

    static func readOSName() -> String {
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
                let value = line.dropFirst("PRETTY_NAME=".count)
                return value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        return ProcessInfo.processInfo.operatingSystemVersionString
    }

    static func readKernel() -> String {
        var names = utsname()
        guard uname(&names) == 0 else { return "unknown" }
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { buffer in
                let bytes = buffer.prefix { $0 != 0 }
                return String(decoding: bytes, as: UTF8.self)
            }
        }
        return [field(names.sysname), field(names.release), field(names.machine)].joined(separator: " ")
    }

    /// cpu0's cpufreq governor; nil in VMs and containers that do not expose cpufreq.
    static func readScalingGovernor(path: String = "/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor") -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let governor = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return governor.isEmpty ? nil : governor
    }
    public static func readLoadAverage() -> Double? {
        var averages = [Double](repeating: 0, count: 3)
        return getloadavg(&averages, 3) >= 1 ? averages[0] : nil
    }

    /// The compiler that built this binary; Swift offers no runtime query, so a ladder it is.
    static var compilerVersion: String {
        #if compiler(>=6.4)
        return "6.4+"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #elseif compiler(>=6.0)
        return "6.0"
        #else
        return "<6.0"
        #endif
    }
}

/// Model name and relevant flags from /proc/cpuinfo (Linux); "unknown" elsewhere.
struct CPUInfo {
    var model: String
    var flags: [String]

    static func read() -> CPUInfo {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            return CPUInfo(model: "unknown", flags: [])
        }
        return parse(text)
    }

    static func parse(_ text: String) -> CPUInfo {
        var model: String?
        var flags: Set<String> = []
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            switch key {
            case "model name", "Model", "cpu model":
                if model == nil { model = value }
            case "flags", "Features":
                let present = value.split(separator: " ").map(String.init)
                flags.formUnion(present.filter { EnvironmentFingerprint.relevantCPUFlags.contains($0) })
            default:
                continue
            }
        }
        return CPUInfo(model: model ?? "unknown", flags: flags.sorted())
    }
}
