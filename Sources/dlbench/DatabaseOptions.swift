import ArgumentParser
import ResultStore

/// `--db`, shared by every command that reads or writes results.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("The SQLite results database.", valueName: "path"))
    var path = "Results/dlbench.sqlite"

    func open() throws -> ResultStore {
        do { return try ResultStore(path: path) } catch { throw CommandFailure("\(error)") }
    }
}

/// A one-line error for the user: printed without a stack trace, with a non-zero exit code.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
