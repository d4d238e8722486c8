import Foundation
import Measurement

/// One fetched row of one table, decoded column by column with typed errors that name the file, table, row id and
/// column, so a single hand-edited value makes readers report it instead of crashing (issue #15).
struct StoredRow {
    let row: StoreRow
    let table: String
    let id: Int64
    let path: String

    /// `idColumn` is the selected column holding the row's id (`rowid` for tables without an `id`).
    init(_ row: StoreRow, table: String, idColumn: String = "id", path: String) throws {
        self.row = row
        self.table = table
        self.path = path
        // Row ids are integers by construction; 0 only names the row if the query selected something odd.
        self.id = Int64.stored(from: row[idColumn]) ?? 0
    }

    /// The raw value of `column` (which the query must select).
    func databaseValue(_ column: String) throws -> StoreValue {
        guard row.contains(column) else {
            throw ResultStoreError.database(path: path, context: "reading \(table)", sql: nil,
                                            message: "the query selected no column \(column)")
        }
        return row[column]
    }

    /// A NOT NULL column.
    func value<T: StoredValue>(_ column: String) throws -> T {
        let value = try databaseValue(column)
        guard !value.isNull else { throw problem(column, value, noun: T.storedNoun, form: T.storedForm) }
        guard let decoded = T.stored(from: value) else {
            throw problem(column, value, noun: T.storedNoun, form: T.storedForm)
        }
        return decoded
    }

    /// A nullable column: NULL is nil, anything else must decode.
    func optional<T: StoredValue>(_ column: String) throws -> T? {
        let value = try databaseValue(column)
        if value.isNull { return nil }
        guard let decoded = T.stored(from: value) else {
            throw problem(column, value, noun: T.storedNoun, form: T.storedForm)
        }
        return decoded
    }

    /// A machine's fingerprint, stored as JSON text.
    func fingerprint(_ column: String) throws -> EnvironmentFingerprint {
        let text: String = try value(column)
        do {
            return try JSONDecoder().decode(EnvironmentFingerprint.self, from: Data(text.utf8))
        } catch {
            throw problem(column, try databaseValue(column), noun: "an environment fingerprint",
                          form: "JSON as dlbench writes it; \(Self.summary(of: error))")
        }
    }

    /// A decoding error in a few words (its full description repeats the coding path and context).
    private static func summary(of error: Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        let context: DecodingError.Context
        switch decodingError {
        case let .dataCorrupted(found), let .keyNotFound(_, found), let .typeMismatch(_, found),
             let .valueNotFound(_, found):
            context = found
        @unknown default:
            return "\(error)"
        }
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
    }

    func problem(_ column: String, _ value: StoreValue, noun: String, form: String) -> ResultStoreError {
        .badValue(path: path, table: table, id: id, column: column, found: value.storedDescription,
                  expected: "\(noun) (expected \(form))")
    }
}
