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
    /// An SQLite statement failed.
    case database(path: String, context: String, sql: String?, message: String)
    /// A row referred to by id does not exist.
    case missingRow(path: String, table: String, id: Int64)
    /// A stored value could not be decoded (for example a fingerprint JSON written by hand).
    case corruptValue(path: String, table: String, id: Int64, column: String, reason: String)
    /// A value could not be encoded for storage.
    case encoding(path: String, context: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open result database \(path): \(reason) — check the directory exists and is writable"
        case let .newerSchema(path, unknown):
            return "result database \(path) was written by a newer dlbench (unknown migrations: "
                + "\(unknown.joined(separator: ", "))) — upgrade dlbench or use another --database file"
        case let .database(path, context, sql, message):
            let statement = sql.map { " [SQL: \($0)]" } ?? ""
            return "result database \(path): \(context) failed: \(message)\(statement)"
        case let .missingRow(path, table, id):
            return "result database \(path): no row \(id) in table \(table) — check the id (see `dlbench runs`)"
        case let .corruptValue(path, table, id, column, reason):
            return "result database \(path): \(table).\(column) of row \(id) is unreadable (\(reason)) — the file may have been edited by hand"
        case let .encoding(path, context, reason):
            return "result database \(path): cannot encode \(context): \(reason)"
        }
    }

    /// Wraps any error thrown by GRDB during `context` into a `.database` error.
    static func wrap(_ error: Error, path: String, context: String) -> ResultStoreError {
        if let storeError = error as? ResultStoreError { return storeError }
        if let databaseError = error as? DatabaseError {
            return .database(path: path, context: context, sql: databaseError.sql,
                             message: databaseError.message ?? "\(databaseError.resultCode)")
        }
        return .database(path: path, context: context, sql: nil, message: "\(error)")
    }
}
