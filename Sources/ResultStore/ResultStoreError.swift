import Foundation
import GRDB

/// Why the result database could not be used, with the file and the statement involved.
///
/// Each case names the database path so a user with several result files knows which one to
/// look at, and `description` is a single actionable line.
public enum ResultStoreError: Error, CustomStringConvertible, Sendable {
    /// The parent directory could not be created or the file could not be opened.
    case cannotOpen(path: String, reason: String)
    /// The file was written by a newer dlbench whose migrations this build does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// A database with tables but none of dlbench's migrations: someone else's file or server database, left untouched.
    case foreignDatabase(path: String, tables: [String])
    /// The file exists and is not empty, but is not a SQLite database.
    case notADatabase(path: String, reason: String)
    /// A write was asked of a store that cannot write: opened read-only, or the file or directory is not writable.
    case notWritable(path: String, reason: String)
    /// A statement failed (SQLite's or the PostgreSQL server's message).
    case database(path: String, context: String, sql: String?, message: String)
    /// A row referred to by id does not exist.
    case missingRow(path: String, table: String, id: Int64)
    /// A stored value does not hold what its column must (e.g. `started_at = 'garbage'`, written by hand).
    case badValue(path: String, table: String, id: Int64, column: String, found: String, expected: String)
    /// A stored value is readable but inconsistent (e.g. it refers to a row that is not there).
    case corruptValue(path: String, table: String, id: Int64, column: String, reason: String)
    /// A value could not be encoded for storage.
    case encoding(path: String, context: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open result database \(path): \(reason) — check the path, and that the directory exists and is readable"
        case let .newerSchema(path, unknown):
            return "result database \(path) was written by a newer dlbench (unknown migrations: "
                + "\(unknown.joined(separator: ", "))) — upgrade dlbench or pass another --db file"
        case let .foreignDatabase(path, tables):
            let kind = path.contains("://") ? "database" : "SQLite database"
            return "\(path) is a \(kind) that dlbench did not create (tables: \(Self.list(tables))); "
                + "it was left unchanged — pass a new \(path.contains("://") ? "database" : "path") to --db"
        case let .notADatabase(path, reason):
            return "\(path) is not a SQLite database (\(reason)); it was left unchanged — pass a new path to --db"
        case let .notWritable(path, reason):
            return "result database \(path) cannot be written: \(reason) — pass a writable --db path "
                + "(runs, report, compare and check can still read this one)"
        case let .database(path, context, sql, message):
            let statement = sql.map { " [SQL: \($0)]" } ?? ""
            return "result database \(path): \(context) failed: \(message)\(statement)"
        case let .missingRow(path, table, id):
            return "result database \(path): no row \(id) in table \(table) — check the id (see `dlbench runs`)"
        case let .badValue(path, table, id, column, found, expected):
            return "result database \(path): \(table) id \(id), column \(column): \(found) is not \(expected)"
                + " — the file may have been edited by hand; fix or delete that row"
        case let .corruptValue(path, table, id, column, reason):
            return "result database \(path): \(table) id \(id), column \(column): \(reason) — the file may have been edited by hand"
        case let .encoding(path, context, reason):
            return "result database \(path): cannot encode \(context): \(reason)"
        }
    }

    /// At most 8 names, so a big foreign schema still fits on one line.
    private static func list(_ names: [String]) -> String {
        names.count <= 8 ? names.joined(separator: ", ")
            : names.prefix(8).joined(separator: ", ") + ", … (\(names.count) in all)"
    }

    /// Wraps any error thrown by GRDB (or a backend) during `context` into a `.database` error.
    static func wrap(_ error: Error, path: String, context: String) -> ResultStoreError {
        if let storeError = error as? ResultStoreError { return storeError }
        if let databaseError = error as? DatabaseError {
            return .database(path: path, context: context, sql: databaseError.sql,
                             message: databaseError.message ?? "\(databaseError.resultCode)")
        }
        return .database(path: path, context: context, sql: nil, message: "\(error)")
    }
}
