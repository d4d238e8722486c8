import ArgumentParser
import Foundation
import PostgreSQLStore
import ResultStore

/// `--db`, shared by every command that reads or writes results.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The results database: a SQLite file, or a shared PostgreSQL database as postgres://USER@HOST:PORT/DATABASE "
            + "(password from PGPASSWORD or ~/.pgpass; see docs/fleet.md).",
        valueName: "path|url"))
    var path = DatabaseOptions.defaultPath

    static let defaultPath = "Results/dlbench.sqlite"

    /// Opens (creating when `creating`) the database. Commands that only read refuse a missing file rather than
    /// leave an empty database behind a typo'd path, and open read-only: they never migrate or modify the file,
    /// so a read-only file, directory or mount can be read.
    func open(creating: Bool = false) throws -> ResultStore { try Self.open(path: path, creating: creating) }

    /// The same for a path given by another option (`--into`, `--db-b`, `--baseline-db`). A `DatabaseOptions` made
    /// by hand has no parsed `--db` to read (ArgumentParser traps on it), so those callers open by path.
    static func open(path: String, creating: Bool = false) throws -> ResultStore {
        if !creating && !PostgreSQLLocation.isServerURL(path) && !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("no results database at \(path); create one with `dlbench run PROTOCOL --db \(path)` "
                                 + "or point --db at an existing file")
        }
        do { return try ResultStore.open(location: path, access: creating ? .readWrite : .readOnly) } catch {
            throw CommandFailure("\(error)")
        }
    }
}

/// A one-line error for the user (a usage or data problem): printed without a stack trace, exit status 2.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
