import Foundation

/// Where a trial runs. A worker process per trial isolates crashes, hangs and out-of-memory kills and gives
/// each case its own peak RSS; in-process execution serves tests and debugging (a crash there ends the run).
public enum CaseIsolation: Sendable, Equatable {
    case inProcess
    case worker(WorkerCommand)

    /// Stored with the run: "in-process" or "process".
    public var label: String {
        switch self {
        case .inProcess: return "in-process"
        case .worker: return "process"
        }
    }
}

/// How to start a worker: an executable and its arguments (for dlbench: itself with `worker`; for tests: a
/// script that speaks or breaks the worker protocol).
public struct WorkerCommand: Sendable, Equatable {
    public var executable: String
    public var arguments: [String]
    /// Added to (or replacing) the parent's environment for the worker; empty: the parent's environment as it is.
    public var environment: [String: String]

    public init(executable: String, arguments: [String] = [], environment: [String: String] = [:]) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// `<running executable> worker`, resolved through /proc/self/exe (falling back to argv[0]); nil when the
    /// path cannot be found.
    public static func currentExecutable(arguments: [String] = ["worker"]) -> WorkerCommand? {
        let fileManager = FileManager.default
        if let resolved = try? fileManager.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
           fileManager.isExecutableFile(atPath: resolved) {
            return WorkerCommand(executable: resolved, arguments: arguments)
        }
        guard let first = CommandLine.arguments.first, !first.isEmpty else { return nil }
        let path = first.hasPrefix("/") ? first : fileManager.currentDirectoryPath + "/" + first
        return fileManager.isExecutableFile(atPath: path) ? WorkerCommand(executable: path, arguments: arguments) : nil
    }
}
