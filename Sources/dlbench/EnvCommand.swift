import ArgumentParser
import Foundation
import Measurement
import Runner

/// `dlbench env`: the environment fingerprint results are stored with, plus the harness overhead and any
/// noise warning, so a user can check a machine before benchmarking on it.
struct EnvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Print this machine's environment fingerprint and measurement conditions.",
        discussion: """
        Shows what `dlbench run` records per machine (CPU, ISA flags, memory, OS, Swift, OpenBLAS, OpenCL, git \
        commit, relevant environment variables, frequency governor, load average) with its identity hash — \
        results of different identities are never pooled — then the harness's overhead per timed step and any \
        noise warning. `--json` prints the fingerprint as JSON.
        """
    )

    @Option(help: ArgumentHelp("Thread count to fingerprint (as a protocol machine's `threads`).", valueName: "n"))
    var threads = 1

    @Flag(help: "Print the fingerprint as JSON.")
    var json = false

    func run() throws {
        let fingerprint = EnvironmentFingerprint.collect(threads: threads)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(fingerprint), as: UTF8.self))
            return
        }
        let rows: [(String, String)] = [
            ("cpu", fingerprint.cpuModel), ("cpu flags", fingerprint.cpuFlags.joined(separator: " ")),
            ("logical cores", "\(fingerprint.logicalCores)"),
            ("memory", String(format: "%.1f GiB", Double(fingerprint.memoryBytes) / 1_073_741_824)),
            ("os", fingerprint.osName), ("kernel", fingerprint.kernel), ("swift", fingerprint.swiftVersion),
            ("openblas", "\(fingerprint.openBLASConfig) (core \(fingerprint.openBLASCore))"),
            ("threads", "\(fingerprint.threads)"),
            ("opencl", fingerprint.openCLDevices.isEmpty ? "none" : fingerprint.openCLDevices.joined(separator: "; ")),
            ("git", (fingerprint.gitCommit ?? "unknown") + (fingerprint.gitDirty == true ? " (dirty)" : "")),
            ("env", fingerprint.environmentVariables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                .joined(separator: " ")),
            ("governor", fingerprint.scalingGovernor ?? "not exposed"),
            ("load (1 min)", fingerprint.loadAverage1m.map { String(format: "%.2f", $0) } ?? "unknown"),
            ("identity", fingerprint.identityHash),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows { print(label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value) }
        let overhead = HarnessOverhead.measure()
        print(String(format: "%@  %.0f ns per timed step (median; p99 %.0f ns)",
                     "overhead".padding(toLength: width, withPad: " ", startingAt: 0), overhead.median, overhead.p99))
        let warnings = [NoiseCheck.load(average: fingerprint.loadAverage1m, logicalCores: fingerprint.logicalCores),
                        NoiseCheck.governor(fingerprint.scalingGovernor)].compactMap { $0 }
        for warning in warnings { Terminal.printError("warning: \(warning.message)") }
    }
}
