import Foundation
import ProtocolModel
import TrialExecution

/// Turns an external engine's `worker` words into the command to start, finding the executable as a shell would
/// (on PATH unless the word has a '/'). A missing interpreter is a skip with its reason, not a failed case:
/// the framework is optional on any one machine.
enum ExternalCommand {
    static func resolve(_ spec: ExternalWorkerSpec, engine: String) throws -> WorkerCommand {
        guard let first = spec.arguments.first else {
            throw RunnerError.unsupported("engine '\(engine)' has an empty worker command")
        }
        let rest = Array(spec.arguments.dropFirst())
        let fileManager = FileManager.default
        if first.contains("/") {
            let path = first.hasPrefix("/") ? first : fileManager.currentDirectoryPath + "/" + first
            guard fileManager.isExecutableFile(atPath: path) else {
                throw RunnerError.unsupported("engine '\(engine)': worker executable '\(first)' does not exist or is not executable")
            }
            return WorkerCommand(executable: path, arguments: rest, environment: spec.environment)
        }
        let searchPath = spec.environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(first)"
            if fileManager.isExecutableFile(atPath: candidate) {
                return WorkerCommand(executable: candidate, arguments: rest, environment: spec.environment)
            }
        }
        throw RunnerError.unsupported(
            "engine '\(engine)': '\(first)' is not on PATH; install it or give its full path in the engine's \"worker\"")
    }
}
