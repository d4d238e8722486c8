import Logging
import PostgresNIO
import ResultStore

/// One transaction on the server: ResultStore's statements with `?` renumbered, values bound by type (BIGINT,
/// DOUBLE PRECISION, TEXT, BYTEA) and read back into the same `StoreValue`s SQLite gives.
struct PostgreSQLStoreConnection: StoreConnection {
    let connection: PostgresConnection
    let logger: Logger
    /// The URL without password, for errors.
    let location: String

    var dialect: SQLDialect { .postgresql }

    func execute(_ sql: String, _ arguments: [StoreValue]) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func executeScript(_ sql: String) throws {
        for statement in SQLDialect.statements(of: sql) { _ = try run(statement, []) }
    }

    func fetch(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        try run(sql, arguments).rows.map { row in
            var values: [String: StoreValue] = [:]
            for cell in row where values[cell.columnName] == nil {
                values[cell.columnName] = try value(cell, sql: sql)
            }
            return StoreRow(values)
        }
    }

    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64 {
        let rows = try fetch(sql + " RETURNING id", arguments)
        guard let first = rows.first, case let .integer(id) = first["id"] else {
            throw ResultStoreError.database(path: location, context: "inserting a row", sql: sql,
                                            message: "the server returned no id")
        }
        return id
    }

    /// Runs one statement and waits for every row (the store's API is synchronous; callers are never on an event
    /// loop thread, which `wait()` would refuse).
    func run(_ sql: String, _ arguments: [StoreValue]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: binds.appendNull()
            case let .integer(number): binds.append(number)
            case let .real(number): binds.append(number)
            case let .text(text): binds.append(text)
            case let .blob(bytes): binds.append(ByteBuffer(bytes: bytes))
            }
        }
        let query = PostgresQuery(unsafeSQL: SQLDialect.postgresql.placeholders(sql), binds: binds)
        do {
            return try connection.query(query, logger: logger).wait()
        } catch {
            throw ResultStoreError.database(path: location, context: "a statement", sql: Self.shortened(sql),
                                            message: PostgreSQLStoreError.summary(error))
        }
    }

    private func value(_ cell: PostgresCell, sql: String) throws -> StoreValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
            case .float4, .float8: return .real(try cell.decode(Double.self))
            case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
            case .bytea: return .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
            default: return .text(try cell.decode(String.self))
            }
        } catch {
            throw ResultStoreError.database(path: location, context: "reading column \(cell.columnName)",
                                            sql: Self.shortened(sql), message: "\(error)")
        }
    }

    /// Statements in errors stay on one line.
    static func shortened(_ sql: String) -> String {
        let line = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count > 160 ? String(line.prefix(157)) + "..." : line
    }
}
